// The Router document: the whole configuration of one node.
import { z } from 'zod';
import { KIND_SCHEMAS, type Resource } from './resources/kinds.js';

const k = KIND_SCHEMAS;
import { metadataSchema, ROUTER_API_VERSION } from './resources/common.js';

export const routerSchema = z
  .strictObject({
    apiVersion: z.literal(ROUTER_API_VERSION),
    kind: z.literal('Router'),
    metadata: metadataSchema,
    spec: z.strictObject({
      resources: z.array(z.discriminatedUnion('kind', [
        k.Interface,
        k.VirtualAddress,
        k.DHCPv4Server,
        k.DHCPv6Server,
        k.DHCPv6PrefixDelegation,
        k.DHCPv4ServerLeaseSync,
        k.DHCPv6ServerLeaseSync,
        k.DHCPv6PrefixDelegationLeaseSync,
        k.DHCPServerPromotion,
      ])).meta({ description: 'The resources of this node.' }),
    }),
  })
  .meta({ title: 'Router', description: 'routerd lease sync configuration for one node.' });

/** A validated configuration: the Router's name (absent for a bare list) and its resources. */
export interface RouterConfig {
  name?: string | undefined;
  resources: Resource[];
}
