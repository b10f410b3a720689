// The one line routerd-lease-receiver writes on stderr for the pushing side (docs/lease-safety.md). It
// travels through sshd and the pusher's rsync, whose stderr the syncer keeps: the syncer parses it
// back into the target's status and a bus event. Everything else on that stderr is rsync's or ssh's.

export const RECEIVER_REPORT_PREFIX = 'routerd-lease-receiver: ';

/** Why the receiver refused: this node serves (P3), a command or path it does not accept, its lock is held, or it failed. */
export const RECEIVER_REFUSALS = ['SplitBrain', 'BadCommand', 'UnknownPath', 'Busy', 'Failed'] as const;
export type ReceiverRefusal = (typeof RECEIVER_REFUSALS)[number];

export interface ReportedParty {
  client: string;
  expiry: number;
  from: 'live' | 'incoming';
}

export interface ReportedConflict {
  address: string;
  winner: ReportedParty;
  loser: ReportedParty;
}

export type ReceiverReport =
  /** Merged (or, with delivery replace, written) into the live file; `changed` false when it already matched. */
  | { type: 'merged'; leases: number; taken: number; kept: number; changed: boolean; conflicts: ReportedConflict[]; conflictCount: number }
  /** A handback kept in the inbox for this node's promoter, because this node serves. */
  | { type: 'held'; text: string }
  | { type: 'refused'; reason: ReceiverRefusal; text: string };

/** How many conflicts the line lists: the pusher keeps only the last 4 KiB of its command's output. */
export const REPORTED_CONFLICTS = 20;

/** One line, newline included; a merge lists its first REPORTED_CONFLICTS conflicts and counts them all. */
export function formatReceiverReport(report: ReceiverReport): string {
  const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');
  switch (report.type) {
    case 'merged': {
      const { type: _type, ...fields } = report;
      return `${RECEIVER_REPORT_PREFIX}merged ${JSON.stringify({ ...fields, conflicts: fields.conflicts.slice(0, REPORTED_CONFLICTS) })}\n`;
    }
    case 'held':
      return `${RECEIVER_REPORT_PREFIX}held: ${oneLine(report.text)}\n`;
    case 'refused':
      return `${RECEIVER_REPORT_PREFIX}refused ${report.reason}: ${oneLine(report.text)}\n`;
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isParty(value: unknown): value is ReportedParty {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p['client'] === 'string' && isCount(p['expiry']) && (p['from'] === 'live' || p['from'] === 'incoming');
}

function isConflict(value: unknown): value is ReportedConflict {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c['address'] === 'string' && isParty(c['winner']) && isParty(c['loser']);
}

function parseMerged(json: string): ReceiverReport | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const { leases, taken, kept, changed, conflicts, conflictCount } = v;
  if (!isCount(leases) || !isCount(taken) || !isCount(kept) || typeof changed !== 'boolean') return undefined;
  if (!Array.isArray(conflicts) || !conflicts.every(isConflict)) return undefined;
  if (conflictCount !== undefined && (!isCount(conflictCount) || conflictCount < conflicts.length)) return undefined;
  return { type: 'merged', leases, taken, kept, changed, conflicts, conflictCount: conflictCount ?? conflicts.length };
}

function parseLine(line: string): ReceiverReport | undefined {
  if (!line.startsWith(RECEIVER_REPORT_PREFIX)) return undefined;
  const rest = line.slice(RECEIVER_REPORT_PREFIX.length);
  if (rest.startsWith('merged ')) return parseMerged(rest.slice('merged '.length));
  if (rest.startsWith('held: ')) return { type: 'held', text: rest.slice('held: '.length) };
  const refused = /^refused ([A-Za-z]+): (.*)$/.exec(rest);
  const reason = refused?.[1];
  if (refused === null || reason === undefined || !(RECEIVER_REFUSALS as readonly string[]).includes(reason)) return undefined;
  return { type: 'refused', reason: reason as ReceiverRefusal, text: refused[2] ?? '' };
}

/** The receiver's report among a command's output lines (the last one wins), or undefined when there is none. */
export function parseReceiverReport(output: string): ReceiverReport | undefined {
  let found: ReceiverReport | undefined;
  for (const line of output.split('\n')) {
    const report = parseLine(line.replace(/\r$/, ''));
    if (report !== undefined) found = report;
  }
  return found;
}
