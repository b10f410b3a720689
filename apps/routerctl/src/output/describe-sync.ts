// `routerctl describe <sync kind>/NAME` for people: status, gate, source, each target (its last merge
// and conflicts, a split brain first of all), recent events.
import type { LeaseConflictRecord, SyncStatus, SyncTargetStatus } from '@routerd/bus';
import { formatAge, formatSpan, formatTime } from './age.js';
import { formatFields, indentLines, type Field } from './fields.js';

/** Output lines shown per target; the rest of the (4 KiB bounded) output is summarized. */
export const OUTPUT_LINES = 20;
/** Conflicts listed per target's last merge; the rest are counted. */
export const CONFLICT_LINES = 10;

type LastMerge = NonNullable<SyncTargetStatus['lastMerge']>;
type Party = LeaseConflictRecord['winner'];

const expiry = (seconds: number) => (seconds === 0 ? 'never expires' : `expires ${new Date(seconds * 1000).toISOString()}`);

/** "live" is the target's own file, "incoming" the one this node pushed. */
function party(p: Party, target: string): string {
  return `${p.client} (${p.from === 'live' ? `${target}'s lease` : 'our lease'}, ${expiry(p.expiry)})`;
}

export function conflictLine(c: LeaseConflictRecord, target: string): string {
  return `${c.address}: kept by ${party(c.winner, target)}, lost by ${party(c.loser, target)}`;
}

function mergeCounts(m: LastMerge): string {
  return `${m.leases} leases (${m.taken} taken, ${m.kept} kept), ${m.conflicts.length} conflicts`;
}

function conflictLines(target: SyncTargetStatus): string[] {
  const conflicts = target.lastMerge?.conflicts ?? [];
  if (conflicts.length === 0) return [];
  const shown = conflicts.slice(0, CONFLICT_LINES).map((c) => `      ${conflictLine(c, target.name)}`);
  if (conflicts.length > CONFLICT_LINES) shown.push(`      [… ${conflicts.length - CONFLICT_LINES} more conflicts]`);
  return ['    Conflicts:', ...shown];
}

function boundedOutput(output: string): string[] {
  const lines = output.replace(/\n$/, '').split('\n');
  if (lines.length <= OUTPUT_LINES) return lines;
  return [`[… ${lines.length - OUTPUT_LINES} earlier lines]`, ...lines.slice(-OUTPUT_LINES)];
}

function targetLines(target: SyncTargetStatus, now: number): string[] {
  const fields: Field[] = [
    ['Phase', target.phase],
    ...(target.reason === undefined ? [] : [['Reason', target.reason] as Field]),
    ...(target.message === undefined ? [] : [['Message', target.message] as Field]),
    ['Last Attempt', formatTime(target.lastAttemptAt, now)],
    ['Last Success', formatTime(target.lastSuccessAt, now)],
    ['Duration', target.durationMs === undefined ? '<none>' : formatSpan(target.durationMs)],
    ['Exit Code', target.exitCode === undefined ? '<none>' : String(target.exitCode)],
    ['Consecutive Failures', String(target.consecutiveFailures)],
    ['Next Attempt', formatTime(target.nextAttemptAt, now)],
    ...(target.lastMerge === undefined ? [] : [['Last Merge', `${formatTime(target.lastMerge.at, now)}: ${mergeCounts(target.lastMerge)}`] as Field]),
  ];
  const splitBrain = target.reason === 'SplitBrain' ? '  [SPLIT BRAIN: it serves DHCP too; our pushes are refused]' : '';
  const lines = [`  ${target.name} → ${target.host}${splitBrain}`, ...formatFields(fields, 4), ...conflictLines(target)];
  if (target.output !== undefined && target.output.trim() !== '') lines.push('    Output:', ...boundedOutput(target.output).map((line) => `      ${line}`));
  return lines;
}

type Happening = { at: string; text: string };

/** What became of a target's last attempt, which has not succeeded (yet). */
function attemptOutcome(t: SyncTargetStatus): string {
  if (t.phase === 'Syncing') return t.consecutiveFailures === 0 ? 'push started' : `retry started (${t.consecutiveFailures} failed in a row)`;
  // No failure counted: the push was stopped (the gate closed, the syncer stopped), it did not fail.
  if (t.consecutiveFailures === 0) return t.message ?? `push stopped${t.reason === undefined ? '' : ` (${t.reason})`}`;
  const exit = t.exitCode === undefined ? '' : ` with exit code ${t.exitCode}`;
  return `failed${exit} (${t.consecutiveFailures} in a row)${t.message === undefined ? '' : `: ${t.message}`}`;
}

