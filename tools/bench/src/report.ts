// The readable table on stdout.
import type { FloorResult } from './baselines.js';
import type { LagProfile } from './lag-profile.js';
import type { LsyncdSection } from './lsyncd-section.js';
import type { BenchResult, BurstResult, LagResult, LsyncdOnlyResult } from './result.js';
import type { Summary } from './stats.js';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const ms = (v: number | undefined) => (v === undefined ? '-' : `${Math.round(v * 10) / 10}`);
const lagRow = (name: string, s: Summary | undefined, lost: number, extra = '') => [name, String(s?.n ?? 0), ms(s?.p50), ms(s?.p95), ms(s?.p99), ms(s?.max), String(lost), extra];
const lagOf = (name: string, r: LagResult, extra = '') => lagRow(name, r.summary, r.lost, extra);

export function formatReport(r: BenchResult): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`routerd bench ${r.quick ? '(quick) ' : ''}${r.startedAt}`);
  out.push(`machine: ${m.nproc} CPU (${m.cpuModel}), ${m.memoryMb} MB, kernel ${m.kernel}, ${m.os}; node ${m.node}; ${m.natsServer}; ${m.rsync}; ${m.openssh}`);
  out.push(`load average at start ${m.loadAverage.join(' ')}, at end ${r.loadAverageAtEnd.join(' ')}; VIP role from: ${r.vipSource}`);
  out.push('', '1. Lag, lease-file write -> standby identical (ms; 5 ms poll besides inotify)');
  out.push(
    table(
      ['what', 'n', 'p50', 'p95', 'p99', 'max', 'lost'],
      [
        lagOf('syncer (agents, 1 target)', r.lag.syncer),
        lagOf('(a) rsync, new ssh connection', r.lag.newConnection),
        ...floorRows(r.lag.openConnection),
      ].map((row) => row.slice(0, 7)),
    ),
  );
  if (r.lag.syncer.profile) out.push('', formatProfile(r.lag.syncer.profile));
  const b = r.burst;
  out.push('', `2. Burst: ${b.writes} in-place rewrites in ${ms(b.writeSpanMs)} ms`);
  out.push(
    table(
      ['rsync runs', 'max in flight', 'last write -> identical (ms)'],
      [[String(b.rsyncRuns), String(b.maxInFlight), ms(b.lastWriteToIdenticalMs)]],
    ),
  );
  out.push(
    table(
      ['agent', 'RSS before (MB)', 'RSS after (MB)', 'CPU during burst (%)'],
      Object.keys(b.memoryBeforeMb).map((name) => [name, ms(b.memoryBeforeMb[name]), ms(b.memoryAfterMb[name]), ms(b.cpuPercent[name])]),
    ),
  );
  const l = r.largeFile;
  out.push('', `3. Large file: ${l.leases} leases, ${l.bytes} bytes`);
  out.push(
    table(
      ['what', 'time (ms)', 'rsync runs', 'bytes sent', 'bytes received', '% of file sent'],
      [
        ['full first sync (syncer)', ms(l.full.ms), String(l.full.runs), String(l.full.bytesSent), String(l.full.bytesReceived), ((100 * l.full.bytesSent) / l.bytes).toFixed(2)],
        ...l.oneLine.map((t, i) => [`one-line change #${i + 1} (syncer)`, ms(t.ms), String(t.runs), String(t.bytesSent), String(t.bytesReceived), ((100 * t.bytesSent) / l.bytes).toFixed(3)]),
        ['full, bare rsync on open master', ms(l.floorFullMs), '1', '', '', ''],
        ['one line, bare rsync on open master', ms(l.floorOneLineMs), '1', String(l.floorOneLineSent), '', ((100 * l.floorOneLineSent) / l.bytes).toFixed(3)],
      ],
    ),
  );
  out.push(`RSS after the large file (MB): ${Object.entries(l.rssAfterMb).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (l.peakRssMb) out.push(`peak RSS during the large file (MB): ${Object.entries(l.peakRssMb).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push('', `4. Footprint: idle over ${r.idle.windowMs / 1000} s; start to ready`);
  out.push(
    table(
      ['process', 'RSS (MB)', 'peak RSS (MB)', 'idle CPU (%)', 'its commands\' CPU (%)', 'first message (ms)', 'service answers (ms)'],
      Object.entries(r.idle.agents).map(([name, a]) => [name, ms(a.rssMb), ms(a.hwmMb), String(a.cpuPercent), a.childCpuPercent === undefined ? '-' : String(a.childCpuPercent), ms(r.ready[name]?.firstMessageMs), ms(r.ready[name]?.serviceMs)]),
    ),
  );
  out.push('', '5. Fan-out: lag per target and total (ms)');
  out.push(
    table(
      ['targets', 'writes', 'lost', 'per-target p50', 'per-target p99', 'total p50', 'total p95', 'total p99'],
      r.fanout.map((f) => [
        String(f.targets),
        String(f.writes),
        String(f.lost),
        f.perTarget.map((s) => ms(s?.p50)).join(' / '),
        f.perTarget.map((s) => ms(s?.p99)).join(' / '),
        ms(f.total?.p50),
        ms(f.total?.p95),
        ms(f.total?.p99),
      ]),
    ),
  );
  if (r.lsyncd) out.push('', formatLsyncdSection('6.', r.lag.syncer, r.burst, r.lsyncd));
  out.push('', 'Targets');
  out.push(table(['target', 'verdict', 'figure'], r.verdicts.map((v) => [v.target, v.met ? 'met' : 'MISSED', v.figure])));
  out.push('', r.dataLoss.length === 0 ? 'Data: every standby identical at the end of every scenario.' : `DATA LOSS: ${r.dataLoss.join('; ')}`);
  return `${out.join('\n')}\n`;
}

/** (b) timed to the standby's file identical (the floor), and to rsync's exit as its caller sees it. */
const floorRows = (floor: FloorResult) => [lagOf('(b) rsync, open ssh master (floor)', floor.identical), lagOf('(b) the same, timed to rsync\'s exit', floor.exit)];

/** The profile of the syncer's lag row: one line per stage, in path order. */
export function formatProfile(profile: LagProfile): string {
  const head = `Where each ms goes: ${profile.matched} of ${profile.writes} writes found in the agents' debug profile and the wrapper's log (ms)`;
  return `${head}\n${table(['stage', 'p50', 'p95', 'p99', 'between'], profile.stages.map((st) => [st.stage, ms(st.summary.p50), ms(st.summary.p95), ms(st.summary.p99), st.span]))}`;
}

/** lsyncd's rows beside the syncer's: lag, the burst, RSS, and torn files shipped; the floor (b) under them when given. */
export function formatLsyncdSection(number: string, syncerLag: LagResult, syncerBurst: BurstResult, section: LsyncdSection, floor?: FloorResult): string {
  const out: string[] = [];
  const agentsRss = ['lease-watcher', 'syncer'].map((n) => syncerBurst.memoryAfterMb[n]);
  const rss = agentsRss.every((v) => v !== undefined) ? `${ms(agentsRss[0])} + ${ms(agentsRss[1])}` : '-';
  out.push(`${number} lsyncd (${section.version}) beside the syncer: same standby, same ssh, same writes; lag to the standby's file identical (5 ms poll)`);
  out.push(
    table(
      ['what', 'n', 'p50', 'p95', 'p99', 'max', 'lost', 'burst: rsync runs', 'in flight', 'last write -> identical', 'RSS (MB)'],
      [
        [...lagOf('syncer (agents: lease-watcher + syncer)', syncerLag).slice(0, 7), `${syncerBurst.rsyncRuns} / ${syncerBurst.writes}`, String(syncerBurst.maxInFlight), ms(syncerBurst.lastWriteToIdenticalMs), rss],
        ...section.runs.map((l) => [
          ...lagOf(`lsyncd delay=${l.delay} (${l.connection})`, l.lag).slice(0, 7),
          `${l.burst.rsyncRuns} / ${l.burst.writes}`,
          String(l.burst.maxInFlight),
          ms(l.burst.lastWriteToIdenticalMs),
          `${ms(l.rssMb)} (peak ${ms(l.peakRssMb)})`,
        ]),
        ...(floor === undefined ? [] : floorRows(floor).map((row) => [...row.slice(0, 7), '', '', '', ''])),
      ],
    ),
  );
  const torn = [['syncer (agents)', section.syncerTorn] as const, ...section.runs.flatMap((l) => (l.torn ? [[`lsyncd delay=${l.delay}`, l.torn] as const] : []))];
  const first = torn[0]?.[1];
  out.push('', `Torn files shipped: ${first?.rewrites ?? 0} chunked rewrites (4 KiB writes over 15 ms, 10-60 ms apart) of a 3000-lease file; every distinct standby content seen (a lower bound)`);
  out.push(
    table(
      ['side', 'complete versions seen', 'torn or truncated', 'cut mid-line', 'identical at the end'],
      torn.map(([name, t]) => [name, String(t.complete), String(t.torn), String(t.cutMidLine), t.converged ? 'yes' : 'NO']),
    ),
  );
  return out.join('\n');
}

export function formatLsyncdOnlyReport(r: LsyncdOnlyResult): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`routerd bench --only lsyncd ${r.quick ? '(quick) ' : ''}${r.startedAt}`);
  out.push(`machine: ${m.nproc} CPU (${m.cpuModel}), ${m.memoryMb} MB, kernel ${m.kernel}, ${m.os}; node ${m.node}; ${m.rsync}; ${m.openssh}`);
  out.push(`load average at start ${m.loadAverage.join(' ')}, at end ${r.loadAverageAtEnd.join(' ')}`);
  out.push('', formatLsyncdSection('1.', r.syncer.lag, r.syncer.burst, r.lsyncd, r.floor));
  if (r.syncer.lag.profile) out.push('', formatProfile(r.syncer.lag.profile));
  out.push('', 'Targets');
  out.push(table(['target', 'verdict', 'figure'], r.verdicts.map((v) => [v.target, v.met ? 'met' : 'MISSED', v.figure])));
  out.push('', r.dataLoss.length === 0 ? 'Data: every standby identical at the end of every scenario.' : `DATA LOSS: ${r.dataLoss.join('; ')}`);
  return `${out.join('\n')}\n`;
}
