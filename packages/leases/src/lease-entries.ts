// The keyed view of a dnsmasq lease file that the three-way merge works on.

import { LeaseMergeInputError, type MergeInput } from './errors.js';
import { parseDnsmasqLeases } from './parse-dnsmasq-leases.js';
import type { Lease4, Lease6 } from './types.js';

/** One lease line, with the key, address and client identity the merge compares. */
export interface LeaseEntry {
  /** `v4 <address>`, or `v6 <iaid|T<iaid>> <address>`: one lease per key in a file. */
  readonly key: string;
  readonly family: 'v4' | 'v6';
  /** As dnsmasq writes it; dnsmasq writes the canonical text form, so text equality is address equality. */
  readonly address: string;
  /** v4: `id:<client-id>` when the client sent one, else `mac:<mac>` (dnsmasq's own rule); v6: the client DUID. */
  readonly client: string;
  /** Unix seconds; 0 means infinite. */
  readonly expiry: number;
  /** The line exactly as in the file, without its newline. */
  readonly text: string;
}

export interface LeaseEntries {
  /** In file order: v4 entries first, then v6. */
  readonly entries: ReadonlyMap<string, LeaseEntry>;
  readonly serverDuid: string | undefined;
}

function v4Entry(lease: Lease4, text: string): LeaseEntry {
  const client = lease.clientId === null ? `mac:${lease.mac}` : `id:${lease.clientId}`;
  return { key: `v4 ${lease.ip}`, family: 'v4', address: lease.ip, client, expiry: lease.expiry, text };
}

function v6Entry(lease: Lease6, text: string): LeaseEntry {
  const iaid = `${lease.temporary ? 'T' : ''}${lease.iaid}`;
  const client = lease.duid ?? '*';
  return { key: `v6 ${iaid} ${lease.ip}`, family: 'v6', address: lease.ip, client, expiry: lease.expiry, text };
}

/**
 * Parses one merge input and keys its leases. A text that does not parse, or that holds one key
 * twice (dnsmasq never writes that), is refused with a LeaseMergeInputError naming the input.
 */
export function leaseEntriesOf(input: MergeInput, text: string): LeaseEntries {
  const parsed = parseDnsmasqLeases(text);
  if (!parsed.ok) throw new LeaseMergeInputError(input, parsed.errors.map((e) => e.message));
  const lines = text.split('\n');
  const entries = new Map<string, LeaseEntry>();
  const firstLine = new Map<string, number>();
  const problems: string[] = [];
  const add = (entry: LeaseEntry, line: number): void => {
    const first = firstLine.get(entry.key);
    if (first === undefined) {
      entries.set(entry.key, entry);
      firstLine.set(entry.key, line);
    } else problems.push(`line ${line}: a second lease for ${entry.key} (the first is line ${first})`);
  };
  for (const lease of parsed.v4) add(v4Entry(lease, lines[lease.line - 1] ?? ''), lease.line);
  for (const lease of parsed.v6) add(v6Entry(lease, lines[lease.line - 1] ?? ''), lease.line);
  if (problems.length > 0) throw new LeaseMergeInputError(input, problems);
  return { entries, serverDuid: parsed.serverDuid };
}

/** True while the lease holds its address at `now` (Unix seconds): infinite, or expiring after now. */
export function isUnexpired(entry: LeaseEntry, now: number): boolean {
  return entry.expiry === 0 || entry.expiry > now;
}

const rankOfExpiry = (expiry: number): number => (expiry === 0 ? Number.POSITIVE_INFINITY : expiry);

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Negative when `a` beats `b`: the later expiry (0, infinite, beats any), then the smaller client
 * identity, then the smaller line text. It never looks at which side a lease came from, so both
 * nodes pick the same winner whichever of them runs the merge.
 */
export function compareRank(a: LeaseEntry, b: LeaseEntry): number {
  const byExpiry = rankOfExpiry(b.expiry) - rankOfExpiry(a.expiry);
  if (byExpiry !== 0 && !Number.isNaN(byExpiry)) return byExpiry;
  return compareText(a.client, b.client) || compareText(a.text, b.text);
}
