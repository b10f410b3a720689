// The world the vip-watcher core's tests drive: what `ip -j addr show` prints (or throws), keepalived's
// process, and every event published, decoded as a subscriber would.
import { decode, vipRoleEventSchema, type VipRoleEvent } from '@routerd/bus';
import type { KeepalivedObservation } from '../derive-role.js';
import { parseIpAddrJson } from '@routerd/agent';
import { createRoleStore } from '../role-store.js';
import type { VipWatcherDeps } from '../vip-watcher.js';
import { configWith, IP_ADDR_ABSENT, memoryLogger } from './fixtures.js';

export interface CoreHarness {
  published: { subject: string; event: VipRoleEvent }[];
  /** The next kernel reads' answer: `ip -j addr show` output, or the error they throw. */
  kernel: string | Error;
  keepalived: KeepalivedObservation;
  /** How many times the kernel was read. */
  reads: number;
  /** The core's dependencies on this world: lan-vip (192.0.2.1/32) and lan-vip6 (2001:db8::1) on lan0. */
  deps(overrides?: Partial<VipWatcherDeps>): VipWatcherDeps;
  /** The last event published for `name`. */
  last(name: string): VipRoleEvent | undefined;
}

export function coreHarness(storeDir: string): CoreHarness {
  const h: CoreHarness = {
    published: [],
    kernel: IP_ADDR_ABSENT,
    keepalived: { state: 'running', pid: 4242 },
    reads: 0,
    deps: (overrides = {}) => ({
      node: 'r1',
      config: configWith([{ name: 'lan-vip', address: '192.0.2.1/32' }, { name: 'lan-vip6', address: '2001:db8::1' }]),
      log: memoryLogger().log,
      publish: (subject, data) => {
        const result = decode(vipRoleEventSchema, data, subject);
        if (!result.ok) throw result.error;
        h.published.push({ subject, event: result.value });
      },
      readAddresses: () => {
        h.reads += 1;
        return typeof h.kernel === 'string' ? Promise.resolve(parseIpAddrJson(h.kernel)) : Promise.reject(h.kernel);
      },
      checkKeepalived: () => Promise.resolve(h.keepalived),
      store: createRoleStore(storeDir),
      ...overrides,
    }),
    last: (name) => h.published.filter((p) => p.event.name === name).at(-1)?.event,
  };
  return h;
}
