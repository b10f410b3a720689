// Where each ms of the syncer's lag goes: the lease-watcher's and the syncer's debug-level profile
// lines (pino JSON, `msg` starting with "profile:"), the counting wrapper's log and the bench's own
// write and "identical" times, joined per write by the sha256 of the content written.
import { readFile } from 'node:fs/promises';
import { BenchParseError } from './errors.js';
import type { RsyncRun } from './counting-rsync.js';
import type { WriteTimes } from './lag-run.js';
import { runsSince } from './rsync-log.js';
import { summarize, type Summary } from './stats.js';

/** One profile line of an agent: what it timed, the content's sha256 and its `...At` fields (ms, CLOCK_MONOTONIC; spawnWallAt: unix ms). */
export interface ProfileLine {
  what: string;
  sha256: string;
  times: Record<string, number>;
}

export interface StageSummary {
  stage: string;
  /** Which side measured it, and from what to what. */
  span: string;
  summary: Summary;
}

export interface LagProfile {
  writes: number;
  /** Writes whose every step was found in the logs (the others were coalesced into a later push). */
  matched: number;
  stages: StageSummary[];
}

/** The profile lines of one agent's log; other lines (and lines that are not JSON) are skipped. */
export function parseProfileLines(log: string, source: string): ProfileLine[] {
  const lines: ProfileLine[] = [];
  log.split('\n').forEach((text, i) => {
    if (!text.includes('"profile: ')) return;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch {
      throw new BenchParseError(`${source} line ${i + 1}: expected a pino JSON line with a profile, found ${JSON.stringify(text.slice(0, 200))}`);
    }
    const record = entry as { msg?: unknown; sha256?: unknown; profile?: unknown };
    const profile = typeof record.profile === 'object' && record.profile !== null ? (record.profile as Record<string, unknown>) : {};
    const sha256 = typeof profile['sha256'] === 'string' ? profile['sha256'] : record.sha256;
    if (typeof record.msg !== 'string' || typeof sha256 !== 'string') {
      throw new BenchParseError(`${source} line ${i + 1}: expected a profile line with msg and sha256, found ${JSON.stringify(text.slice(0, 200))}`);
    }
    const times: Record<string, number> = {};
    for (const [key, value] of Object.entries(profile)) if (typeof value === 'number') times[key] = value;
    // The lease-watcher's line is "profile: <path> published"; the syncer's "profile: <step>".
    const what = record.msg.endsWith(' published') ? 'published' : record.msg.slice('profile: '.length);
    lines.push({ what, sha256, times });
  });
  return lines;
}

/** The first line of `what` for `sha256` whose `field` is at or after `after`. */
function first(lines: readonly ProfileLine[], what: string, sha256: string, field: string, after: number): ProfileLine | undefined {
  return lines.find((l) => l.what === what && l.sha256 === sha256 && (l.times[field] ?? -Infinity) >= after);
}

/** The stages, in path order: [name, who measures it and between what, duration of one write or undefined]. */
type Step = [string, string, (t: Joined) => number | undefined];

interface Joined {
  write: WriteTimes;
  identicalAt: number;
  watcher: Record<string, number>;
  received: number;
  read: Record<string, number>;
  rsync: Record<string, number>;
  wrapper: RsyncRun | undefined;
}

const between = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? undefined : to - from);

