// `routerctl describe DHCPServerPromotion/NAME` for people: every field of the PromotionStatus, the last
// start or stop with its output, and the last reconciliation of the lease files with the peer's.
import type { PromotionStatus } from '@routerd/bus';
import { commandLine } from '@routerd/model';
import { formatAge, formatSpan, formatTime } from './age.js';
import { formatFields, indentLines, type Field } from './fields.js';
import { isStale } from './heartbeat.js';

type Reconcile = NonNullable<PromotionStatus['lastReconcile']>;
type Happening = { at: string; text: string };

/** Output lines shown of the last command; the rest of its (4 KiB bounded) output is summarized. */
export const COMMAND_OUTPUT_LINES = 20;

function freshness(status: PromotionStatus, now: number): string {
  const observedAt = Date.parse(status.observedAt);
  const every = `every ${formatSpan(status.heartbeatMs)}`;
  if (isStale(status, now)) return `${every}; STALE, last one ${formatSpan(now - observedAt)} ago (the syncer reads the servers' phase as unknown)`;
  return `${every}; fresh`;
}

function commandLines(command: NonNullable<PromotionStatus['lastCommand']>, now: number): string[] {
  const lines = formatFields(
    [
      ['Argv', commandLine(command.argv)],
      ['Exit Code', command.exitCode === undefined ? '<none> (could not run, timed out or killed)' : String(command.exitCode)],
      ['Duration', formatSpan(command.durationMs)],
      ['At', formatTime(command.at, now)],
    ],
    2,
  );
  const output = command.output.replace(/\n$/, '');
  if (output.trim() === '') return [...lines, '  Output:     <none>'];
  const all = output.split('\n');
  const shown = all.length <= COMMAND_OUTPUT_LINES ? all : [`[… ${all.length - COMMAND_OUTPUT_LINES} earlier lines]`, ...all.slice(-COMMAND_OUTPUT_LINES)];
  return [...lines, '  Output:', ...shown.map((line) => `    ${line}`)];
}

function reconcileLines(reconcile: Reconcile, now: number): string[] {
  const lines = formatFields(
    [
      ['Trigger', reconcile.trigger === 'promotion' ? 'promotion (before the new mastership served)' : 'heal (a handback while serving)'],
      ['At', formatTime(reconcile.at, now)],
      ['Duration', formatSpan(reconcile.durationMs)],
      ['Message', reconcile.message],
    ],
    2,
  );
  for (const file of reconcile.files) {
    const fields: Field[] = [
      ['Peer', file.peer],
      ['Result', file.reason === undefined ? file.result : `${file.result} (${file.reason})`],
      ['Message', file.message],
    ];
    if (file.leases !== undefined) fields.push(['Leases', `${file.leases} (${file.taken ?? 0} taken from the peer, ${file.kept ?? 0} kept from this node)`]);
    const conflicts = file.conflicts ?? [];
    if (file.conflicts !== undefined) fields.push(['Conflicts', String(conflicts.length)]);
    lines.push(`  ${file.path}`, ...formatFields(fields, 4));
    for (const c of conflicts) lines.push(`      ${c.address}: ${c.winner.client} (${c.winner.from}, expiry ${c.winner.expiry}) kept it, ${c.loser.client} (${c.loser.from}, expiry ${c.loser.expiry}) lost it`);
  }
  return lines;
}

/** What the status tells about the recent past, oldest first (the promoter keeps no event log). */
export function promotionHappenings(status: PromotionStatus): Happening[] {
  const list: Happening[] = [];
  const { lastCommand, lastReconcile } = status;
  if (lastReconcile !== undefined) list.push({ at: lastReconcile.at, text: `${lastReconcile.trigger === 'heal' ? 'heal' : 'reconciliation'}: ${lastReconcile.message}` });
  if (lastCommand !== undefined) {
    const exit = lastCommand.exitCode === undefined ? 'did not exit' : `exited with ${lastCommand.exitCode}`;
    list.push({ at: lastCommand.at, text: `${commandLine(lastCommand.argv)} ${exit} after ${formatSpan(lastCommand.durationMs)}` });
  }
  const reason = status.reason === undefined ? '' : ` (${status.reason})`;
  list.push({ at: status.lastTransitionAt, text: `phase ${status.phase}${reason}` });
  if (status.nextAttemptAt !== undefined) list.push({ at: status.nextAttemptAt, text: 'next attempt' });
  return list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function eventsTable(list: readonly Happening[], now: number): string {
  const width = Math.max(3, ...list.map((h) => formatAge(h.at, now).length)) + 2;
  return ['AGE'.padEnd(width) + 'EVENT', ...list.map((h) => formatAge(h.at, now).padEnd(width) + h.text)].join('\n');
}

export function formatPromotionDescribe(status: PromotionStatus, now: number): string {
  const lines = formatFields([
    ['Name', status.name],
    ['Kind', 'DHCPServerPromotion'],
    ['Node', status.node],
    ['Virtual Address', `VirtualAddress/${status.virtualAddress}`],
    ['Role', status.role],
    ['Phase', status.phase],
    ['Reason', status.reason ?? '<none>'],
    ['Message', status.message ?? '<none>'],
    ['Servers', status.servers.map((s) => `${s.kind}/${s.name}`).join(', ')],
    ['Last Transition', formatTime(status.lastTransitionAt, now)],
    ['Next Attempt', formatTime(status.nextAttemptAt, now)],
    ['Observed At', formatTime(status.observedAt, now)],
    ['Heartbeat', freshness(status, now)],
    ['Seq', String(status.seq)],
  ]);
  if (status.lastCommand === undefined) lines.push('Last Command:     <none>');
  else lines.push('Last Command:', ...commandLines(status.lastCommand, now));
  if (status.lastReconcile === undefined) lines.push('Last Reconcile:   <none>');
  else lines.push('Last Reconcile:', ...reconcileLines(status.lastReconcile, now));
  lines.push('Events:', ...indentLines(eventsTable(promotionHappenings(status), now), 2));
  return `${lines.join('\n')}\n`;
}
