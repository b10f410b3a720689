// What the end of each command means: a start that is verified by its first check or retried with
// backoff (after the server's last words), a stop that succeeded or is retried, a check that found the
// server as expected, died, running while backup, or could not tell.
import { backoffDelay, type CommandResult } from '@routerd/agent';
import type { PromotionCommand, PromotionReason } from '@routerd/bus';
import { describeResult, describeWithOutput, lastWords } from '../commands.js';
import type { Draft } from './draft.js';
import type { DoneEvent } from './messages.js';
import type { Action, ActivityOf, StartFailure } from './state.js';

/** What the status says of a start or stop that ended; `startedAt` is wall-clock. */
export function lastCommandOf(argv: readonly string[], result: CommandResult, startedAt: number): PromotionCommand {
  return {
    argv: [...argv],
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
    output: result.output,
    durationMs: result.durationMs,
    at: new Date(startedAt).toISOString(),
  };
}

export function finishAction(d: Draft, activity: ActivityOf<'starting' | 'stopping'>, { result, jitter }: DoneEvent): void {
  const { status, failures, plan, halted } = d.state;
  const { argv } = activity;
  status.lastCommand = lastCommandOf(argv, result, activity.startedAt);
  d.rest();
  if (activity.kind === 'starting') {
    // A start that returned is not yet a server seen running: Serving waits for the first check.
    if (result.exitCode === 0) {
      if (!halted) d.run({ kind: 'verifying', argv: plan.check, epoch: activity.epoch });
    } else {
      startFailed(d, 'StartFailed', describeWithOutput(argv, result), jitter);
    }
    return;
  }
  if (result.exitCode === 0) {
    failures.count = 0;
    d.setPhase('Stopped');
    d.setReason(undefined);
    return;
  }
  const fields = { argv, exitCode: result.exitCode, output: result.output };
  retryLater(d, 'stop', 'StopFailed', describeResult(argv, result), countFailure(d, 'stop', jitter), fields);
}

/** The first check after a start: Serving only when it exits 0, else the start failed. */
export function finishVerify(d: Draft, activity: ActivityOf<'verifying'>, { result, jitter }: DoneEvent): void {
  const { plan, mastership, failures } = d.state;
  d.rest();
  if (result.exitCode === 0) {
    mastership.served = activity.epoch;
    failures.upSince = d.at.monotonic;
    d.setPhase('Serving');
    d.calm();
    return;
  }
  const seen = result.exitCode === undefined ? '; the DHCP server was not seen running' : ': the DHCP server is not running';
  startFailed(d, 'StartFailed', `${plan.start.join(' ')} exited with 0, but ${describeWithOutput(activity.argv, result)}${seen} after its start`, jitter);
}

/** The server's last words came (or `logs` failed): the Error quotes them, and the backoff begins. */
export function finishLogs(d: Draft, activity: ActivityOf<'readingLogs'>, { result }: DoneEvent): void {
  const { reason, text, delay } = activity.failure;
  const { argv } = activity;
  d.rest();
  const words = lastWords(result.output);
  const heard = result.exitCode !== 0 ? describeWithOutput(argv, result) : words === '' ? `${argv.join(' ')} printed nothing` : `${argv.join(' ')}: ${words}`;
  retryLater(d, 'start', reason, `${text}; its last words (${heard})`, delay);
}

/** `learn`: the first check, before any role; otherwise the server should be in that state. */
export function finishCheck(d: Draft, argv: readonly string[], expect: 'learn' | 'running' | 'stopped', { result, jitter }: DoneEvent): void {
  const { status, mastership, failures, plan, backoff } = d.state;
  d.rest();
  if (result.exitCode === undefined) {
    const text = `${describeResult(argv, result)}; the server's state is not known from it`;
    d.log('warn', `promotion ${plan.name}: ${text}`, { argv, output: result.output });
    if (expect !== 'learn') d.setReason('CheckFailed', text);
    return;
  }
  if (status.reason === 'CheckFailed') d.calm();
  const isRunning = result.exitCode === 0;
  if (expect === 'learn') {
    d.setPhase(isRunning ? 'Serving' : 'Stopped');
    mastership.adopt = isRunning;
  } else if (expect === 'running' && isRunning) {
    // Up for longer than the longest wait: the failures before no longer count against the next start.
    if (failures.upSince !== undefined && d.at.monotonic - failures.upSince >= backoff.maxMs) failures.count = 0;
  } else if (expect === 'running') {
    startFailed(d, 'ServerDied', `${describeWithOutput(argv, result)}: the DHCP server is not running while master`, jitter);
  } else if (isRunning) {
    d.setPhase('Error');
    d.setReason('RunningWhileBackup', `${argv.join(' ')} exited with 0: the DHCP server runs while ${status.role}; stopping it again`);
  }
}

/**
 * A start failed, its first check did not see the server, or the server died: Error, one more failure
 * of start (deaths back off too), then its last words when `logs` is set, then the backoff.
 */
function startFailed(d: Draft, reason: StartFailure['reason'], text: string, jitter: number): void {
  const { plan, mastership, failures, halted } = d.state;
  mastership.served = undefined;
  failures.upSince = undefined;
  const delay = countFailure(d, 'start', jitter);
  if (plan.logs === undefined || halted) {
    retryLater(d, 'start', reason, text, delay);
    return;
  }
  d.setPhase('Error');
  d.setReason(reason, `${text}; reading its last words (${plan.logs.join(' ')})`);
  d.run({ kind: 'readingLogs', argv: plan.logs, failure: { reason, text, delay } });
}

/** One more failure of `action` in a row; the backoff before its retry (0 once halted: no retry). */
export function countFailure(d: Draft, action: Action, jitter: number): number {
  const { failures, halted, backoff } = d.state;
  if (failures.action !== action) failures.count = 0;
  failures.action = action;
  failures.count += 1;
  return halted ? 0 : backoffDelay(failures.count, backoff, () => jitter);
}

/** Error with `text` (the whole story: the log line has it too), and `action` tried again after `delay` while the role still asks for it. */
export function retryLater(d: Draft, action: Action, reason: PromotionReason, text: string, delay: number, fields: Record<string, unknown> = {}): void {
  const { plan, halted } = d.state;
  const message = `${text}; retrying in ${delay} ms while ${action === 'start' ? 'master' : 'backup'}`;
  d.setPhase('Error');
  d.setReason(reason, message);
  d.log('warn', `promotion ${plan.name}: ${message}`, { reason, ...fields });
  if (!halted) d.wait({ kind: 'backingOff', action, until: d.at.wall + delay }, delay);
}
