// `routerctl get` tables: one row per object.
import type { SyncStatus, VipRoleEvent } from '@routerd/bus';
import { formatAgeCell, formatSpan } from './age.js';
import { formatColumns } from './plan-table.js';

export function formatSyncTable(syncs: readonly SyncStatus[], now: number): string {
  if (syncs.length === 0) return 'no lease syncs found\n';
  const rows = [['KIND', 'NAME', 'PHASE', 'REASON', 'LAST SYNC', 'LAG', 'TARGETS']];
  for (const s of syncs) {
    const ok = s.targets.filter((t) => t.phase === 'Synced').length;
    rows.push([s.kind, s.name, s.phase, s.reason ?? '-', formatAgeCell(s.syncedAt, now), s.lagMs === undefined ? '-' : formatSpan(s.lagMs), `${ok}/${s.targets.length}`]);
  }
  return `${formatColumns(rows)}\n`;
}

export function formatVipTable(events: readonly VipRoleEvent[], now: number): string {
  if (events.length === 0) return 'no VirtualAddresses found\n';
  const rows = [['NAME', 'ROLE', 'ADDRESS', 'IFNAME', 'OBSERVED', 'SINCE', 'REASON']];
  for (const e of events) {
    rows.push([e.name, e.role, e.address, e.ifname, formatAgeCell(e.observedAt, now), formatAgeCell(e.lastRoleTransitionAt, now), e.reason ?? '-']);
  }
  return `${formatColumns(rows)}\n`;
}
