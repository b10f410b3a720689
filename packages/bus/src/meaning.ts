// Meaning, checked after shape: a payload that matches its schema must also agree with its subject,
// be about this consumer's node and configuration, and claim nothing out of bounds (a heartbeat, a
// time), or the consumer ignores it. A refusal is counted and logged at most once per rate window.
import { promotedServers, type RouterConfig } from '@routerd/model';
import type { BusCounters } from './counters.js';
import { BusError } from './errors.js';
import type { BusEvent } from './schemas/bus-message.js';
import { parseSubject, type BusSubject } from './subjects.js';
import { SubjectError } from './tokens.js';

/** Longest heartbeat a publisher may claim; a larger claim is refused. Receivers grant no more freshness than it gives. */
export const MAX_HEARTBEAT_MS = 60_000;
/** How far ahead of the receiver's wall clock a time may be. */
export const MAX_FUTURE_MS = 5 * 60_000;
/** How far behind the receiver's wall clock a status stamped as it is published may be. */
export const MAX_AGE_MS = 5 * 60_000;
/** A refusal is logged once per subject and reason per window. */
export const MEANING_LOG_WINDOW_MS = 60_000;

export const MEANING_REASONS = ['subject', 'foreign-node', 'unknown-resource', 'heartbeat', 'time'] as const;
export type MeaningReason = (typeof MEANING_REASONS)[number];

/** A message that matched its schema but says something this consumer must not act on. */
export class MeaningError extends BusError {
  override name = 'MeaningError';
  constructor(
    subject: string,
    readonly reason: MeaningReason,
    detail: string,
  ) {
    super(subject, `message on ${JSON.stringify(subject)} ignored: ${detail}`);
  }
}

export interface MeaningExpectations {
  /** The consumer's node, when it follows only its own: a message about another node is refused. */
  node?: string;
  /** The consumer's configuration: the resource a message names must be in it. Omitted: not checked. */
  config?: () => RouterConfig;
  /** The receiver's wall clock, ms since the epoch. Omitted: times are not checked. */
  wallNow?: () => number;
}

const SUBJECT_TYPE = { 'vip.role': 'vip', 'lease.file': 'lease', 'sync.status': 'sync', 'promotion.status': 'promotion', 'reconcile.event': 'reconcile' } as const;

const quote = (value: unknown) => JSON.stringify(value);

function subjectProblem(parsed: BusSubject, event: BusEvent): string | undefined {
  if (parsed.type !== SUBJECT_TYPE[event.type]) {
    const expected = Object.entries(SUBJECT_TYPE).find(([, area]) => area === parsed.type)?.[0];
    return `type: expected ${expected === undefined ? 'no event' : quote(expected)} on a ${parsed.type} subject, found ${quote(event.type)}`;
  }
  if (event.node !== parsed.node) return `node: expected ${quote(parsed.node)} (the subject's node), found ${quote(event.node)}`;
  if ('name' in parsed && event.name !== parsed.name) return `name: expected ${quote(parsed.name)} (the subject's name), found ${quote(event.name)}`;
  if ('kind' in parsed && 'kind' in event && event.kind !== parsed.kind) return `kind: expected ${quote(parsed.kind)} (the subject's kind), found ${quote(event.kind)}`;
  return undefined;
}

function resourceProblem(event: BusEvent, config: RouterConfig): string | undefined {
  const find = (kind: string, name: string) => config.resources.find((r) => r.kind === kind && r.metadata.name === name);
  const missing = (field: string, kind: string, name: string) => `${field}: expected a ${kind} of this node's configuration, found ${quote(name)}`;
  switch (event.type) {
    case 'vip.role':
      return find('VirtualAddress', event.name) ? undefined : missing('name', 'VirtualAddress', event.name);
    case 'lease.file':
    case 'reconcile.event':
      return find(event.kind, event.name) ? undefined : missing('name', event.kind, event.name);
    case 'sync.status':
      return find(event.kind, event.name) ? undefined : missing('name', event.kind, event.name);
    case 'promotion.status': {
      const promotion = config.resources.find((r) => r.kind === 'DHCPServerPromotion' && r.metadata.name === event.name);
      if (promotion?.kind !== 'DHCPServerPromotion') return missing('name', 'DHCPServerPromotion', event.name);
      const vip = promotion.spec.virtualAddress;
      if (event.virtualAddress !== vip) return `virtualAddress: expected ${quote(vip)} (DHCPServerPromotion/${event.name}'s), found ${quote(event.virtualAddress)}`;
      const key = (s: { kind: string; name: string }) => `${s.kind}/${s.name}`;
      const expected = promotedServers(promotion.spec, config.resources).map(key).sort();
      const found = event.servers.map(key).sort();
      if (quote(found) !== quote(expected)) return `servers: expected ${expected.join(', ')} (DHCPServerPromotion/${event.name}'s), found ${found.join(', ') || 'none'}`;
      return undefined;
    }
  }
}

