// Kind names and aliases the operator types: "vip", "leasesync", "DHCPv4ServerLeaseSync", any case,
// plurals too. A word stands for one kind, or for several: "leasesync" is every lease-sync kind.
import { UsageError } from '@routerd/model';
import { resourceNameProblem, SYNC_KINDS_LIST, type SyncKind } from '@routerd/bus';

export type LiveKind = 'VirtualAddress' | 'DHCPServerPromotion' | SyncKind;

const ALL_SYNCS: readonly LiveKind[] = SYNC_KINDS_LIST;

/** Every word (lower case, singular) and the kinds it stands for. */
const ALIASES: Record<string, readonly LiveKind[]> = {
  vip: ['VirtualAddress'],
  virtualaddress: ['VirtualAddress'],
  leasesync: ALL_SYNCS,
  sync: ALL_SYNCS,
  v4leasesync: ['DHCPv4ServerLeaseSync'],
  dhcpv4leasesync: ['DHCPv4ServerLeaseSync'],
  v6leasesync: ['DHCPv6ServerLeaseSync'],
  dhcpv6leasesync: ['DHCPv6ServerLeaseSync'],
  pdleasesync: ['DHCPv6PrefixDelegationLeaseSync'],
  promotion: ['DHCPServerPromotion'],
  dhcppromotion: ['DHCPServerPromotion'],
  dhcpserverpromotion: ['DHCPServerPromotion'],
};
for (const kind of SYNC_KINDS_LIST) ALIASES[kind.toLowerCase()] = [kind];

/** The words completion offers (the short aliases; full kind names work too). */
export const KIND_WORDS = ['vip', 'leasesync', 'v4leasesync', 'v6leasesync', 'pdleasesync', 'promotion'] as const;

export const KIND_HELP = `vip|virtualaddress, leasesync|sync (every lease-sync kind), v4leasesync|dhcpv4leasesync,
v6leasesync|dhcpv6leasesync, pdleasesync, promotion|dhcpserverpromotion, or a full kind name
(DHCPv4ServerLeaseSync, ...); any case, plurals too (vips, leasesyncs)`;

/** The kinds an operator's word stands for; throws UsageError listing the accepted words. */
export function resolveKinds(command: string, text: string): readonly LiveKind[] {
  const word = text.toLowerCase();
  const kinds = ALIASES[word] ?? (word.endsWith('es') ? ALIASES[word.slice(0, -2)] : undefined) ?? (word.endsWith('s') ? ALIASES[word.slice(0, -1)] : undefined);
  if (kinds !== undefined) return kinds;
  throw new UsageError(`unknown kind ${JSON.stringify(text)}: expected ${KIND_HELP.replaceAll('\n', ' ')}`, { command: command });
}

/** True when `kinds` are lease-sync kinds only. */
export function allSyncKinds(kinds: readonly LiveKind[]): kinds is readonly SyncKind[] {
  return kinds.every((k) => (ALL_SYNCS as readonly string[]).includes(k));
}

/** Splits "KIND/NAME"; throws UsageError naming what was found. */
export function parseRef(command: string, text: string | undefined): { kinds: readonly LiveKind[]; name: string } {
  if (text === undefined) throw new UsageError('missing KIND/NAME, e.g. vip/lan-vip or leasesync/lan-v4-leases', { command: command });
  const slash = text.indexOf('/');
  const kind = text.slice(0, slash);
  const name = text.slice(slash + 1);
  if (slash <= 0 || name === '' || name.includes('/')) {
    throw new UsageError(`expected KIND/NAME like vip/lan-vip, found ${JSON.stringify(text)}`, { command: command });
  }
  const kinds = resolveKinds(command, kind);
  const problem = resourceNameProblem(name);
  if (problem !== undefined) throw new UsageError(`NAME: ${problem}`, { command: command });
  return { kinds, name };
}
