// What became of one push or handback: the peer's routerd-lease-receiver says so in one line on
// stderr, which reaches our rsync's output (@routerd/leases receiver-report.ts). A peer without a
// receiver says nothing, and an exit 0 then means what it always meant: the file is there.
import type { CommandResult } from '@routerd/agent';
import { parseReceiverReport, RECEIVER_REPORT_PREFIX, type ReceiverRefusal, type ReportedConflict } from '@routerd/leases';
import { describeFailure, type Failure } from './failure.js';
import type { Delivered } from './reconcile-notes.js';

export interface Refusal {
  /** SplitBrain: the peer serves DHCP itself (P3); Refused: any other reason its receiver gave. */
  reason: 'SplitBrain' | 'Refused';
  refusal: ReceiverRefusal;
  message: string;
}

export type Outcome =
  | { kind: 'merged'; leases: number; taken: number; kept: number; changed: boolean; conflicts: ReportedConflict[]; conflictCount: number }
  | { kind: 'held'; text: string }
  /** Exit 0 without a report; `unreadable` when a report was there but did not parse (e.g. cut by the output bound). */
  | { kind: 'sent'; unreadable?: string }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'failed'; failure: Failure }
  | { kind: 'aborted' };

export interface OutcomeContext {
  peer: string;
  host: string;
  deadlineMs: number;
  what: Delivered;
}

const label = (peer: string, host: string) => (peer === host ? peer : `${peer} (${host})`);

export function commandOutcome(result: CommandResult, { peer, host, deadlineMs, what }: OutcomeContext): Outcome {
  if (result.aborted) return { kind: 'aborted' };
  const report = parseReceiverReport(result.output);
  // A refusal counts whatever the exit code: the receiver left the live file alone.
  if (report?.type === 'refused') {
    const who = label(peer, host);
    const message =
      report.reason === 'SplitBrain'
        ? `split brain: ${who} serves DHCP itself and refused the ${what}: ${report.text}`
        : `${who} refused the ${what} (${report.reason}): ${report.text}`;
    return { kind: 'refused', refusal: { reason: report.reason === 'SplitBrain' ? 'SplitBrain' : 'Refused', refusal: report.reason, message } };
  }
  if (result.exitCode !== 0) return { kind: 'failed', failure: describeFailure(result, { host, deadlineMs }) };
  if (report?.type === 'merged') {
    const { type: _type, ...merged } = report;
    return { kind: 'merged', ...merged };
  }
  if (report?.type === 'held') return { kind: 'held', text: report.text };
  const line = result.output.split('\n').find((l) => l.includes(RECEIVER_REPORT_PREFIX));
  return line === undefined ? { kind: 'sent' } : { kind: 'sent', unreadable: line.slice(0, 200) };
}
