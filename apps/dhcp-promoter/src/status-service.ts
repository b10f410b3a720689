// "What is the current state": the NATS services API service `routerd-dhcp-promoter`, endpoint
// `routerd.<node>.dhcp-promoter.status` (`nats micro ls`, `nats req routerd.r1.dhcp-promoter.status ''`).
import type { Logger } from '@routerd/agent';
import {
  DHCP_PROMOTER_ENDPOINTS,
  DHCP_PROMOTER_SERVICE_NAME,
  dhcpPromoterServicePrefix,
  dhcpPromoterStatusRequestSchema,
  summarizeIssues,
  type DhcpPromoterStatusResponse,
  type PromotionStatus,
} from '@routerd/bus';
import type { NatsConnection, Service, ServiceMsg } from 'nats';
import { VERSION } from './version.js';

export type StatusAnswer = { ok: true; response: DhcpPromoterStatusResponse } | { ok: false; code: 400 | 404; message: string };

/** The answer to one request body; pure, so the error texts are tested without a server. */
export function answerStatus(node: string, body: string, statuses: readonly PromotionStatus[]): StatusAnswer {
  let input: unknown = {};
  if (body.trim() !== '') {
    try {
      input = JSON.parse(body);
    } catch {
      return { ok: false, code: 400, message: `expected an empty body or JSON like {"name":"lan-dhcp"}, found ${JSON.stringify(body.slice(0, 60))}` };
    }
  }
  const parsed = dhcpPromoterStatusRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 400, message: `expected an empty body or {"name": "<DHCPServerPromotion>"}, found ${summarizeIssues(parsed.error.issues, input)}` };
  const { name } = parsed.data;
  const matching = name === undefined ? [...statuses] : statuses.filter((s) => s.name === name);
  if (name !== undefined && matching.length === 0) {
    const known = statuses.map((s) => s.name);
    return { ok: false, code: 404, message: `no DHCPServerPromotion ${JSON.stringify(name)} on ${node}; known: ${known.length === 0 ? 'none' : known.join(', ')}` };
  }
  return { ok: true, response: { type: 'dhcp-promoter.status', node, promotions: matching } };
}

export interface StatusServiceOptions {
  nc: NatsConnection;
  node: string;
  log: Logger;
  statuses: () => PromotionStatus[];
}

export async function startStatusService({ nc, node, log, statuses }: StatusServiceOptions): Promise<Service> {
  const service = await nc.services.add({
    name: DHCP_PROMOTER_SERVICE_NAME,
    version: VERSION,
    description: "What each DHCPServerPromotion did to this node's DHCP server.",
    metadata: { node },
  });
  service.addGroup(dhcpPromoterServicePrefix(node)).addEndpoint(DHCP_PROMOTER_ENDPOINTS.status, {
    handler: (error, msg: ServiceMsg) => {
      if (error !== null) {
        log.warn({ err: error }, `status endpoint: ${error.message}`);
        return;
      }
      const answer = answerStatus(node, msg.string(), statuses());
      if (answer.ok) msg.respond(new TextEncoder().encode(JSON.stringify(answer.response)));
      else msg.respondError(answer.code, answer.message);
    },
  });
  return service;
}