/** What the status tells about the recent past, oldest first (the syncer keeps no event log). */
export function syncHappenings(status: SyncStatus): Happening[] {
  const list: Happening[] = [];
  if (status.source !== undefined) {
    const { size, v4Count, v6Count, mtimeMs } = status.source;
    list.push({ at: new Date(mtimeMs).toISOString(), text: `source changed: ${size} bytes, ${v4Count} v4 and ${v6Count} v6 leases` });
  }
  for (const t of status.targets) {
    const unfinished = t.lastAttemptAt !== undefined && (t.lastSuccessAt === undefined || t.lastSuccessAt < t.lastAttemptAt);
    if (t.lastMerge !== undefined) list.push({ at: t.lastMerge.at, text: `target ${t.name}: merged ${mergeCounts(t.lastMerge)}` });
    if (t.lastSuccessAt !== undefined) {
      const took = t.durationMs === undefined || unfinished ? '' : ` in ${formatSpan(t.durationMs)}`;
      list.push({ at: t.lastSuccessAt, text: `target ${t.name}: synced${took}` });
    }
    if (unfinished && t.lastAttemptAt !== undefined) list.push({ at: t.lastAttemptAt, text: `target ${t.name}: ${attemptOutcome(t)}` });
    if (t.nextAttemptAt !== undefined) list.push({ at: t.nextAttemptAt, text: `target ${t.name}: next attempt` });
  }
  if (status.syncedAt !== undefined) {
    list.push({ at: status.syncedAt, text: `synced to every target${status.lagMs === undefined ? '' : `, lag ${formatSpan(status.lagMs)}`}` });
  }
  const reason = status.reason === undefined ? '' : ` (${status.reason})`;
  list.push({ at: status.observedAt, text: `phase ${status.phase}${reason}${status.message === undefined ? '' : `: ${status.message}`}` });
  return list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export function formatSyncDescribe(status: SyncStatus, now: number): string {
  const lines = formatFields([
    ['Name', status.name],
    ['Kind', status.kind],
    ['Node', status.node],
    ['Phase', status.phase],
    ['Reason', status.reason ?? '<none>'],
    ['Message', status.message ?? '<none>'],
    // What an operator must see first: a peer that serves DHCP as well (P3).
    ...status.targets.filter((t) => t.reason === 'SplitBrain').map((t): Field => ['Split Brain', t.message ?? `${t.name} (${t.host}) serves DHCP too and refuses our pushes`]),
    ['Observed At', formatTime(status.observedAt, now)],
    ['Last Sync', formatTime(status.syncedAt, now)],
    ['Lag', status.lagMs === undefined ? '<none>' : formatSpan(status.lagMs)],
    ['Gate', status.gate.truth === 'true' ? 'open (when is true)' : `closed (when is ${status.gate.truth})`],
  ]);
  lines.push(...(status.gate.reasons.length === 0 ? ['  (no reasons given)'] : status.gate.reasons.map((r) => `  ${r}`)));
  if (status.source === undefined) lines.push('Source:       <no snapshot yet>');
  else {
    const { path, size, sha256, v4Count, v6Count, mtimeMs } = status.source;
    lines.push(
      'Source:',
      ...formatFields(
        [
          ['Path', path],
          ['Size', `${size} bytes`],
          ['SHA-256', sha256],
          ['Leases', `${v4Count} v4, ${v6Count} v6`],
          ['Modified', formatTime(new Date(mtimeMs).toISOString(), now)],
        ],
        2,
      ),
    );
  }
  const ok = status.targets.filter((t) => t.phase === 'Synced').length;
  lines.push(`Targets:      ${ok}/${status.targets.length} synced`, ...status.targets.flatMap((t) => targetLines(t, now)));
  lines.push('Events:', ...indentLines(eventsTable(syncHappenings(status), now), 2));
  return `${lines.join('\n')}\n`;
}

function eventsTable(list: readonly Happening[], now: number): string {
  const width = Math.max(3, ...list.map((h) => formatAge(h.at, now).length)) + 2;
  return ['AGE'.padEnd(width) + 'EVENT', ...list.map((h) => formatAge(h.at, now).padEnd(width) + h.text)].join('\n');
}
