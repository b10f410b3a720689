import type { SyncJob } from '@routerd/model';
import { stringify } from 'yaml';
import { formatPlanTable } from './plan-table.js';
import { planView } from './plan-view.js';

export const PLAN_FORMATS = ['table', 'json', 'yaml'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export function formatPlan(jobs: readonly SyncJob[], format: PlanFormat): string {
  switch (format) {
    case 'table':
      return formatPlanTable(jobs);
    case 'json':
      return `${JSON.stringify(planView(jobs), null, 2)}\n`;
    case 'yaml':
      // lineWidth 0: never fold a long command line.
      return stringify(planView(jobs), { lineWidth: 0 });
  }
}
