// One lag measurement: write (in place), optionally start something, wait until every standby copy
// is identical; the lag is write start -> identical, per standby.
import { rewriteInPlace } from './rewrite.js';
import type { LeaseWriter } from './lease-writer.js';
import { sleep } from '@routerd/testkit';
import { sha256 } from './torn.js';
import { waitForContent } from './wait-content.js';

export interface LagRunOptions {
  source: string;
  standbyFiles: readonly string[];
  writer: LeaseWriter;
  writes: number;
  /** Pause before each write: a random time in [min, max) ms. */
  gapMs: readonly [number, number];
  /** Started right after the write (the baselines' rsync); awaited before the next write. */
  afterWrite?: () => Promise<unknown>;
  timeoutMs?: number;
  /** The standby poll besides inotify (default 20 ms). */
  pollMs?: number;
  progress?: (done: number) => void;
}

/** One write's times in ms on the host's monotonic clock, comparable with the agents' profile lines. */
export interface WriteTimes {
  sha256: string;
  writeAt: number;
  /** Per standby; undefined when it never arrived. */
  identicalAt: (number | undefined)[];
  /** When `afterWrite` resolved (the baselines: the rsync's exit). */
  doneAt?: number;
}

export interface LagRun {
  /** lags[target][write] in ms; a write that never arrived is left out and counted in `lost`. */
  lags: number[][];
  /** Per write, the time until every standby was identical. */
  totals: number[];
  lost: number;
  writes: WriteTimes[];
}

/**
 * performance.now() of this process on the host's CLOCK_MONOTONIC, which the agents stamp their
 * profile with (process.hrtime): performance.now() runs on the same clock from another origin.
 */
const MONOTONIC_OFFSET = Number(process.hrtime.bigint()) / 1e6 - performance.now();
export const onHostClock = (now: number) => now + MONOTONIC_OFFSET;

export async function lagRun(o: LagRunOptions): Promise<LagRun> {
  const lags: number[][] = o.standbyFiles.map(() => []);
  const totals: number[] = [];
  let lost = 0;
  const writes: WriteTimes[] = [];
  for (let i = 0; i < o.writes; i++) {
    await sleep(o.gapMs[0] + Math.random() * (o.gapMs[1] - o.gapMs[0]));
    const content = o.writer.next();
    const waits = o.standbyFiles.map((file) => waitForContent(file, content, { timeoutMs: o.timeoutMs ?? 10_000, ...(o.pollMs === undefined ? {} : { pollMs: o.pollMs }) }));
    const t0 = performance.now();
    rewriteInPlace(o.source, content);
    const extra = o.afterWrite?.().then(() => performance.now());
    const arrived = await Promise.all(waits);
    const doneAt = await extra;
    writes.push({ sha256: sha256(content), writeAt: onHostClock(t0), identicalAt: arrived.map((at) => (at === undefined ? undefined : onHostClock(at))), ...(doneAt === undefined ? {} : { doneAt: onHostClock(doneAt) }) });
    let all = true;
    arrived.forEach((at, t) => {
      if (at === undefined) all = false;
      else lags[t]!.push(at - t0);
    });
    if (all) totals.push(Math.max(...arrived.map((at) => (at as number) - t0)));
    else lost += 1;
    o.progress?.(i + 1);
  }
  return { lags, totals, lost, writes };
}
