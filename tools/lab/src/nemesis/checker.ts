// The nemesis's count, a pure function of the clients' own records, the serving master's lease file
// and the conflicts the routers reported:
// - granted: each lease a client was bound to (a renew is not a new lease);
// - lost: a client NAKed or bound to another address while its lease was unexpired, unless it was the
//   loser of a reported conflict on that address; and, at the end, a live client's unexpired lease that
//   the serving master's file does not hold (after a renew round, only a lost lease is missing there);
// - duplicates: addresses two live clients hold, both unexpired, at the end;
// - conflicts: an address two clients held at once, both unexpired, by their own records (which is when
//   the routers' files disagree; a file alone would also show a lease its client had released), and
//   any conflict a router reported; reported: those a router's reconcile event named.
import type { RouterId } from '../topology.js';
import type { ClientEvent } from './client-records.js';
import type { ReportedConflict } from './reports.js';

/** Clock slack between a client's stamp and its server's: holds that overlap less than this do not clash. */
export const GRACE_MS = 2_000;

export interface ClientRecord {
  id: string;
  mac: string;
  events: readonly ClientEvent[];
}

export interface CheckInput {
  now: number;
  clients: readonly ClientRecord[];
  reports: readonly ReportedConflict[];
  /** The serving master's v4 leases after the last heal and a renew round; absent for a count on the way. */
  master?: { router: RouterId; leases: readonly { mac: string; address: string }[] };
  graceMs?: number;
}

export type LossKind = 'nak' | 're-addressed' | 'unknown to the serving master';

export interface Loss {
  client: string;
  address: string;
  at: number;
  how: LossKind;
  /** When the lease would have expired. */
  expiresAt: number;
}

export interface Conflict {
  address: string;
  clients: string[];
  /** When the clients' holds began to overlap (or the first report). */
  since: number;
  reported: boolean;
}

/** A lease a client holds, unexpired, at the time of the count (live or offline). */
export interface Holding {
  client: string;
  mac: string;
  address: string;
  expiresAt: number;
  live: boolean;
}

export interface CheckResult {
  granted: number;
  renewed: number;
  lost: number;
  duplicates: number;
  conflicts: number;
  reported: number;
  losses: Loss[];
  duplicateAddresses: { address: string; clients: string[] }[];
  conflictList: Conflict[];
  holdings: Holding[];
}

interface Hold {
  address: string;
  from: number;
  expiresAt: number;
}

interface Interval {
  client: string;
  address: string;
  from: number;
  to: number;
}

type Status = 'absent' | 'live' | 'offline';

function conflictKey(address: string, clients: readonly (string | undefined)[]): string {
  return `${address}|${clients.map((c) => c ?? '?').sort().join(',')}`;
}

