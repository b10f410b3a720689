// What `routerctl check` calls a problem, one line each: a sync, target or promotion in Error, a
// role or promotion status gone stale (invariant 1), a role the vip-watcher cannot tell.
import type { PromotionStatus, SyncStatus, VipRoleEvent } from '@routerd/bus';
import { formatSpan } from '../output/age.js';
import { isStale, type Heartbeating } from '../output/heartbeat.js';

export interface Problem {
  /** What is wrong, as KIND/NAME (or the agent). */
  object: string;
  problem: string;
}

function stale(what: string, status: Heartbeating, now: number): string {
  const age = Number.isNaN(Date.parse(status.observedAt)) ? `at ${JSON.stringify(status.observedAt)}` : `${formatSpan(now - Date.parse(status.observedAt))} ago`;
  return `${what} is STALE: last one ${age}, heartbeat every ${formatSpan(status.heartbeatMs)}`;
}

function withReason(phase: string, reason: string | undefined, message: string | undefined): string {
  return `${phase}${reason === undefined ? '' : ` (${reason})`}${message === undefined ? '' : `: ${message}`}`;
}

export function syncProblems(syncs: readonly SyncStatus[]): Problem[] {
  const problems: Problem[] = [];
  for (const s of syncs) {
    const object = `${s.kind}/${s.name}`;
    if (s.phase === 'Error') problems.push({ object, problem: withReason('Error', s.reason, s.message) });
    for (const t of s.targets) {
      if (t.phase !== 'Error') continue;
      const failures = t.consecutiveFailures > 1 ? `; ${t.consecutiveFailures} failures in a row` : '';
      problems.push({ object: `${object} target ${t.name} (${t.host})`, problem: `${withReason('Error', t.reason, t.message)}${failures}` });
    }
  }
  return problems;
}

export function roleProblems(roles: readonly VipRoleEvent[], now: number): Problem[] {
  const problems: Problem[] = [];
  for (const e of roles) {
    const object = `VirtualAddress/${e.name}`;
    if (isStale(e, now)) problems.push({ object, problem: stale(`role ${e.role}`, e, now) });
    else if (e.role === 'unknown') problems.push({ object, problem: `role unknown${e.reason === undefined ? '' : `: ${e.reason}`}` });
  }
  return problems;
}

/**
 * How long a promotion may be on its way to what its role asks (serving while master, stopped while
 * backup) before check calls it stuck: past any settle, start or stop deadline an operator would set,
 * short of hiding a promoter that waits forever (one did, its pull unable to start).
 */
export const STUCK_AFTER_MS = 120_000;

/** The phase a promotion's role asks for, if the role asks for one. */
function wanted(role: PromotionStatus['role']): 'Serving' | 'Stopped' | undefined {
  if (role === 'master') return 'Serving';
  if (role === 'backup' || role === 'inactive') return 'Stopped';
  return undefined;
}

export function promotionProblems(statuses: readonly PromotionStatus[], now: number): Problem[] {
  const problems: Problem[] = [];
  for (const s of statuses) {
    const object = `DHCPServerPromotion/${s.name}`;
    if (s.phase === 'Error') problems.push({ object, problem: withReason('Error', s.reason, s.message) });
    else {
      const want = wanted(s.role);
      const since = now - Date.parse(s.lastTransitionAt);
      if (want !== undefined && s.phase !== want && since > STUCK_AFTER_MS) {
        problems.push({ object, problem: `stuck for ${formatSpan(since)}: ${s.role} but not ${want}: ${withReason(s.phase, s.reason, s.message)}` });
      }
    }
    if (isStale(s, now)) problems.push({ object, problem: stale(`status (${s.phase})`, s, now) });
  }
  return problems;
}
