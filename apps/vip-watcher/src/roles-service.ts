// "What is the current state": the NATS services API service `routerd-vip-watcher`, endpoint
// `routerd.<node>.vip-watcher.roles` (`nats micro ls`, `routerctl describe vip/NAME`).
import type { Logger } from '@routerd/agent';
import {
  summarizeIssues,
  VIP_WATCHER_ENDPOINTS,
  VIP_WATCHER_SERVICE_NAME,
  vipWatcherRolesRequestSchema,
  vipWatcherServicePrefix,
  type VipRoleEvent,
  type VipWatcherRolesResponse,
} from '@routerd/bus';
import type { NatsConnection, Service, ServiceMsg } from 'nats';
import { VERSION } from './version.js';

// The contract lives in @routerd/bus; re-exported under this app's historical names.
export {
  VIP_WATCHER_ENDPOINTS,
  VIP_WATCHER_SERVICE_NAME,
  vipWatcherRolesRequestSchema as rolesRequestSchema,
  vipWatcherRolesResponseSchema as rolesResponseSchema,
  vipWatcherRolesSubject,
  vipWatcherServicePrefix,
} from '@routerd/bus';
export type { VipWatcherRolesRequest as RolesRequest, VipWatcherRolesResponse as RolesResponse } from '@routerd/bus';

export type RolesAnswer = { ok: true; response: VipWatcherRolesResponse } | { ok: false; code: 400 | 404; message: string };

/** The answer to one request body; pure, so the error texts are tested without a server. */
export function answerRoles(node: string, body: string, events: readonly VipRoleEvent[]): RolesAnswer {
  let input: unknown = {};
  if (body.trim() !== '') {
    try {
      input = JSON.parse(body);
    } catch {
      return { ok: false, code: 400, message: `expected an empty body or JSON like {"name":"lan-vip"}, found ${JSON.stringify(body.slice(0, 60))}` };
    }
  }
  const parsed = vipWatcherRolesRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 400, message: `expected an empty body or {"name": "<VirtualAddress>"}, found ${summarizeIssues(parsed.error.issues, input)}` };
  const { name } = parsed.data;
  if (name === undefined) return { ok: true, response: { type: 'vip-watcher.roles', node, events: [...events] } };
  const event = events.find((e) => e.name === name);
  if (event === undefined) {
    const known = events.map((e) => e.name);
    return { ok: false, code: 404, message: `no VirtualAddress ${JSON.stringify(name)} on ${node}; known: ${known.length === 0 ? 'none' : known.join(', ')}` };
  }
  return { ok: true, response: { type: 'vip-watcher.roles', node, events: [event] } };
}

export interface RolesServiceOptions {
  nc: NatsConnection;
  node: string;
  log: Logger;
  events: () => VipRoleEvent[];
  stats?: () => unknown;
}

export async function startRolesService({ nc, node, log, events, stats }: RolesServiceOptions): Promise<Service> {
  const service = await nc.services.add({
    name: VIP_WATCHER_SERVICE_NAME,
    version: VERSION,
    description: 'The observed role of each VirtualAddress on this node.',
    metadata: { node },
    ...(stats === undefined ? {} : { statsHandler: () => Promise.resolve(stats()) }),
  });
  service.addGroup(vipWatcherServicePrefix(node)).addEndpoint(VIP_WATCHER_ENDPOINTS.roles, {
    handler: (error, msg: ServiceMsg) => {
      if (error !== null) {
        log.warn({ err: error }, `roles endpoint: ${error.message}`);
        return;
      }
      const answer = answerRoles(node, msg.string(), events());
      if (answer.ok) msg.respond(new TextEncoder().encode(JSON.stringify(answer.response)));
      else msg.respondError(answer.code, answer.message);
    },
  });
  return service;
}
