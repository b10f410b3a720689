// vip-watcher → `routerd.<node>.vip.<name>`: the observed role of one VirtualAddress, also sent as a heartbeat.
import { z } from 'zod';
import { ADDRESS_FAMILIES, checkVipAddress, VIRTUAL_ADDRESS_ROLES } from '@routerd/model';
import { countSchema, nodeSchema, resourceNameSchema, timestampSchema } from './common.js';

export const vipRoleEventSchema = z
  .strictObject({
    type: z.literal('vip.role'),
    node: nodeSchema,
    name: resourceNameSchema.meta({ description: 'VirtualAddress name.' }),
    role: z.enum(VIRTUAL_ADDRESS_ROLES),
    address: z.string().meta({ description: 'The virtual address, with or without its /32 or /128.' }),
    interface: resourceNameSchema.meta({ description: 'Interface resource name.' }),
    ifname: z.string().min(1).meta({ description: 'Kernel interface name.' }),
    family: z.enum(ADDRESS_FAMILIES),
    virtualRouterID: z.int().min(1).max(255).optional(),
    priority: z.int().min(0).max(255).optional(),
    observedAt: timestampSchema,
    lastRoleTransitionAt: timestampSchema.meta({ description: 'When the role last changed; unchanged while it holds.' }),
    evidence: z
      .array(z.string().min(1))
      .meta({ description: 'What the role was derived from, e.g. "kernel:present", "keepalived:running", "fifo:MASTER".' }),
    reason: z.string().optional().meta({ description: 'Why the role is what it is, e.g. why it is unknown.' }),
    heartbeatMs: z.int().positive().meta({ description: "The publisher's heartbeat period; consumers derive a freshness bound from it." }),
    seq: countSchema.meta({ description: 'Increases by one per event from one publisher run.' }),
  })
  .superRefine(checkVipAddress)
  .meta({ title: 'VipRoleEvent', description: 'The observed role of a VirtualAddress on a node.' });

export type VipRoleEvent = z.infer<typeof vipRoleEventSchema>;
