// `routerctl events`: one readable line per bus event, and one for a message that breaks the contract.
import type { BusEvent } from '@routerd/bus';
import { formatSpan } from './age.js';

function facts(event: BusEvent): string {
  switch (event.type) {
    case 'vip.role':
      return `role=${event.role} address=${event.address} ifname=${event.ifname}${event.reason === undefined ? '' : ` reason=${JSON.stringify(event.reason)}`}`;
    case 'lease.file': {
      if (!event.exists) return 'missing';
      const sha = event.sha256 === undefined ? '-' : event.sha256.slice(0, 12);
      const parsed = event.parsed ? 'parsed' : `unparsed${event.parseError === undefined ? '' : ` (${event.parseError})`}`;
      return `sha=${sha} v4=${event.v4Count ?? '-'} v6=${event.v6Count ?? '-'} size=${event.size ?? '-'} ${parsed}`;
    }
    case 'sync.status': {
      const ok = event.targets.filter((t) => t.phase === 'Synced').length;
      const reason = event.reason === undefined ? '' : ` reason=${event.reason}`;
      const lag = event.lagMs === undefined ? '' : ` lag=${formatSpan(event.lagMs)}`;
      return `phase=${event.phase}${reason}${lag} targets=${ok}/${event.targets.length}`;
    }
    case 'promotion.status': {
      const reason = event.reason === undefined ? '' : ` reason=${event.reason}`;
      const servers = event.servers.map((s) => `${s.kind}/${s.name}`).join(',');
      return `phase=${event.phase}${reason} role=${event.role} servers=${servers}`;
    }
    case 'reconcile.event': {
      const reason = event.reason === undefined ? '' : ` reason=${event.reason}`;
      return `${event.action}${reason} peer=${event.peer} ${JSON.stringify(event.message)}`;
    }
  }
}

function what(event: BusEvent): string {
  switch (event.type) {
    case 'vip.role':
      return `vip    VirtualAddress/${event.name}`;
    case 'lease.file':
      return `lease  ${event.kind}/${event.name}`;
    case 'sync.status':
      return `sync   ${event.kind}/${event.name}`;
    case 'promotion.status':
      return `dhcp   DHCPServerPromotion/${event.name}`;
    case 'reconcile.event':
      return `leases ${event.kind}/${event.name}`;
  }
}

/** "2024-05-01T12:00:01.250Z r1 vip    VirtualAddress/lan-vip role=master ..." */
export function formatEventLine(event: BusEvent): string {
  const at = event.type === 'reconcile.event' ? event.at : event.observedAt;
  return `${at} ${event.node} ${what(event)} ${facts(event)}`;
}

/** A message that is not a valid event: when it came, its subject and what is wrong. */
export function formatBadLine(subject: string, problem: string, now: number): string {
  return `${new Date(now).toISOString()} BAD    ${subject}: ${problem}`;
}
