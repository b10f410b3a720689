// `routerctl get` tables of lease syncs and VirtualAddresses: one row per object; wide adds columns.
import type { SyncStatus, VipRoleEvent } from '@routerd/bus';
import { formatAge, formatAgeCell, formatSpan } from './age.js';
import { heartbeatCell } from './heartbeat.js';
import { formatColumns } from './plan-table.js';

/** The earliest time a backed-off target is tried again ("in 8s"), or "-". */
function nextAttempt(s: SyncStatus, now: number): string {
  const next = s.targets.map((t) => t.nextAttemptAt).filter((t) => t !== undefined).sort()[0];
  return next === undefined ? '-' : formatAge(next, now);
}

export function formatSyncTable(syncs: readonly SyncStatus[], now: number, wide = false): string {
  if (syncs.length === 0) return 'no lease syncs found\n';
  const head = ['KIND', 'NAME', 'PHASE', 'REASON', 'LAST SYNC', 'LAG', 'TARGETS'];
  const rows = [wide ? [...head, 'GATE', 'LEASES v4/v6', 'OBSERVED', 'NEXT ATTEMPT', 'MESSAGE'] : head];
  for (const s of syncs) {
    const ok = s.targets.filter((t) => t.phase === 'Synced').length;
    const row = [s.kind, s.name, s.phase, s.reason ?? '-', formatAgeCell(s.syncedAt, now), s.lagMs === undefined ? '-' : formatSpan(s.lagMs), `${ok}/${s.targets.length}`];
    if (wide) {
      const leases = s.source === undefined ? '-' : `${s.source.v4Count}/${s.source.v6Count}`;
      row.push(s.gate.truth, leases, formatAgeCell(s.observedAt, now), nextAttempt(s, now), s.message ?? '-');
    }
    rows.push(row);
  }
  return `${formatColumns(rows)}\n`;
}

export function formatVipTable(events: readonly VipRoleEvent[], now: number, wide = false): string {
  if (events.length === 0) return 'no VirtualAddresses found\n';
  const head = ['NAME', 'ROLE', 'ADDRESS', 'IFNAME', 'OBSERVED', 'SINCE', 'REASON'];
  const rows = [wide ? [...head.slice(0, -1), 'VRID', 'PRIORITY', 'HEARTBEAT', 'EVIDENCE', 'REASON'] : head];
  for (const e of events) {
    const row = [e.name, e.role, e.address, e.ifname, formatAgeCell(e.observedAt, now), formatAgeCell(e.lastRoleTransitionAt, now)];
    if (wide) row.push(e.virtualRouterID === undefined ? '-' : String(e.virtualRouterID), e.priority === undefined ? '-' : String(e.priority), heartbeatCell(e, now), e.evidence.join(',') || '-');
    row.push(e.reason ?? '-');
    rows.push(row);
  }
  return `${formatColumns(rows)}\n`;
}
