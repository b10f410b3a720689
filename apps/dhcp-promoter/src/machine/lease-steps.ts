// Reconciling the lease files with the peer's (docs/promotion.md, P4-P6), as steps of the machine:
// a new mastership fetches the peer's file (handback, else pull) within `settle`, stops the server if
// it is not known stopped, merges, then starts; a serving master that finds a handback stops, merges
// and starts again. The driver fetches, merges and looks; these steps only decide.
import { describeResult } from '../commands.js';
import { peersOf, type LeaseFilePlan } from '../lease-file-plan.js';
import { runAction } from './actions.js';
import type { Draft } from './draft.js';
import { finishReconcile } from './lease-report.js';
import type { DoneEvent, Fetched, FetchedEvent, MergedEvent, MergeSource } from './messages.js';
import { countFailure, lastCommandOf, retryLater } from './results.js';
import { effectiveRole } from './role.js';
import type { ActivityOf, MachineState, PendingReconcile } from './state.js';

/** How often a serving master looks for a handback in the inbox. */
export const HANDBACK_LOOK_MS = 1000;

function peerNames(files: readonly LeaseFilePlan[]): string {
  return [...new Set(files.flatMap((f) => f.peers.map((p) => p.name)))].join(' or ');
}

/** A new mastership's settle: get the peer's files for up to `settle` before the server starts. */
export function beginFetch(d: Draft): void {
  const { plan, mastership } = d.state;
  const peers = peerNames(plan.leaseFiles);
  d.setReason('Settling', `waiting up to ${plan.settleMs} ms for ${peers}'s handback (pulling its lease file meanwhile) before starting the DHCP server`);
  d.fetch({ kind: 'fetching', epoch: mastership.epoch, startedAt: d.at.wall, since: d.at.monotonic, aborting: false }, plan.leaseFiles, plan.settleMs);
}

/** The role is no longer a fresh master: the fetch is told to stop, and nothing it found is merged. */
export function abandonFetch(d: Draft): void {
  const activity = d.state.activity;
  if (activity.kind !== 'fetching' || activity.aborting) return;
  d.state.activity = { ...activity, aborting: true };
  d.abort();
}

function sourcesOf(fetched: readonly Fetched[]): MergeSource[] {
  return fetched.flatMap((f): MergeSource[] => (f.source === 'none' ? [] : [{ live: f.live, source: f.source }]));
}

/** The fetch ended: merge what it found (stopping the server first unless it is known stopped), or report that nothing came. */
export function finishFetch(d: Draft, activity: ActivityOf<'fetching'>, event: FetchedEvent): void {
  const { plan, halted, mastership, status } = d.state;
  d.rest();
  if (event.aborted || activity.aborting || halted) {
    d.log('info', `promotion ${plan.name}: the reconciliation was abandoned before anything was merged (the role changed, or the agent stops)`);
    return;
  }
  // Like the settle before it: a node that lost the VIP meanwhile merges nothing and does not start.
  if (effectiveRole(d.state, d.at.monotonic).role !== 'master' || mastership.epoch !== activity.epoch) return;
  const pending: PendingReconcile = { trigger: 'promotion', epoch: activity.epoch, startedAt: activity.startedAt, since: activity.since, files: plan.leaseFiles, fetched: event.files };
  const sources = sourcesOf(event.files);
  if (sources.length === 0) {
    finishReconcile(d, pending, []);
    return;
  }
  d.setReason('Settling', `merging ${whatIsMerged(pending)} before starting the DHCP server`);
  if (status.phase !== 'Stopped') pause(d, pending);
  else d.merge({ kind: 'merging', pending }, sources);
}

/** `stop` first, so that live is merged while no dnsmasq writes it. */
function pause(d: Draft, pending: PendingReconcile): void {
  const { plan, status } = d.state;
  d.setPhase('Stopping');
  // A promotion keeps its Settling reason; a heal has nothing wrong to report, only what it does.
  if (pending.trigger === 'heal') {
    status.reason = undefined;
    status.message = `stopping the DHCP server to merge ${whatIsMerged(pending)}, then starting it again`;
  }
  d.publish();
  d.run({ kind: 'pausing', argv: plan.stop, startedAt: d.at.wall, pending });
}

