// What the end of each command means: a start or stop that succeeded or is retried with backoff, a
// check that found the server as expected, died, running while backup, or could not tell.
import { backoffDelay, type CommandResult } from '@routerd/agent';
import { describeResult } from '../commands.js';
import type { Draft } from './draft.js';
import type { DoneEvent } from './messages.js';
import type { ActivityOf } from './state.js';

export function finishAction(d: Draft, activity: ActivityOf<'starting' | 'stopping'>, { result, jitter }: DoneEvent): void {
  const { status, failures, mastership, plan, halted } = d.state;
  const action = activity.kind === 'starting' ? 'start' : 'stop';
  const { argv } = activity;
  status.lastCommand = {
    argv: [...argv],
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
    output: result.output,
    durationMs: result.durationMs,
    at: new Date(activity.startedAt).toISOString(),
  };
  d.rest();
  if (result.exitCode === 0) {
    failures.count = 0;
    if (activity.kind === 'starting') mastership.served = activity.epoch;
    d.setPhase(action === 'start' ? 'Serving' : 'Stopped');
    d.setReason(undefined);
    return;
  }
  failures.count += 1;
  const delay = halted ? 0 : backoffDelay(failures.count, d.state.backoff, () => jitter);
  d.setPhase('Error');
  const text = `${describeResult(argv, result)}; retrying in ${delay} ms while ${action === 'start' ? 'master' : 'backup'}`;
  d.setReason(action === 'start' ? 'StartFailed' : 'StopFailed', text);
  d.log('warn', `promotion ${plan.name}: ${text}`, { argv, exitCode: result.exitCode, output: result.output });
  if (!halted) d.wait({ kind: 'backingOff', action, until: d.at.wall + delay }, delay);
}

/** `learn`: the first check, before any role; otherwise the server should be in that state. */
export function finishCheck(d: Draft, argv: readonly string[], expect: 'learn' | 'running' | 'stopped', result: CommandResult): void {
  const { status, mastership, failures, plan } = d.state;
  d.rest();
  if (result.exitCode === undefined) {
    const text = `${describeResult(argv, result)}; the server's state is not known from it`;
    d.log('warn', `promotion ${plan.name}: ${text}`, { argv, output: result.output });
    if (expect !== 'learn') d.setReason('CheckFailed', text);
    return;
  }
  if (status.reason === 'CheckFailed') d.setReason(undefined);
  const isRunning = result.exitCode === 0;
  if (expect === 'learn') {
    d.setPhase(isRunning ? 'Serving' : 'Stopped');
    mastership.adopt = isRunning;
  } else if (expect === 'running' && !isRunning) {
    mastership.served = undefined;
    failures.count = 0;
    d.setPhase('Error');
    d.setReason('ServerDied', `${argv.join(' ')} exited with ${result.exitCode}: the DHCP server is not running while master; starting it again`);
  } else if (expect === 'stopped' && isRunning) {
    d.setPhase('Error');
    d.setReason('RunningWhileBackup', `${argv.join(' ')} exited with 0: the DHCP server runs while ${status.role}; stopping it again`);
  }
}