const STEPS: Step[] = [
  ['inotify', 'write -> the lease-watcher\'s first watch event', (t) => between(t.write.writeAt, t.watcher['firstEventAt'])],
  ['debounce', 'first watch event -> stable read starts', (t) => between(t.watcher['firstEventAt'], t.watcher['readAt'])],
  ['stable read', 'the lease-watcher\'s two reads (settle between) and parse', (t) => between(t.watcher['readAt'], t.watcher['readDoneAt'])],
  ['publish', 'read done -> event published (log line, encode)', (t) => between(t.watcher['readDoneAt'], t.watcher['publishedAt'])],
  ['NATS', 'published -> the syncer receives it', (t) => between(t.watcher['publishedAt'], t.received)],
  ['syncer queue', 'received -> its source read starts', (t) => between(t.received, t.read['readAt'])],
  ['syncer read + stage', 'one read agreeing with the event, staged copy written', (t) => between(t.read['readAt'], t.read['stagedAt'])],
  ['wait for rsync in flight', 'offered -> rsync spawned', (t) => between(t.rsync['offeredAt'], t.rsync['spawnAt'])],
  ['spawn -> wrapper', 'spawn -> the wrapper starts rsync (wall clock, ms resolution)', (t) => (t.wrapper === undefined ? undefined : between(t.rsync['spawnWallAt'], t.wrapper.startMs))],
  ['rsync in the wrapper', 'rsync\'s start -> exit in the wrapper (rsync, ssh mux)', (t) => (t.wrapper === undefined ? undefined : t.wrapper.endMs - t.wrapper.startMs)],
  ['spawn -> identical', 'rsync spawned -> the bench sees the standby identical', (t) => between(t.rsync['spawnAt'], t.identicalAt)],
  ['identical -> exit seen', 'the bench sees it identical -> the syncer sees rsync\'s exit', (t) => between(t.identicalAt, t.rsync['exitAt'])],
  ['total', 'write -> standby identical', (t) => t.identicalAt - t.write.writeAt],
];

/**
 * Joins each write with its lease-watcher line, the syncer's three lines and the wrapper's run (the
 * first of each at or after the step before), and summarizes each stage over the writes found whole.
 */
export function lagProfile(writes: readonly WriteTimes[], watcher: readonly ProfileLine[], syncer: readonly ProfileLine[], runs: readonly RsyncRun[]): LagProfile {
  const joined: Joined[] = [];
  for (const write of writes) {
    const identicalAt = write.identicalAt[0];
    if (identicalAt === undefined) continue;
    const published = first(watcher, 'published', write.sha256, 'publishedAt', write.writeAt);
    if (published === undefined) continue;
    const event = first(syncer, 'lease event', write.sha256, 'receivedAt', published.times['publishedAt'] ?? Infinity);
    const read = event && first(syncer, 'source read', write.sha256, 'readAt', event.times['receivedAt'] ?? Infinity);
    const rsync = read && first(syncer, 'rsync', write.sha256, 'spawnAt', read.times['stagedAt'] ?? Infinity);
    if (event === undefined || read === undefined || rsync === undefined) continue;
    // The wrapper stamps the wall clock; the spawn's wall-clock stamp (whole ms) finds its run.
    const spawnWallAt = rsync.times['spawnWallAt'] ?? Infinity;
    const wrapper = runs.find((r) => r.startMs >= Math.floor(spawnWallAt));
    joined.push({ write, identicalAt, watcher: published.times, received: event.times['receivedAt'] ?? NaN, read: read.times, rsync: rsync.times, wrapper });
  }
  const stages: StageSummary[] = [];
  for (const [stage, span, measure] of STEPS) {
    const sample = joined.map(measure).filter((v): v is number => v !== undefined && Number.isFinite(v));
    if (sample.length > 0) stages.push({ stage, span, summary: summarize(sample) });
  }
  return { writes: writes.length, matched: joined.length, stages };
}

/** The profile of a lag run through the agents: their logs in the lab and the wrapper's runs for `destination` since `sinceUnixMs`. */
export async function readLagProfile(logs: { leaseWatcher: string; syncer: string; rsync: string }, writes: readonly WriteTimes[], sinceUnixMs: number, destination: string): Promise<LagProfile> {
  const [watcher, syncer] = await Promise.all([logs.leaseWatcher, logs.syncer].map(async (file) => parseProfileLines(await readFile(file, 'utf8'), file)));
  return lagProfile(writes, watcher ?? [], syncer ?? [], await runsSince(logs.rsync, sinceUnixMs, destination));
}
