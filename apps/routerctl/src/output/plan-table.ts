// The plan for people: a table of the syncs, then each sync's paths, gate and exact commands.
import { commandLine, formatDuration, type SyncDelivery, type SyncJob } from '@routerd/model';

const DELIVERY_TEXT: Record<SyncDelivery, string> = {
  merge: "merge (the target's receiver merges each push into its file; on demotion the last file is handed back once)",
  replace: "replace (each push overwrites the target's file; no handback)",
};

/** Rows padded into columns; the last column is not padded, so no line ends in spaces. */
export function formatColumns(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 2))).join('')).join('\n');
}

export function formatPlanTable(jobs: readonly SyncJob[]): string {
  if (jobs.length === 0) return 'no lease syncs configured\n';
  const rows = [['SYNC', 'SOURCE', 'DELIVERY', 'INTERVAL', 'TARGETS', 'WHEN']];
  for (const job of jobs) {
    rows.push([`${job.kind}/${job.name}`, `${job.source.kind}/${job.source.name}`, job.delivery, job.interval, String(job.targets.length), job.whenText]);
  }
  const blocks = jobs.map((job) => {
    const lines = [
      `${job.kind}/${job.name}`,
      `  source    ${job.source.kind}/${job.source.name}`,
      `  path      ${job.source.path}`,
      `  delivery  ${DELIVERY_TEXT[job.delivery]}`,
      `  when      ${job.when === undefined ? `${job.whenText} (no gate: pushes even while backup)` : job.whenText}`,
      `  interval  ${job.interval} (and at once on a change; each command's deadline ${formatDuration(job.deadlineMs)})`,
    ];
    for (const target of job.targets) {
      lines.push(`  target    ${target.name} → ${target.destination}`, `    push      ${commandLine(target.argv)}`);
      if (job.delivery === 'merge') lines.push(`    handback  ${commandLine(target.handbackArgv)}`);
      lines.push(`    pull      ${commandLine(target.pullArgv)}`);
    }
    return lines.join('\n');
  });
  return `${formatColumns(rows)}\n\n${blocks.join('\n\n')}\n`;
}
