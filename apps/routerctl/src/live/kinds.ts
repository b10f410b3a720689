// Kind names and aliases the operator types: "vip", "leasesync", "DHCPv4ServerLeaseSync", any case.
import { UsageError } from '@routerd/model';
import { resourceNameProblem, SYNC_KINDS_LIST, type SyncKind } from '@routerd/bus';

export type LiveKind = 'VirtualAddress' | 'DHCPServerPromotion' | SyncKind;

const ALIASES: Record<string, LiveKind> = {
  vip: 'VirtualAddress',
  vips: 'VirtualAddress',
  virtualaddress: 'VirtualAddress',
  virtualaddresses: 'VirtualAddress',
  leasesync: 'DHCPv4ServerLeaseSync',
  v4leasesync: 'DHCPv4ServerLeaseSync',
  dhcpv4leasesync: 'DHCPv4ServerLeaseSync',
  v6leasesync: 'DHCPv6ServerLeaseSync',
  dhcpv6leasesync: 'DHCPv6ServerLeaseSync',
  pdleasesync: 'DHCPv6PrefixDelegationLeaseSync',
  promotion: 'DHCPServerPromotion',
  dhcppromotion: 'DHCPServerPromotion',
  dhcpserverpromotion: 'DHCPServerPromotion',
};
for (const kind of SYNC_KINDS_LIST) ALIASES[kind.toLowerCase()] = kind;

/** What `get` accepts besides a kind: every sync kind at once. */
const ALL_SYNCS = ['leasesyncs', 'syncs'];

export const KIND_HELP = `vip|virtualaddress, leasesync|v4leasesync|dhcpv4leasesync, v6leasesync, pdleasesync,
promotion|dhcpserverpromotion, or a full kind name (DHCPv4ServerLeaseSync, ...), in any case`;

/** The kind an operator's word stands for; throws UsageError listing the accepted words. */
export function resolveKind(command: string, text: string): LiveKind {
  const kind = ALIASES[text.toLowerCase()];
  if (kind !== undefined) return kind;
  throw new UsageError(`unknown kind ${JSON.stringify(text)}: expected ${KIND_HELP.replace('\n', ' ')}`, { command: command });
}

/** `get`'s argument: VirtualAddress, one sync kind, or every sync kind ("leasesyncs"); plurals allowed. */
export function resolveGetKinds(text: string): LiveKind[] {
  const word = text.toLowerCase();
  if (ALL_SYNCS.includes(word)) return [...SYNC_KINDS_LIST];
  const kind = ALIASES[word] ?? (word.endsWith('s') ? ALIASES[word.slice(0, -1)] : undefined);
  if (kind !== undefined) return [kind];
  throw new UsageError(`unknown kind ${JSON.stringify(text)}: expected leasesyncs (every sync kind), ${KIND_HELP.replace('\n', ' ')}`, { command: 'get' });
}

/** Splits "KIND/NAME"; throws UsageError naming what was found. */
export function parseRef(command: string, text: string | undefined): { kind: LiveKind; name: string } {
  if (text === undefined) throw new UsageError('missing KIND/NAME, e.g. vip/lan-vip or leasesync/lan-v4-leases', { command: command });
  const slash = text.indexOf('/');
  const kind = text.slice(0, slash);
  const name = text.slice(slash + 1);
  if (slash <= 0 || name === '' || name.includes('/')) {
    throw new UsageError(`expected KIND/NAME like vip/lan-vip, found ${JSON.stringify(text)}`, { command: command });
  }
  const resolved = resolveKind(command, kind);
  const problem = resourceNameProblem(name);
  if (problem !== undefined) throw new UsageError(`NAME: ${problem}`, { command: command });
  return { kind: resolved, name };
}
