// "What is the current state": the dhcp-promoter's endpoint `routerd.<node>.dhcp-promoter.status`
// (`nats micro ls`, `nats req routerd.r1.dhcp-promoter.status ''`), served the one way @routerd/bus defines.
import type { Logger } from '@routerd/agent';
import { dhcpPromoterStatusEndpoint, serveEndpoint, type BusCounters, type PromotionStatus } from '@routerd/bus';
import type { NatsConnection, Service } from 'nats';

export interface StatusServiceOptions {
  nc: NatsConnection;
  node: string;
  log: Logger;
  statuses: () => PromotionStatus[];
  /** The role subscription's counters, shown by `nats micro stats` (refused roles count as bad). */
  counters?: BusCounters;
}

export async function startStatusService({ nc, node, log, statuses, counters }: StatusServiceOptions): Promise<Service> {
  const bus = counters === undefined ? {} : { counters, stats: () => ({ bus: counters.snapshot() }) };
  return serveEndpoint(nc, dhcpPromoterStatusEndpoint, { node, log, items: statuses, ...bus });
}
