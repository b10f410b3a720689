// "What is the current state": the vip-watcher's endpoint `routerd.<node>.vip-watcher.roles`
// (`nats micro ls`, `routerctl describe vip/NAME`), served the one way @routerd/bus defines.
import type { Logger } from '@routerd/agent';
import { serveEndpoint, vipWatcherRolesEndpoint, type VipRoleEvent } from '@routerd/bus';
import type { NatsConnection, Service } from 'nats';

export interface RolesServiceOptions {
  nc: NatsConnection;
  node: string;
  log: Logger;
  events: () => VipRoleEvent[];
  stats?: () => unknown;
}

export async function startRolesService({ nc, node, log, events, stats }: RolesServiceOptions): Promise<Service> {
  return serveEndpoint(nc, vipWatcherRolesEndpoint, { node, log, items: events, ...(stats === undefined ? {} : { stats }) });
}
