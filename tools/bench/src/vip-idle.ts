#!/usr/bin/env node
// npm run idle:vip-watcher [-- --seconds N] [-- --agent PATH]: the vip-watcher's idle cost alone, in about
// a minute: nats-server, a namespace holding the VIP, the built agent with --netns. Its own CPU and that of
// its children: the long-lived `ip monitor` and `ip -j -batch -` (which answers each heartbeat's kernel
// re-read) from their own /proc/<pid>/stat, and any it ran and reaped (cutime + cstime).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorDetail } from '@routerd/model';
import { createNetns, sleep, startNatsServer, startProcess, stopProcess } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { agentNodeArgs } from '@routerd/agent/defaults';
import { benchConfigYaml, VIP } from './config-yaml.js';
import { BenchOptionError, BenchSetupError } from './errors.js';
import { mb } from './footprint.js';
import { NODE } from './lab.js';
import { childCpuPercent, cpuPercent, sampleProcess } from './proc-stat.js';
import { parseVipIdleArgs, VIP_IDLE_USAGE, type VipIdlePlan } from './vip-idle-args.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** The vip-watcher's kernel reads so far, from its service stats (`nats micro stats routerd-vip-watcher`). */
async function kernelReads(nc: NatsConnection): Promise<number> {
  const reply = await nc.request('$SRV.STATS.routerd-vip-watcher', undefined, { timeout: 2_000 });
  const stats: unknown = reply.json();
  const endpoints = typeof stats === 'object' && stats !== null && 'endpoints' in stats && Array.isArray(stats.endpoints) ? (stats.endpoints as unknown[]) : [];
  const data: unknown = (endpoints[0] as { data?: unknown } | undefined)?.data;
  const reads = typeof data === 'object' && data !== null && 'kernelReads' in data ? data.kernelReads : undefined;
  if (typeof reads !== 'number') throw new BenchSetupError(`vip-watcher stats: expected endpoints[0].data.kernelReads, found ${JSON.stringify(stats).slice(0, 200)}`);
  return reads;
}

async function run({ seconds, agent }: VipIdlePlan): Promise<void> {
  const root = await mkdtemp('/tmp/rdb-idle-');
  const cleanups: (() => Promise<unknown>)[] = [() => rm(root, { recursive: true, force: true })];
  try {
    const nats = await startNatsServer();
    cleanups.push(() => nats.cleanup());
    const ns = await createNetns(`rdbench-idle-${process.pid}`, 'rdb0', VIP);
    cleanups.push(() => ns.remove());
    const config = join(root, 'router.yaml');
    // The sync is never run (no syncer): its target is only there for the configuration to be whole.
    await writeFile(config, benchConfigYaml({ targets: [{ host: '198.51.100.2', user: 'routerd', sshOptions: [] }], command: 'rsync', ifname: ns.ifname }));
    const nc = await connect({ servers: nats.url, name: 'routerd-bench-idle' });
    cleanups.push(() => nc.close());
    let events = 0;
    const sub = nc.subscribe(`routerd.${NODE}.vip.>`, { callback: () => void (events += 1) });
    const main = agent ?? join(REPO, 'apps/vip-watcher/dist/main.js');
    const env = { ...process.env, ROUTERD_RUNTIME_DIR: join(root, 'run'), ROUTERD_KEEPALIVED_PIDFILE: join(root, 'none.pid') };
    const proc = startProcess('vip-watcher', [process.execPath, ...agentNodeArgs('routerd-vip-watcher'), main, '--config', config, '--nats', nats.url, '--node', NODE, '--netns', ns.name], { env, logFile: join(root, 'vip-watcher.log') });
    cleanups.push(() => stopProcess(proc));
    for (let waited = 0; events === 0; waited += 100) {
      if (waited > 15_000 || proc.hasExited()) throw new BenchSetupError(`${main}: expected a role event within 15 s, found none (log: ${join(root, 'vip-watcher.log')})`);
      await sleep(100);
    }
    await sleep(2_000);
    const [before, readsBefore, eventsBefore] = [await sampleProcess(proc.pid), await kernelReads(nc), events];
    await sleep(seconds * 1000);
    const [after, readsAfter, eventsAfter] = [await sampleProcess(proc.pid), await kernelReads(nc), events];
    sub.unsubscribe();
    const own = cpuPercent(before, after);
    const children = childCpuPercent(before, after);
    process.stdout.write(
      [
        `vip-watcher idle over ${seconds} s: ${main}`,
        `  role events ${eventsAfter - eventsBefore}, kernel reads ${readsAfter - readsBefore}`,
        `  CPU: own ${own} %, its commands ${children} %, total ${Math.round((own + children) * 100) / 100} % of one core`,
        `  RSS ${mb(after.rssKb)} MB (peak ${mb(after.hwmKb)} MB)`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseVipIdleArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchOptionError)) throw error;
    process.stderr.write(`idle:vip-watcher: ${error.message}\n\n${VIP_IDLE_USAGE}`);
    return 2;
  }
  if (args.type === 'help') {
    process.stdout.write(VIP_IDLE_USAGE);
    return 0;
  }
  if (process.getuid?.() !== 0) {
    process.stderr.write(`idle:vip-watcher: expected to run as root (a network namespace), running as uid ${process.getuid?.()}\n`);
    return 2;
  }
  await run(args.plan);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`idle:vip-watcher: ${errorDetail(error)}\n`);
    process.exit(1);
  },
);