function whatIsMerged(pending: PendingReconcile): string {
  const handbacks = pending.fetched.every((f) => f.source === 'handback');
  return `${peerNames(pending.files)}'s ${handbacks ? 'handback' : 'lease file'}`;
}

/** The stop before a merge ended: merge, or (it failed) serve without the peer's leases after the backoff. */
export function finishPause(d: Draft, activity: ActivityOf<'pausing'>, { result, jitter }: DoneEvent): void {
  const { status, halted, mastership, reconcile, backoff } = d.state;
  const { pending, argv } = activity;
  status.lastCommand = lastCommandOf(argv, result, activity.startedAt);
  d.rest();
  if (result.exitCode === 0) {
    // A heal always starts the server again; a promotion starts it after the merge, as its role says.
    d.setPhase(pending.trigger === 'heal' ? 'Starting' : 'Stopped');
    if (pending.trigger === 'heal') d.state.status.message = `merging ${whatIsMerged(pending)}, then starting the DHCP server again`;
    if (!halted) d.merge({ kind: 'merging', pending }, sourcesOf(pending.fetched));
    return;
  }
  const text = `could not stop the DHCP server to merge ${whatIsMerged(pending)}: ${describeResult(argv, result)}`;
  // The server's state is not known now: it is started again after the backoff, without the merge.
  mastership.served = undefined;
  mastership.settled = pending.epoch;
  reconcile.healAfter = d.at.monotonic + backoff.maxMs;
  reconcile.note = { epoch: pending.epoch, reason: 'Unreconciled', message: `serving without the peer's leases: ${text}` };
  retryLater(d, 'start', 'StopFailed', text, countFailure(d, 'start', jitter));
}

/** The merge ended: report it; a heal starts the server again at once (it stopped it), even on an unknown role. */
export function finishMerge(d: Draft, activity: ActivityOf<'merging'>, event: MergedEvent): void {
  const { halted } = d.state;
  const { pending } = activity;
  d.rest();
  finishReconcile(d, pending, event.results);
  if (pending.trigger !== 'heal' || halted) return;
  const role = effectiveRole(d.state, d.at.monotonic).role;
  // A fresh backup or inactive is stopped by the role rule instead.
  if (role === 'master' || role === 'unknown') runAction(d, 'start', 'master');
}

/** Whether a handback would be merged now: a served mastership, nothing running, no recent failed heal. */
function mayHeal(state: MachineState, now: number): boolean {
  const { halted, activity, mastership: m, status, plan, reconcile } = state;
  if (halted || activity.kind !== 'idle' || plan.leaseFiles.length === 0) return false;
  // Never while backup: the receiver merges a handback itself when this node does not serve.
  if (effectiveRole(state, now).role !== 'master' || m.served !== m.epoch || status.phase !== 'Serving') return false;
  return reconcile.healAfter === undefined || now >= reconcile.healAfter;
}

/** The inbox timer: look for handbacks again in a second, and now if one could be merged. */
export function lookDue(d: Draft): void {
  const { plan, halted } = d.state;
  if (halted || plan.leaseFiles.length === 0) return;
  d.setTimer('inbox', HANDBACK_LOOK_MS);
  if (mayHeal(d.state, d.at.monotonic)) d.look(plan.leaseFiles.map((f) => f.live));
}

/** Handbacks wait while serving: stop, merge, start (once: the merge removes each handback). */
export function healIfWaiting(d: Draft, waiting: readonly string[]): void {
  const { plan, mastership } = d.state;
  if (!mayHeal(d.state, d.at.monotonic)) return;
  const files = plan.leaseFiles.filter((f) => waiting.includes(f.live));
  if (files.length === 0) return;
  const pending: PendingReconcile = {
    trigger: 'heal',
    epoch: mastership.epoch,
    startedAt: d.at.wall,
    since: d.at.monotonic,
    files,
    fetched: files.map((f) => ({ live: f.live, source: 'handback' })),
  };
  d.log('info', `promotion ${plan.name}: ${files.map(peersOf).join(' and ')}'s handback waits in the inbox; stopping the DHCP server to merge it`);
  pause(d, pending);
}
