// Who may publish and subscribe to what on one node's bus: the one definition nats-server's
// `authorization` is rendered from (routerctl render nats) and the permissions tests check.
import type { Endpoint } from './endpoint.js';
import { dhcpPromoterStatusEndpoint, ENDPOINTS, leaseWatcherFilesEndpoint, syncerStatusEndpoint, vipWatcherRolesEndpoint } from './endpoints.js';
import { promotionWildcard } from './promotion-subjects.js';
import { ALL_SUBJECTS, leaseWildcard, reconcileWildcard, syncWildcard, vipWildcard } from './subjects.js';
import { nodeToken } from './tokens.js';

/** Every client of the bus: the four agents, the metrics exporter and routerctl (the operator); the last two read only. */
export const BUS_IDENTITIES = ['vip-watcher', 'lease-watcher', 'syncer', 'dhcp-promoter', 'metrics-exporter', 'routerctl'] as const;
export type BusIdentity = (typeof BUS_IDENTITIES)[number];

/** The services API's discovery subjects (`nats micro ls|info|stats`). */
export const SERVICE_API_SUBJECTS = '$SRV.>';
/** Where nats.js and the nats CLI receive replies to their requests. */
export const REPLY_INBOXES = '_INBOX.>';

/** One identity's permissions, as nats-server's `permissions` block holds them. */
export interface BusPermissions {
  /** Subjects it may publish to (nats-server `publish.allow`). */
  readonly publish: readonly string[];
  /** Subjects it may subscribe to (nats-server `subscribe.allow`). */
  readonly subscribe: readonly string[];
  /** May answer the requests it receives (nats-server `allow_responses`): every agent serves an endpoint. */
  readonly allowResponses: boolean;
}

/** What an agent serving `endpoint` subscribes to: its endpoint and the discovery verbs to its own service. */
function serving(endpoint: Endpoint, node: string): string[] {
  return [endpoint.subject(node), '$SRV.*', `$SRV.*.${endpoint.service}`, `$SRV.*.${endpoint.service}.*`];
}

function agent(node: string, endpoint: Endpoint, publish: string[], subscribe: string[]): BusPermissions {
  return { publish, subscribe: [...subscribe, ...serving(endpoint, node)], allowResponses: true };
}

/** The permissions of `identity` on the bus of `node`; throws SubjectError for a node that is not one token. */
export function busPermissions(identity: BusIdentity, node: string): BusPermissions {
  nodeToken(node);
  switch (identity) {
    case 'vip-watcher':
      return agent(node, vipWatcherRolesEndpoint, [vipWildcard(node)], []);
    case 'lease-watcher':
      return agent(node, leaseWatcherFilesEndpoint, [leaseWildcard(node)], []);
    case 'syncer':
      return agent(node, syncerStatusEndpoint, [syncWildcard(node), reconcileWildcard(node)], [vipWildcard(node), promotionWildcard(node), leaseWildcard(node)]);
    case 'dhcp-promoter':
      return agent(node, dhcpPromoterStatusEndpoint, [promotionWildcard(node), reconcileWildcard(node)], [vipWildcard(node)]);
    case 'metrics-exporter':
      // Read-only, and only what its metrics come from: it publishes nothing and asks no endpoint.
      return { publish: [], subscribe: [syncWildcard(node), vipWildcard(node), promotionWildcard(node)], allowResponses: false };
    case 'routerctl':
      // Read-only: it watches every event and asks the endpoints; it answers nothing.
      return {
        publish: [SERVICE_API_SUBJECTS, ...ENDPOINTS.map((endpoint) => endpoint.subject(node))],
        subscribe: [ALL_SUBJECTS, REPLY_INBOXES],
        allowResponses: false,
      };
  }
}

/** Whether the concrete `subject` matches the NATS pattern `pattern` ("*" one token, ">" the rest). */
export function subjectMatches(pattern: string, subject: string): boolean {
  const want = pattern.split('.');
  const have = subject.split('.');
  for (const [i, token] of want.entries()) {
    if (token === '>') return have.length > i;
    const actual = have[i];
    if (actual === undefined || (token !== '*' && token !== actual)) return false;
  }
  return want.length === have.length;
}

/** Whether `permissions` let their holder publish to the concrete `subject` (replies apart). */
export function mayPublish(permissions: BusPermissions, subject: string): boolean {
  return permissions.publish.some((pattern) => subjectMatches(pattern, subject));
}
