// "What is the current state": the dhcp-promoter's endpoint `routerd.<node>.dhcp-promoter.status`
// (`nats micro ls`, `nats req routerd.r1.dhcp-promoter.status ''`), served the one way @routerd/bus defines.
import type { Logger } from '@routerd/agent';
import { dhcpPromoterStatusEndpoint, serveEndpoint, type PromotionStatus } from '@routerd/bus';
import type { NatsConnection, Service } from 'nats';

export interface StatusServiceOptions {
  nc: NatsConnection;
  node: string;
  log: Logger;
  statuses: () => PromotionStatus[];
}

export async function startStatusService({ nc, node, log, statuses }: StatusServiceOptions): Promise<Service> {
  return serveEndpoint(nc, dhcpPromoterStatusEndpoint, { node, log, items: statuses });
}