/** The times a consumer may act on: statuses stamped as they are published, and times only bounded ahead. */
function timeProblem(event: BusEvent, now: number): string | undefined {
  // A lease file's observedAt is when its state was first seen, a reconcile event's `at` when it began:
  // both may be old and true (a file unchanged for days, re-announced). Transition times are not
  // checked at all: after a step of the publisher's wall clock a true one stays out of any window for
  // as long as the state holds, and refusing it would silence a live publisher (the syncer's status
  // cache already reads one after observedAt as unknown and bounds an earlier one by what it saw).
  const [field, text, stampedNow] = event.type === 'reconcile.event' ? ['at', event.at, false] : ['observedAt', event.observedAt, event.type !== 'lease.file'];
  const at = Date.parse(text);
  const window = `between ${new Date(now - MAX_AGE_MS).toISOString()} and ${new Date(now + MAX_FUTURE_MS).toISOString()}`;
  if (at > now + MAX_FUTURE_MS) return `${field}: expected no later than ${new Date(now + MAX_FUTURE_MS).toISOString()} (${MAX_FUTURE_MS / 60_000} min ahead of this node's clock), found ${text}`;
  if (stampedNow && at < now - MAX_AGE_MS) return `${field}: expected ${window} (within ${MAX_AGE_MS / 60_000} min of this node's clock), found ${text}`;
  return undefined;
}

/** Whether `event`, received on `subject`, means something this consumer may act on; the error names the field, the expectation and what was found. */
export function checkMeaning(subject: string, event: BusEvent, expect: MeaningExpectations = {}): MeaningError | undefined {
  const refuse = (reason: MeaningReason, detail: string) => new MeaningError(subject, reason, detail);
  let parsed: BusSubject;
  try {
    parsed = parseSubject(subject);
  } catch (error) {
    if (!(error instanceof SubjectError)) throw error;
    return refuse('subject', error.message);
  }
  const disagrees = subjectProblem(parsed, event);
  if (disagrees !== undefined) return refuse('subject', disagrees);
  if (expect.node !== undefined && event.node !== expect.node) return refuse('foreign-node', `node: expected ${quote(expect.node)} (this consumer follows its own node only), found ${quote(event.node)}`);
  const config = expect.config?.();
  const unknown = config && resourceProblem(event, config);
  if (unknown) return refuse('unknown-resource', unknown);
  if ((event.type === 'vip.role' || event.type === 'promotion.status') && event.heartbeatMs > MAX_HEARTBEAT_MS) {
    return refuse('heartbeat', `heartbeatMs: expected at most ${MAX_HEARTBEAT_MS}, found ${event.heartbeatMs}`);
  }
  const late = expect.wallNow && timeProblem(event, expect.wallNow());
  if (late) return refuse('time', late);
  return undefined;
}

/** The heartbeat a receiver reckons freshness from: the claimed one, never more than MAX_HEARTBEAT_MS. */
export function grantedHeartbeatMs(claimed: number): number {
  return Math.min(claimed, MAX_HEARTBEAT_MS);
}

export interface RateLimitedReportOptions {
  /** Logs one problem; `suppressed` is how many like it were not logged since the last one. */
  log: (problem: BusError, suppressed: number) => void;
  /** Monotonic ms. */
  now: () => number;
  windowMs?: number;
}

/** Keys kept at most: a flood of distinct forged subjects shares one key per reason beyond it. */
const MAX_KEYS = 256;

/** Reports a problem at most once per window per subject and reason (a MeaningError's reason, else its class). */
export function createRateLimitedReport(options: RateLimitedReportOptions): (problem: BusError) => void {
  const windowMs = options.windowMs ?? MEANING_LOG_WINDOW_MS;
  const last = new Map<string, { at: number; suppressed: number }>();
  return (problem) => {
    const now = options.now();
    const reason = problem instanceof MeaningError ? problem.reason : problem.name;
    if (last.size >= MAX_KEYS) {
      for (const [key, entry] of last) if (now - entry.at >= windowMs) last.delete(key);
    }
    const key = last.size >= MAX_KEYS && !last.has(`${problem.subject} ${reason}`) ? `* ${reason}` : `${problem.subject} ${reason}`;
    const entry = last.get(key);
    if (entry !== undefined && now - entry.at < windowMs) {
      entry.suppressed += 1;
      return;
    }
    last.set(key, { at: now, suppressed: 0 });
    options.log(problem, entry?.suppressed ?? 0);
  };
}

export interface MeaningGuardOptions extends MeaningExpectations {
  counters: BusCounters;
  /** Where refusals go, already rate-limited (createRateLimitedReport). */
  report: (problem: BusError) => void;
}

/** checkMeaning for one consumer: true to act on the message; false when it was refused, counted and reported. */
export function createMeaningGuard(options: MeaningGuardOptions): (subject: string, event: BusEvent) => boolean {
  return (subject, event) => {
    const problem = checkMeaning(subject, event, options);
    if (problem === undefined) return true;
    options.counters.countBad(subject, problem);
    options.report(problem);
    return false;
  };
}
