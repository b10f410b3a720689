// `routerctl get promotions`: one row per DHCPServerPromotion, as the node's dhcp-promoter sees it.
import type { PromotionStatus } from '@routerd/bus';
import { formatAge, formatAgeCell } from './age.js';
import { heartbeatCell } from './heartbeat.js';
import { formatColumns } from './plan-table.js';

/** AGE is how long the phase has held (since lastTransitionAt); wide adds the VIP, servers, heartbeat, retry and message. */
export function formatPromotionTable(statuses: readonly PromotionStatus[], now: number, wide = false): string {
  if (statuses.length === 0) return 'no DHCPServerPromotions found\n';
  const head = ['NAME', 'NODE', 'ROLE', 'PHASE', 'REASON', 'AGE'];
  const rows = [wide ? [...head, 'VIP', 'SERVERS', 'HEARTBEAT', 'NEXT ATTEMPT', 'MESSAGE'] : head];
  for (const s of statuses) {
    const row = [s.name, s.node, s.role, s.phase, s.reason ?? '-', formatAgeCell(s.lastTransitionAt, now)];
    if (wide) {
      const next = s.nextAttemptAt === undefined ? '-' : formatAge(s.nextAttemptAt, now);
      row.push(s.virtualAddress, s.servers.map((v) => `${v.kind}/${v.name}`).join(','), heartbeatCell(s, now), next, s.message ?? '-');
    }
    rows.push(row);
  }
  return `${formatColumns(rows)}\n`;
}
