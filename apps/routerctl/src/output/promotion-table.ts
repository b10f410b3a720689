// `routerctl get promotions`: one row per DHCPServerPromotion, as the node's dhcp-promoter sees it.
import type { PromotionStatus } from '@routerd/bus';
import { formatAgeCell } from './age.js';
import { formatColumns } from './plan-table.js';

/** AGE is how long the phase has held (since lastTransitionAt). */
export function formatPromotionTable(statuses: readonly PromotionStatus[], now: number): string {
  if (statuses.length === 0) return 'no DHCPServerPromotions found\n';
  const rows = [['NAME', 'NODE', 'ROLE', 'PHASE', 'REASON', 'AGE']];
  for (const s of statuses) rows.push([s.name, s.node, s.role, s.phase, s.reason ?? '-', formatAgeCell(s.lastTransitionAt, now)]);
  return `${formatColumns(rows)}\n`;
}
