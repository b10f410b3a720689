// Three-way merge of dnsmasq lease files (issue 10, spec lease-safety.md: P1, P2, P4).
//
// base = the last file received from the peer, live = this node's file, incoming = the peer's new file.
// Rules, per lease key (v4: the address; v6: IAID, temporary flag and address):
// - live copy == base copy (both absent included): take incoming's copy, deletions included. When that
//   holds for every key and for the duid line, the result is byte-identical to incoming (P1): leases are
//   written in incoming's order, then the ones only live holds, in live's order.
// - live copy changed locally: keep the copy with the later expiry (P2; 0 = infinite beats any). Where
//   the spec is silent: a lease released locally (live absent) while incoming still holds it keeps
//   incoming's copy, so no unexpired lease is lost (the cost is an address held until it expires);
//   equal expiries fall to the smaller client identity, then the smaller line text.
// - Conflict: one address held by a live copy and an incoming copy of different clients (v4: client-id,
//   else MAC; v6: DUID; v6 across IAIDs too). The rank winner (later expiry, then smaller client,
//   then smaller line: never the side) keeps the address, every lease of another client on it is
//   dropped, and each unexpired loser is reported. Both nodes pick the same winner.
// - Expired leases are kept (dnsmasq drops them at its next rewrite), except a loser of a conflict.
//   Keeping them is what lets the normal case stay byte-identical.
// - Server DUID: three-way too: live unchanged since base => incoming's; incoming unchanged => live's;
//   both changed => the smaller of the two (the same on both nodes whichever merges, so they converge,
//   and a merge of the result changes nothing). If none is chosen but v6 leases remain, live's is kept:
//   dnsmasq needs the duid line before v6 lines.

import { compareRank, isUnexpired, leaseEntriesOf, type LeaseEntries, type LeaseEntry } from './lease-entries.js';

export interface LeaseMergeInput {
  /** The last lease file received from the peer ('' when none was). */
  readonly base: string;
  /** This node's current lease file. */
  readonly live: string;
  /** The peer's new lease file. */
  readonly incoming: string;
  /** Unix seconds: decides which leases still hold their address. */
  readonly now: number;
}

export type LeaseSide = 'live' | 'incoming';

export interface ConflictParty {
  readonly client: string;
  readonly expiry: number;
  readonly from: LeaseSide;
}

/** One address held by two clients, both unexpired; `winner` keeps it. */
export interface LeaseConflict {
  readonly address: string;
  readonly winner: ConflictParty;
  readonly loser: ConflictParty;
}

export interface LeaseMergeResult {
  /** The merged file, in dnsmasq's layout: v4 lines, the duid line, v6 lines. */
  readonly text: string;
  /** Leases of the result written as incoming has them. */
  readonly taken: number;
  /** Leases of the result kept from live because live changed them locally. */
  readonly kept: number;
  readonly conflicts: readonly LeaseConflict[];
}

interface Candidate extends LeaseEntry {
  readonly from: LeaseSide;
}

function best<T extends LeaseEntry>(entries: readonly T[]): T | undefined {
  let top: T | undefined;
  for (const entry of entries) if (top === undefined || compareRank(entry, top) < 0) top = entry;
  return top;
}

/** The candidates of every key: incoming's copy, and live's too where live changed it since base. */
function candidatesOf(base: LeaseEntries, live: LeaseEntries, incoming: LeaseEntries): Candidate[] {
  const pool: Candidate[] = [];
  const keys = new Set([...incoming.entries.keys(), ...live.entries.keys()]);
  for (const key of keys) {
    const theirs = incoming.entries.get(key);
    const ours = live.entries.get(key);
    if (theirs !== undefined) pool.push({ ...theirs, from: 'incoming' });
    if (ours !== undefined && ours.text !== base.entries.get(key)?.text) pool.push({ ...ours, from: 'live' });
  }
  return pool;
}

/** Resolves one address: conflicts between the sides first, then one copy per key. */
function resolveAddress(group: readonly Candidate[], now: number, conflicts: LeaseConflict[]): Candidate[] {
  let survivors = group;
  const mixed = group.some((a) => a.from === 'live' && group.some((b) => b.from === 'incoming' && b.client !== a.client));
  const winner = best(group);
  if (mixed && winner !== undefined) {
    survivors = group.filter((c) => c.client === winner.client);
    const losers = new Map<string, Candidate[]>();
    for (const c of group) if (c.client !== winner.client) losers.set(c.client, [...(losers.get(c.client) ?? []), c]);
    for (const copies of losers.values()) {
      const loser = best(copies);
      if (loser === undefined || !isUnexpired(loser, now)) continue;
      const party = (c: Candidate): ConflictParty => ({ client: c.client, expiry: c.expiry, from: c.from });
      conflicts.push({ address: winner.address, winner: party(winner), loser: party(loser) });
    }
  }
  const byKey = new Map<string, Candidate[]>();
  for (const c of survivors) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  return [...byKey.values()].flatMap((copies) => {
    const top = best(copies);
    // On a tie of rank the copies are the same line: count it as incoming's.
    return top === undefined ? [] : [copies.find((c) => c.text === top.text && c.from === 'incoming') ?? top];
  });
}

function chooseServerDuid(base: LeaseEntries, live: LeaseEntries, incoming: LeaseEntries, needed: boolean): string | undefined {
  const [b, l, i] = [base.serverDuid, live.serverDuid, incoming.serverDuid];
  let chosen: string | undefined;
  if (l === b) chosen = i;
  else if (i === b) chosen = l;
  else if (l !== undefined && i !== undefined) chosen = l < i ? l : i;
  else chosen = i ?? l;
  return chosen ?? (needed ? (l ?? i) : undefined);
}

/**
 * Merges the peer's lease file into this node's (pure; no I/O). Throws LeaseMergeInputError when an
 * input is not a dnsmasq lease file: nothing is merged then.
 */
export function mergeLeaseFiles(input: LeaseMergeInput): LeaseMergeResult {
  const base = leaseEntriesOf('base', input.base);
  const live = leaseEntriesOf('live', input.live);
  const incoming = leaseEntriesOf('incoming', input.incoming);

  const byAddress = new Map<string, Candidate[]>();
  for (const c of candidatesOf(base, live, incoming)) {
    const address = `${c.family} ${c.address}`;
    byAddress.set(address, [...(byAddress.get(address) ?? []), c]);
  }
  const conflicts: LeaseConflict[] = [];
  const chosen = new Map<string, Candidate>();
  for (const group of byAddress.values()) for (const c of resolveAddress(group, input.now, conflicts)) chosen.set(c.key, c);

  const order = [...new Set([...incoming.entries.keys(), ...live.entries.keys()])];
  const lines = (family: LeaseEntry['family']): string[] =>
    order.flatMap((key) => {
      const c = chosen.get(key);
      return c !== undefined && c.family === family ? [c.text] : [];
    });
  const v4 = lines('v4');
  const v6 = lines('v6');
  const duid = chooseServerDuid(base, live, incoming, v6.length > 0);
  const all = [...v4, ...(duid === undefined ? [] : [`duid ${duid}`]), ...v6];
  const taken = [...chosen.values()].filter((c) => c.from === 'incoming').length;
  return {
    text: all.map((line) => `${line}\n`).join(''),
    taken,
    kept: chosen.size - taken,
    conflicts,
  };
}
