#!/usr/bin/env node
// npm run bench [-- --quick] [-- --only lsyncd|footprint]: the real agents, nats-server, sshd and rsync, and the baselines in the
// same run. Prints a table, writes bench-results/<timestamp>.json, exits 1 if data was lost.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFromBundles, startAgent, stopAgent, type Agent, type AgentName } from './agents.js';
import { unpackBundles } from './bundles.js';
import { BENCH_USAGE, parseBenchArgs, type BenchPlan } from './bench-args.js';
import { runBaselines, runFloor } from './baselines.js';
import { runBurst } from './burst.js';
import { BenchOptionError } from './errors.js';
import { footprints, sampleAll } from './footprint.js';
import { runFootprintLevers } from './footprint-levers.js';
import { createLab } from './lab.js';
import { readLagProfile } from './lag-profile.js';
import { lagRun } from './lag-run.js';
import { runLargeFile } from './large-file.js';
import { LeaseWriter } from './lease-writer.js';
import { describeMachine } from './machine.js';
import { sleep } from '@routerd/testkit';
import { LAG_POLL_MS } from './lsyncd-run.js';
import { runLsyncdSection, type LsyncdSection } from './lsyncd-section.js';
import { formatLsyncdOnlyReport, formatReport } from './report.js';
import type { BenchResult, FanoutResult, LagResult, LsyncdOnlyResult } from './result.js';
import { rewriteInPlace } from './rewrite.js';
import { summarize } from './stats.js';
import { lsyncdVerdicts, verdicts } from './verdicts.js';
import { waitForContent } from './wait-content.js';
import { errorDetail } from '@routerd/model';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const AGENTS: AgentName[] = ['vip-watcher', 'lease-watcher', 'syncer'];
const IDLE_SETTLE_MS = 30_000;
const began = performance.now();
const progress = (text: string) => process.stderr.write(`bench [${Math.round((performance.now() - began) / 1000)} s]: ${text}\n`);

