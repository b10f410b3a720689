// The promotion machine's one transition: (state, event) → { state, commands }. Pure: no clock, no
// timers, no I/O; the event says when it happened and the driver carries out the commands.
import type { PromotionPlan } from '../promotion-plan.js';
import { Draft } from './draft.js';
import { abandonFetch, finishFetch, finishMerge, finishPause, HANDBACK_LOOK_MS, healIfWaiting, lookDue } from './lease-steps.js';
import type { DoneEvent, FetchedEvent, MachineEvent, MergedEvent, TimerName, Transition } from './messages.js';
import { reconcile } from './reconcile.js';
import { finishAction, finishCheck, finishLogs, finishVerify } from './results.js';
import { effectiveRole, observeRole, staleTimerFired } from './role.js';
import type { Activity, ActivityKind, ActivityOf, MachineState } from './state.js';

interface ActivityRules<A extends Activity> {
  /** Its wake timer fired (settle elapsed, backoff over). */
  wake?(d: Draft, activity: A): void;
  /** Its command finished. */
  done?(d: Draft, activity: A, event: DoneEvent): void;
  /** Its fetch ended. */
  fetched?(d: Draft, activity: A, event: FetchedEvent): void;
  /** Its merge ended. */
  merged?(d: Draft, activity: A, event: MergedEvent): void;
}

/** Per activity, what its timer and its command's end do; afterwards the machine looks at its role again. */
const ACTIVITIES: { readonly [K in ActivityKind]: ActivityRules<ActivityOf<K>> } = {
  created: {},
  learning: { done: (d, a, e) => finishCheck(d, a.argv, 'learn', e) },
  idle: {},
  settling: {
    wake(d, a) {
      d.rest();
      if (d.state.mastership.epoch === a.epoch) d.state.mastership.settled = a.epoch;
    },
  },
  fetching: { fetched: finishFetch },
  pausing: { done: finishPause },
  merging: { merged: finishMerge },
  starting: { done: finishAction },
  verifying: { done: finishVerify },
  readingLogs: { done: finishLogs },
  stopping: { done: finishAction },
  checking: { done: (d, a, e) => finishCheck(d, a.argv, a.expect, e) },
  backingOff: { wake: (d) => d.rest() },
};

function rulesOf(activity: Activity): ActivityRules<Activity> {
  // The table is indexed by the activity's own kind, so each row only ever sees its own activity.
  return ACTIVITIES[activity.kind] as ActivityRules<Activity>;
}

export function transition(state: MachineState, event: MachineEvent): Transition {
  const d = new Draft(state, event.at);
  const activity = d.state.activity;
  switch (event.type) {
    case 'start':
      begin(d);
      break;
    case 'role':
      observeRole(d, event.observation);
      reconcile(d);
      break;
    case 'reconfigure':
      reconfigure(d, event.plan);
      break;
    case 'timer':
      onTimer(d, event.timer);
      break;
    case 'done': {
      const done = rulesOf(activity).done;
      if (done === undefined) break;
      done(d, activity, event);
      d.publish();
      reconcile(d);
      break;
    }
    case 'fetched': {
      const fetched = rulesOf(activity).fetched;
      if (fetched === undefined) break;
      fetched(d, activity, event);
      d.publish();
      reconcile(d);
      break;
    }
    case 'merged': {
      const merged = rulesOf(activity).merged;
      if (merged === undefined) break;
      merged(d, activity, event);
      d.publish();
      reconcile(d);
      break;
    }
    case 'handbacks':
      healIfWaiting(d, event.waiting);
      break;
    case 'halt':
      halt(d);
      break;
  }
  return d.done();
}

/** No new command or timer from now on; a command in flight may still report. The server is left as it is. */
function halt(d: Draft): void {
  d.state.halted = true;
  d.stopSettling();
  d.cancelRetry();
  abandonFetch(d);
  d.cancelTimer('stale');
  d.cancelTimer('check');
  if (d.state.plan.leaseFiles.length > 0) d.cancelTimer('inbox');
}

/** Learns the server's state from `check` first; the check loop runs from here on. */
function begin(d: Draft): void {
  if (d.state.activity.kind !== 'created') return;
  d.run({ kind: 'learning', argv: d.state.plan.check });
  armCheck(d);
  armInbox(d);
}

function onTimer(d: Draft, timer: TimerName): void {
  const activity = d.state.activity;
  if (timer === 'stale') {
    staleTimerFired(d);
    reconcile(d);
  } else if (timer === 'check') {
    armCheck(d);
    checkDue(d);
  } else if (timer === 'inbox') {
    lookDue(d);
  } else {
    const wake = rulesOf(activity).wake;
    if (wake === undefined) return;
    wake(d, activity);
    reconcile(d);
  }
}

function reconfigure(d: Draft, next: PromotionPlan): void {
  const previous = d.state.plan;
  d.state.plan = next;
  if (next.virtualAddress !== previous.virtualAddress) {
    // Another VIP: its role is fed anew; what this one decided about the old VIP no longer holds.
    d.state.role = { observed: undefined, lastKnown: undefined };
    d.stopSettling();
    d.cancelRetry();
  }
  if (JSON.stringify(next.check) !== JSON.stringify(previous.check) || next.checkIntervalMs !== previous.checkIntervalMs) {
    d.cancelTimer('check');
    armCheck(d);
  }
  if (next.leaseFiles.length === 0 && previous.leaseFiles.length > 0) d.cancelTimer('inbox');
  else if (next.leaseFiles.length > 0 && previous.leaseFiles.length === 0) armInbox(d);
  d.publish();
  reconcile(d);
}

/** The look for handbacks, while the plan has lease files (lease-steps.ts re-arms it). */
function armInbox(d: Draft): void {
  const { plan, halted } = d.state;
  if (!halted && plan.leaseFiles.length > 0) d.setTimer('inbox', HANDBACK_LOOK_MS);
}

/** The check loop's next round. */
function armCheck(d: Draft): void {
  const { plan, halted } = d.state;
  if (!halted) d.setTimer('check', plan.checkIntervalMs);
}

/** The check loop: is a served master's server still running, a stopped standby's still stopped? */
function checkDue(d: Draft): void {
  const { plan, status, mastership: m, activity, halted } = d.state;
  // Only from idle: settling and backing off never have a phase the loop checks.
  if (halted || activity.kind !== 'idle') return;
  const current = effectiveRole(d.state, d.at.monotonic).role;
  if (current === 'master' && status.phase === 'Serving' && m.served === m.epoch) d.run({ kind: 'checking', argv: plan.check, expect: 'running' });
  else if (current !== 'master' && current !== 'unknown' && status.phase === 'Stopped') d.run({ kind: 'checking', argv: plan.check, expect: 'stopped' });
}
