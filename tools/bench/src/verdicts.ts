// The targets, each met or missed with the figure that decides it.
import type { LsyncdSection } from './lsyncd-section.js';
import type { BenchResult, LagResult, Verdict } from './result.js';

/** The original's average lag at its default interval of 30 s. */
export const ORIGINAL_DEFAULT_LAG_MS = 15_000;
/** Issue 13's footprint targets: idle RSS and CPU per agent, and the peak while the 100,000-lease file is handled. */
const IDLE_RSS_MB = 50;
const IDLE_CPU = 0.3;
const LARGE_FILE_PEAK_MB = 80;
const PEAK_AGENTS = ['lease-watcher', 'syncer'];

type Inputs = Pick<BenchResult, 'lag' | 'burst' | 'largeFile' | 'idle'>;

export function verdicts({ lag, burst, largeFile, idle }: Inputs): Verdict[] {
  const out: Verdict[] = [];
  const s = lag.syncer.summary;
  const floor = lag.openConnection.identical.summary;
  if (s && floor) {
    const bound = 2 * floor.p99 + 50;
    out.push({ target: 'lag p99 <= 2 x floor p99 + 50 ms', met: s.p99 <= bound, figure: `p99 ${s.p99} ms vs bound ${bound} ms (floor p99 ${floor.p99} ms)` });
  } else out.push({ target: 'lag p99 <= 2 x floor p99 + 50 ms', met: false, figure: 'no lag sample' });
  if (s) {
    const ratio = Math.round(ORIGINAL_DEFAULT_LAG_MS / Math.max(s.p50, 0.1));
    out.push({ target: 'lag p50 >= 100x below 15 s', met: s.p50 * 100 <= ORIGINAL_DEFAULT_LAG_MS, figure: `p50 ${s.p50} ms, ${ratio}x below 15 s` });
  }
  const burstMs = burst.lastWriteToIdenticalMs;
  out.push({
    target: 'burst: identical within 1 s of the last write',
    met: burstMs !== undefined && burstMs <= 1000,
    figure: burstMs === undefined ? 'never identical' : `${Math.round(burstMs)} ms`,
  });
  out.push({
    target: 'burst: far fewer rsync runs than writes, one in flight',
    met: burst.rsyncRuns * 10 <= burst.writes && burst.maxInFlight <= 1,
    figure: `${burst.rsyncRuns} runs for ${burst.writes} writes, at most ${burst.maxInFlight} in flight`,
  });
  const worst = Math.max(...largeFile.oneLine.map((t) => t.bytesSent), 0);
  const share = largeFile.bytes > 0 ? (100 * worst) / largeFile.bytes : Number.POSITIVE_INFINITY;
  out.push({
    target: 'one-line change: < 1% of the file sent',
    met: largeFile.oneLine.length > 0 && share < 1,
    figure: `${worst} B of ${largeFile.bytes} B (${share.toFixed(3)}%)`,
  });
  for (const [name, agent] of Object.entries(idle.agents)) {
    if (name === 'nats-server') continue;
    // The commands an agent runs while idle (the vip-watcher's `ip -j addr show`) are its cost too.
    const cpu = Math.round((agent.cpuPercent + (agent.childCpuPercent ?? 0)) * 100) / 100;
    out.push({ target: `${name} idle: <= ${IDLE_RSS_MB} MB RSS, <= ${IDLE_CPU}% CPU`, met: agent.rssMb <= IDLE_RSS_MB && cpu <= IDLE_CPU, figure: `${agent.rssMb} MB, ${cpu}%` });
  }
  for (const name of PEAK_AGENTS) {
    const peak = largeFile.peakRssMb?.[name];
    out.push({
      target: `${name} peak RSS on the 100,000-lease file <= ${LARGE_FILE_PEAK_MB} MB`,
      met: peak !== undefined && peak <= LARGE_FILE_PEAK_MB,
      figure: peak === undefined ? 'not measured' : `${peak} MB`,
    });
  }
  return out;
}

/** Issue 13's lag targets against lsyncd at delay = 0 in the same run, and no torn file shipped by the syncer. */
export function lsyncdVerdicts(syncerLag: LagResult, section: LsyncdSection): Verdict[] {
  const s = syncerLag.summary;
  const l = section.runs.find((r) => r.delay === 0)?.lag.summary;
  const out: Verdict[] = [];
  if (s && l) {
    out.push({ target: 'lag p50 <= lsyncd (delay 0) p50 + 30 ms', met: s.p50 <= l.p50 + 30, figure: `p50 ${s.p50} ms vs bound ${Math.round((l.p50 + 30) * 10) / 10} ms (lsyncd p50 ${l.p50} ms)` });
    out.push({ target: 'lag p99 <= 2 x lsyncd (delay 0) p99', met: s.p99 <= 2 * l.p99, figure: `p99 ${s.p99} ms vs bound ${Math.round(2 * l.p99 * 10) / 10} ms (lsyncd p99 ${l.p99} ms)` });
  } else out.push({ target: 'lag against lsyncd (delay 0)', met: false, figure: s ? 'no lsyncd lag sample' : 'no syncer lag sample' });
  const t = section.syncerTorn;
  out.push({ target: 'no torn file shipped (chunked rewrites)', met: t.torn === 0 && t.converged, figure: `${t.torn} torn of ${t.torn + t.complete} contents seen; ${t.converged ? 'identical at the end' : 'never identical to the last version'}` });
  return out;
}