export function check(input: CheckInput): CheckResult {
  const grace = input.graceMs ?? GRACE_MS;
  const excused = (client: string, address: string) => input.reports.some((r) => r.address === address && r.loser === client);
  const losses: Loss[] = [];
  const intervals: Interval[] = [];
  const finalHolds = new Map<string, { status: Status; hold: Hold | undefined }>();
  let granted = 0;
  let renewed = 0;

  for (const client of input.clients) {
    let hold: Hold | undefined;
    let status: Status = 'absent';
    const end = (at: number) => {
      if (hold !== undefined) intervals.push({ client: client.id, address: hold.address, from: hold.from, to: Math.min(hold.expiresAt, at) });
      hold = undefined;
    };
    const lose = (at: number, how: LossKind) => {
      if (hold !== undefined && at < hold.expiresAt - grace && !excused(client.id, hold.address)) losses.push({ client: client.id, address: hold.address, at, how, expiresAt: hold.expiresAt });
    };
    for (const e of client.events) {
      switch (e.type) {
        case 'bound':
          granted += 1;
          if (hold !== undefined && hold.address !== e.address) lose(e.at, 're-addressed');
          if (hold?.address === e.address && e.at < hold.expiresAt) hold.expiresAt = e.at + e.leaseSec * 1000;
          else {
            end(e.at);
            hold = { address: e.address, from: e.at, expiresAt: e.at + e.leaseSec * 1000 };
          }
          break;
        case 'renew':
          renewed += 1;
          if (hold?.address === e.address) hold.expiresAt = e.at + e.leaseSec * 1000;
          else {
            end(e.at);
            hold = { address: e.address, from: e.at, expiresAt: e.at + e.leaseSec * 1000 };
          }
          break;
        case 'nak':
          lose(e.at, 'nak');
          end(e.at);
          break;
        case 'driver':
          if (e.action === 'release') {
            end(e.at);
            status = 'absent';
          } else if (e.action === 'offline') status = 'offline';
          else if (e.action === 'join' || e.action === 'return') status = 'live';
          break;
        case 'deconfig':
        case 'leasefail':
          // udhcpc deconfigures at every start and before each new discovery: the lease, not the
          // interface, is what the client holds (it asks for the address again when it returns).
          break;
      }
    }
    finalHolds.set(client.id, { status, hold: hold === undefined ? undefined : { ...hold } });
    end(input.now);
  }

  const conflicts = new Map<string, Conflict>();
  for (let i = 0; i < intervals.length; i++) {
    for (let j = i + 1; j < intervals.length; j++) {
      const a = intervals[i] as Interval;
      const b = intervals[j] as Interval;
      if (a.address !== b.address || a.client === b.client) continue;
      const since = Math.max(a.from, b.from);
      if (Math.min(a.to, b.to) - since <= grace) continue;
      const key = conflictKey(a.address, [a.client, b.client]);
      const known = conflicts.get(key);
      if (known === undefined || since < known.since) conflicts.set(key, { address: a.address, clients: [a.client, b.client].sort(), since, reported: false });
    }
  }
  for (const r of input.reports) {
    const key = conflictKey(r.address, [r.winner, r.loser]);
    const known = conflicts.get(key);
    if (known !== undefined) known.reported = true;
    else conflicts.set(key, { address: r.address, clients: [r.winner ?? '?', r.loser ?? '?'].sort(), since: r.at, reported: true });
  }

  const holdings: Holding[] = [];
  for (const [id, v] of finalHolds) {
    if (v.hold === undefined || v.status === 'absent' || input.now >= v.hold.expiresAt - grace) continue;
    holdings.push({ client: id, mac: input.clients.find((c) => c.id === id)?.mac ?? '', address: v.hold.address, expiresAt: v.hold.expiresAt, live: v.status === 'live' });
  }
  const live = [...finalHolds.entries()].filter(([, v]) => v.status === 'live' && v.hold !== undefined && input.now < v.hold.expiresAt - grace);
  const byAddress = new Map<string, string[]>();
  for (const [id, v] of live) byAddress.set(v.hold?.address ?? '', [...(byAddress.get(v.hold?.address ?? '') ?? []), id]);
  const duplicateAddresses = [...byAddress.entries()].filter(([, ids]) => ids.length > 1).map(([address, ids]) => ({ address, clients: ids.sort() }));

  if (input.master !== undefined) {
    const held = new Set(input.master.leases.map((l) => `${l.mac.toLowerCase()} ${l.address}`));
    for (const [id, v] of live) {
      const mac = input.clients.find((c) => c.id === id)?.mac.toLowerCase() ?? '';
      const hold = v.hold as Hold;
      if (!held.has(`${mac} ${hold.address}`) && !excused(id, hold.address)) losses.push({ client: id, address: hold.address, at: input.now, how: 'unknown to the serving master', expiresAt: hold.expiresAt });
    }
  }

  const conflictList = [...conflicts.values()].sort((a, b) => a.since - b.since);
  return {
    granted,
    renewed,
    lost: losses.length,
    duplicates: duplicateAddresses.length,
    conflicts: conflictList.length,
    reported: conflictList.filter((c) => c.reported).length,
    losses,
    duplicateAddresses,
    conflictList,
    holdings,
  };
}

/** The holdings a lease file lacks (same MAC and address), leaving out reported conflicts' losers: P4's check after a heal. */
export function notInFile(holdings: readonly Holding[], leases: readonly { mac: string; address: string }[], reports: readonly ReportedConflict[]): Holding[] {
  const held = new Set(leases.map((l) => `${l.mac.toLowerCase()} ${l.address}`));
  return holdings.filter((h) => !held.has(`${h.mac.toLowerCase()} ${h.address}`) && !reports.some((r) => r.address === h.address && r.loser === h.client));
}

/** The run passes only when nothing was lost, no address is held twice and every conflict was reported. */
export function passed(result: CheckResult): boolean {
  return result.lost === 0 && result.duplicates === 0 && result.reported === result.conflicts;
}

/** The nemesis's last line on stdout, in exactly this form. */
export function summaryLine(cycles: number, r: Pick<CheckResult, 'granted' | 'lost' | 'duplicates' | 'conflicts' | 'reported'>): string {
  return `nemesis: ${cycles} cycles, ${r.granted} leases granted, ${r.lost} lost, ${r.duplicates} duplicate addresses, ${r.conflicts} conflicts (${r.reported} reported)`;
}
