import type { SyncJob } from '@routerd/model';
import { formatData, type DATA_FORMATS } from './formats.js';
import { formatPlanTable } from './plan-table.js';
import { planView } from './plan-view.js';

export function formatPlan(jobs: readonly SyncJob[], format: (typeof DATA_FORMATS)[number]): string {
  return format === 'table' ? formatPlanTable(jobs) : formatData(planView(jobs), format);
}
