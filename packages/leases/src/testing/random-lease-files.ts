// Seeded random dnsmasq lease files for the merge's property tests: a base, and a live and an
// incoming file each derived from it by renewals, releases and grants, over small pools of
// addresses and clients so that keys and addresses collide often.

/** mulberry32: a small seeded generator, so a failing case is replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RandomLease {
  readonly family: 'v4' | 'v6';
  readonly address: string;
  readonly expiry: number;
  /** The line after the expiry: v4 `<mac> <ip> * <client-id>`, v6 `<iaid> <ip> * <duid>`. */
  readonly id: string;
}

export interface RandomLeaseFile {
  readonly leases: readonly RandomLease[];
  readonly serverDuid: string | undefined;
}

const V4_ADDRESSES = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5', '192.0.2.6'];
const V6_ADDRESSES = ['2001:db8::1', '2001:db8::2', '2001:db8::3', '2001:db8::4', '2001:db8::5'];
const MACS = ['02:00:00:00:30:10', '02:00:00:00:30:11', '02:00:00:00:30:12'];
const CLIENT_IDS = ['*', '*', '01:02:00:00:00:30:10', '01:02:00:00:00:30:11'];
const IAIDS = ['1', '2', 'T1', '12304'];
const DUIDS = ['00:01:00:01:32:9a:1c:6b:02:00:00:00:30:10', '00:01:00:01:32:9a:1c:6c:02:00:00:00:30:11', '00:03:00:01:02:00:00:00:30:12'];
const SERVER_DUIDS = ['00:01:00:01:32:9a:1c:65:02:00:00:00:30:01', '00:01:00:01:32:9a:1c:65:02:00:00:00:30:02'];

export class LeaseFileGenerator {
  readonly #random: () => number;
  readonly now: number;

  constructor(seed: number, now = 1_800_000_000) {
    this.#random = seededRandom(seed);
    this.now = now;
  }

  chance(p: number): boolean {
    return this.#random() < p;
  }

  #pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.#random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Infinite, already expired, or a few minutes to hours ahead. */
  #expiry(): number {
    const roll = this.#random();
    if (roll < 0.1) return 0;
    if (roll < 0.25) return this.now - 1 - Math.floor(this.#random() * 600);
    return this.now + 1 + Math.floor(this.#random() * 7200);
  }

  #grant(family: 'v4' | 'v6', address: string): RandomLease {
    if (family === 'v4') {
      const mac = this.#pick(MACS);
      const clientId = this.#pick(CLIENT_IDS);
      return { family, address, expiry: this.#expiry(), id: `${mac} ${address} * ${clientId}` };
    }
    return { family, address, expiry: this.#expiry(), id: `${this.#pick(IAIDS)} ${address} * ${this.#pick(DUIDS)}` };
  }

  /** A file of a few leases; one lease per address, as dnsmasq keeps it. */
  file(): RandomLeaseFile {
    return this.changed({ leases: [], serverDuid: undefined }, 0.6);
  }

  /** `from` after renewals, releases and grants (`releases`: chance per lease; `grants`: per free address). */
  changed(from: RandomLeaseFile, grants = 0.2, releases = 0.15): RandomLeaseFile {
    const leases: RandomLease[] = [];
    for (const lease of from.leases) {
      if (this.chance(releases)) continue;
      leases.push(this.chance(0.2) ? { ...lease, expiry: this.#expiry() } : lease);
    }
    for (const [family, pool] of [['v4', V4_ADDRESSES], ['v6', V6_ADDRESSES]] as const) {
      for (const address of pool) {
        if (!leases.some((l) => l.address === address) && this.chance(grants)) leases.push(this.#grant(family, address));
      }
    }
    let serverDuid = this.chance(0.1) ? (this.chance(0.3) ? undefined : this.#pick(SERVER_DUIDS)) : from.serverDuid;
    if (serverDuid === undefined && leases.some((l) => l.family === 'v6')) serverDuid = this.#pick(SERVER_DUIDS);
    return { leases, serverDuid };
  }

  /** Unchanged from `from` (half the time), or changed. */
  maybeChanged(from: RandomLeaseFile): RandomLeaseFile {
    return this.chance(0.5) ? from : this.changed(from);
  }
}

/** dnsmasq's layout: v4 lines, the duid line, v6 lines. */
export function renderLeaseFile(file: RandomLeaseFile): string {
  const line = (l: RandomLease): string => `${l.expiry} ${l.id}\n`;
  const v4 = file.leases.filter((l) => l.family === 'v4').map(line);
  const v6 = file.leases.filter((l) => l.family === 'v6').map(line);
  return [...v4, file.serverDuid === undefined ? '' : `duid ${file.serverDuid}\n`, ...v6].join('');
}