async function run(plan: BenchPlan): Promise<number> {
  const startedAt = new Date().toISOString();
  const machine = await describeMachine();
  const lab = await createLab(REPO, plan.only === undefined ? 4 : 1, progress);
  const agents = new Map<AgentName, Agent>();
  const dataLoss: string[] = [];
  const stopAll = async () => {
    for (const agent of [...agents.values()].reverse()) await stopAgent(agent);
    agents.clear();
  };
  const onSignal = () => {
    progress('interrupted: stopping everything');
    void stopAll().finally(() => lab.close().finally(() => process.exit(130)));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const writer = new LeaseWriter(200, 50);
    await writeFile(lab.leaseFile, writer.current());
    const config = await lab.writeConfig('router.yaml', { targets: 1 });
    const saveJson = async (result: object) => {
      const outDir = plan.outDir ?? join(REPO, 'bench-results');
      await mkdir(outDir, { recursive: true });
      const jsonFile = join(outDir, `${startedAt.replaceAll(':', '-')}${plan.only ? `-${plan.only}` : ''}.json`);
      await writeFile(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
      return jsonFile;
    };

    if (plan.only === 'footprint') {
      const levers = await runFootprintLevers(lab, { settleMs: plan.leverSettleMs, windowMs: plan.leverWindowMs }, progress);
      const jsonFile = await saveJson({ startedAt, only: 'footprint', machine, settleMs: plan.leverSettleMs, windowMs: plan.leverWindowMs, variants: levers.variants, loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100) });
      process.stdout.write(levers.table);
      process.stdout.write(`\nJSON: ${jsonFile}\n`);
      return 0;
    }

    // The lag profile reads the lease-watcher's and the syncer's debug-level lines (a few per write,
    // none while idle); not for the footprint levers above. ROUTERD_LOG_LEVEL=info given to the bench: no profile.
    process.env['ROUTERD_LOG_LEVEL'] ??= 'debug';

    /** Data check: every standby of the current configuration holds what the source holds. */
    const check = async (scenario: string, targets: number) => {
      const expected = await readFile(lab.leaseFile);
      for (let i = 0; i < targets; i++) {
        const at = await waitForContent(lab.standbyPath(i, lab.leaseFile), expected, { timeoutMs: 30_000 });
        if (at === undefined) dataLoss.push(`${scenario}: standby-${i} is not identical to the source 30 s after the last write`);
      }
    };

    // As the units run them: the .deb's bundles, with the launchers' Node options.
    runFromBundles(await unpackBundles(REPO, lab.root, progress));
    for (const name of AGENTS) {
      progress(`starting ${name}`);
      agents.set(name, await startAgent(lab, name, config));
    }
    await check('start', 1);
    const peers = (): Promise<LsyncdSection> =>
      runLsyncdSection(lab, { lagWrites: plan.lagWrites, slowLagWrites: plan.slowLagWrites, burstWrites: plan.burstWrites, tornRewrites: plan.tornRewrites, progress });
    const tornCheck = async (section: LsyncdSection) => {
      await check('torn files', 1);
      const t = section.syncerTorn;
      if (t.torn > 0 || !t.converged) dataLoss.push(`torn files: the syncer shipped ${t.torn} torn or truncated files${t.converged ? '' : ' and the standby never matched the last version'}`);
    };
    const syncerLagRun = async (): Promise<LagResult> => {
      progress(`lag through the agents: ${plan.lagWrites} writes`);
      const sinceUnix = Date.now();
      const r = await lagRun({ source: lab.leaseFile, standbyFiles: [lab.standbyPath(0, lab.leaseFile)], writer, writes: plan.lagWrites, gapMs: [50, 150], pollMs: LAG_POLL_MS });
      await check('lag', 1);
      const destination = `${lab.standbys[0]!.sshd.user}@${lab.standbys[0]!.sshd.host}:${lab.leaseFile}`;
      const logs = { leaseWatcher: join(lab.root, 'lease-watcher.log'), syncer: join(lab.root, 'syncer.log'), rsync: lab.rsyncLog };
      const profile = await readLagProfile(logs, r.writes, sinceUnix, destination);
      if (profile.matched === 0) progress('no lag profile: the agents logged no debug-level profile lines (ROUTERD_LOG_LEVEL)');
      return { writes: plan.lagWrites, lost: r.lost, summary: r.totals.length > 0 ? summarize(r.totals) : undefined, ...(profile.matched > 0 ? { profile } : {}) };
    };

    if (plan.only === 'lsyncd') {
      const syncerLag = await syncerLagRun();
      if (syncerLag.lost > 0) dataLoss.push(`lag: ${syncerLag.lost} writes never reached the standby within 10 s`);
      const floor = await runFloor(lab, { writes: plan.lagWrites, pollMs: LAG_POLL_MS, progress });
      progress(`burst: ${plan.burstWrites} rewrites`);
      const burst = await runBurst(lab, [...agents.values()], writer, plan.burstWrites);
      await check('burst', 1);
      const lsyncd = await peers();
      await tornCheck(lsyncd);
      const result: LsyncdOnlyResult = {
        startedAt, quick: plan.quick, only: 'lsyncd', machine, syncer: { lag: syncerLag, burst }, floor, lsyncd, verdicts: lsyncdVerdicts(syncerLag, lsyncd), dataLoss,
        loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100),
      };
      const jsonFile = await saveJson(result);
      process.stdout.write(formatLsyncdOnlyReport(result));
      process.stdout.write(`\nJSON: ${jsonFile}\nlogs were in ${lab.root} (removed)\n`);
      return dataLoss.length > 0 ? 1 : 0;
    }

    const ready = Object.fromEntries([...agents.values()].map((a) => [a.name, a.ready]));
    const pids = () => ({ ...Object.fromEntries([...agents.values()].map((a) => [a.name, a.process.pid])), 'nats-server': lab.nats.pid });

    // Past V8's memory reducer, whose full GCs run 8-20 s after start (measured with --cpu-prof): idle is what follows.
    progress(`idle footprint over ${plan.idleMs / 1000} s, after ${IDLE_SETTLE_MS / 1000} s of settling`);
    await sleep(IDLE_SETTLE_MS);
    const idleBefore = await sampleAll(pids());
    await sleep(plan.idleMs);
    const idle = { windowMs: plan.idleMs, agents: footprints(idleBefore, await sampleAll(pids())) };

    const syncerLag = await syncerLagRun();

    const baselines = await runBaselines(lab, { writes: plan.lagWrites, pollMs: LAG_POLL_MS, progress });

    progress(`burst: ${plan.burstWrites} rewrites`);
    const burst = await runBurst(lab, [...agents.values()], writer, plan.burstWrites);
    await check('burst', 1);

    const lsyncd = await peers();
    await tornCheck(lsyncd);

    const largeFile = await runLargeFile(lab, [...agents.values()], plan.largeChanges, progress);
    await check('large file', 1);
    rewriteInPlace(lab.leaseFile, writer.next());
    await check('back to the small file', 1);

    const fanout: FanoutResult[] = [
      { targets: 1, writes: syncerLag.writes, lost: syncerLag.lost, perTarget: [syncerLag.summary], total: syncerLag.summary },
    ];
    for (const targets of [2, 4]) {
      progress(`fan-out: ${targets} targets, ${plan.fanoutWrites} writes (syncer restarted with the new configuration)`);
      await stopAgent(agents.get('syncer')!);
      agents.delete('syncer');
      const fanConfig = await lab.writeConfig(`router-${targets}.yaml`, { targets });
      agents.set('syncer', await startAgent(lab, 'syncer', fanConfig));
      await check(`fan-out ${targets} start`, targets);
      const standbyFiles = Array.from({ length: targets }, (_, i) => lab.standbyPath(i, lab.leaseFile));
      const r = await lagRun({ source: lab.leaseFile, standbyFiles, writer, writes: plan.fanoutWrites, gapMs: [50, 150] });
      fanout.push({
        targets,
        writes: plan.fanoutWrites,
        lost: r.lost,
        perTarget: r.lags.map((sample) => (sample.length > 0 ? summarize(sample) : undefined)),
        total: r.totals.length > 0 ? summarize(r.totals) : undefined,
      });
      await check(`fan-out ${targets}`, targets);
    }
    for (const f of fanout) if (f.lost > 0) dataLoss.push(`fan-out ${f.targets}: ${f.lost} writes never reached every standby within 10 s`);
    if (syncerLag.lost > 0) dataLoss.push(`lag: ${syncerLag.lost} writes never reached the standby within 10 s`);

    const lag = { syncer: syncerLag, ...baselines };
    const result: BenchResult = {
      startedAt,
      quick: plan.quick,
      machine,
      vipSource: lab.ns ? 'vip-watcher --netns' : 'bench heartbeat',
      ready,
      idle,
      lag,
      burst,
      largeFile,
      fanout,
      lsyncd,
      verdicts: [...verdicts({ lag, burst, largeFile, idle }), ...lsyncdVerdicts(syncerLag, lsyncd)],
      dataLoss,
      loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100),
    };
    const jsonFile = await saveJson(result);
    process.stdout.write(formatReport(result));
    process.stdout.write(`\nJSON: ${jsonFile}\nlogs were in ${lab.root} (removed)\n`);
    return dataLoss.length > 0 ? 1 : 0;
  } finally {
    progress('stopping agents, sshd, nats-server');
    await stopAll();
    await lab.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchOptionError)) throw error;
    process.stderr.write(`bench: ${error.message}\n\n${BENCH_USAGE}`);
    return 2;
  }
  if (args.type === 'help') {
    process.stdout.write(BENCH_USAGE);
    return 0;
  }
  if (process.getuid?.() !== 0) {
    process.stderr.write(`bench: expected to run as root (sshd in mount namespaces, network namespaces), running as uid ${process.getuid?.()}\n`);
    return 2;
  }
  return run(args.plan);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${errorDetail(error)}\n`);
    process.exit(1);
  },
);
