// `npm run bench -- --only footprint`: the four agents idle, one variant at a time, against the bench's
// nats-server, standby sshd and VIP namespace. Variants: the built apps as the bench runs them (a), the
// .deb's esbuild bundles as its launchers run them (b), and (b) with one more V8 flag each (c, d, e).
// Measures only: it changes neither the agents nor their options.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AGENT_NODE_OPTIONS as AGENT_NODE_FLAGS } from '@routerd/agent/defaults';
import { configYaml, haLanResources } from '@routerd/model/testing';
import { sleep, startProcess, stopProcess, type StartedProcess } from '@routerd/testkit';
import { spec } from './agents.js';
import { BenchSetupError } from './errors.js';
import { formatLeversTable, type AgentIdle, type VariantResult } from './footprint-levers-table.js';
import type { Lab } from './lab.js';
import { cpuPercent, sampleProcess } from './proc-stat.js';
import { readSmapsRollup } from './smaps-rollup.js';

/** The ceiling tried for --max-old-space-size (MB): idle only; the 100,000-lease file is not run under it. */
export const OLD_SPACE_CEILING_MB = 32;

interface LeverAgent {
  name: string;
  /** The built app, as the bench runs it. */
  main: string;
  /** The bundle's file name in /usr/lib/routerd-lease-sync. */
  bundle: string;
  args: string[];
  env: Record<string, string>;
}

function leverAgents(lab: Lab): LeverAgent[] {
  const fromSpec = (name: 'vip-watcher' | 'lease-watcher' | 'syncer', bundle: string): LeverAgent => {
    const s = spec(lab, name);
    return { name, main: s.main, bundle, args: s.args, env: s.env };
  };
  return [
    fromSpec('vip-watcher', 'routerd-vip-watcher.mjs'),
    fromSpec('lease-watcher', 'routerd-lease-watcher.mjs'),
    fromSpec('syncer', 'routerd-syncer.mjs'),
    // The promoter's commands are `true`: idle, it only follows the VIP's role.
    { name: 'dhcp-promoter', main: 'apps/dhcp-promoter/dist/main.js', bundle: 'routerd-dhcp-promoter.mjs', args: ['--node', 'bench'], env: { ROUTERD_STATE_DIR: lab.stateDir, ROUTERD_RUNTIME_DIR: join(lab.root, 'run-dp') } },
  ];
}

/** Builds the .deb once (npm run package) and unpacks it; returns the bundles' folder. */
async function unpackBundles(repo: string, root: string, progress: (text: string) => void): Promise<string> {
  const out = join(root, 'deb');
  progress('building the .deb (npm run package) for its bundles');
  await promisify(execFile)('npm', ['run', 'package', '--', '--out', out], { cwd: repo, maxBuffer: 16 * 1024 * 1024 });
  const deb = (await readdir(out)).find((f) => f.endsWith('.deb'));
  if (deb === undefined) throw new BenchSetupError(`npm run package --out ${out}: expected a .deb there, found ${JSON.stringify(await readdir(out))}`);
  const tree = join(root, 'deb-tree');
  await promisify(execFile)('dpkg-deb', ['-x', join(out, deb), tree]);
  return join(tree, 'usr/lib/routerd-lease-sync');
}

interface Variant {
  key: string;
  label: string;
  bundled: boolean;
  nodeOptions: string[];
}

export const LEVER_VARIANTS: readonly Variant[] = [
  { key: 'a', label: 'built apps (bench today)', bundled: false, nodeOptions: [...AGENT_NODE_FLAGS] },
  { key: 'b', label: 'bundle (.deb launcher)', bundled: true, nodeOptions: [...AGENT_NODE_FLAGS] },
  { key: 'c', label: 'bundle --lite-mode', bundled: true, nodeOptions: [...AGENT_NODE_FLAGS, '--lite-mode'] },
  { key: 'd', label: 'bundle --jitless', bundled: true, nodeOptions: [...AGENT_NODE_FLAGS, '--jitless'] },
  { key: 'e', label: `bundle --max-old-space-size=${OLD_SPACE_CEILING_MB}`, bundled: true, nodeOptions: [...AGENT_NODE_FLAGS, `--max-old-space-size=${OLD_SPACE_CEILING_MB}`] },
];

export interface LeversPlan {
  settleMs: number;
  windowMs: number;
}

export async function runFootprintLevers(lab: Lab, plan: LeversPlan, progress: (text: string) => void): Promise<{ variants: VariantResult[]; table: string }> {
  const scratch = await mkdtemp('/tmp/rdb-levers-');
  try {
    const bundles = await unpackBundles(lab.repo, scratch, progress);
    const config = join(lab.root, 'levers.yaml');
    const targets = lab.standbys.slice(0, 1).map(({ sshd }) => ({ host: sshd.host, user: sshd.user, sshOptions: sshd.sshOptions }));
    const resources = haLanResources({ ifname: lab.ifname, vip: '192.0.2.1/32', targets, command: lab.wrapper, interval: '30s', promotion: { start: ['true'], stop: ['true'], check: ['true'] } });
    await writeFile(config, configYaml(resources));
    const variants: VariantResult[] = [];
    for (const v of LEVER_VARIANTS) {
      progress(`footprint ${v.key}: ${v.label} (${v.nodeOptions.join(' ')}), settle ${plan.settleMs / 1000} s, window ${plan.windowMs / 1000} s`);
      const started: { agent: LeverAgent; proc: StartedProcess }[] = [];
      try {
        for (const agent of leverAgents(lab)) {
          // (a) as the bench's startAgent does (NODE_OPTIONS); (b)–(e) as the launcher does (node's argv).
          const argv = v.bundled
            ? [process.execPath, ...v.nodeOptions, join(bundles, agent.bundle)]
            : [process.execPath, join(lab.repo, agent.main)];
          const env = { ...process.env, ...agent.env, LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info', ...(v.bundled ? {} : { NODE_OPTIONS: v.nodeOptions.join(' ') }) };
          const proc = startProcess(`${agent.name}-${v.key}`, [...argv, '--config', config, '--nats', lab.nats.url, ...agent.args], { env, logFile: join(lab.root, `levers-${v.key}-${agent.name}.log`) });
          started.push({ agent, proc });
        }
        await sleep(plan.settleMs);
        const before = [];
        for (const { agent, proc } of started) {
          if (proc.hasExited()) throw new BenchSetupError(`footprint ${v.key}: expected ${agent.name} to be running after ${plan.settleMs / 1000} s, found it exited (log: ${join(lab.root, `levers-${v.key}-${agent.name}.log`)})`);
          before.push(await sampleProcess(proc.pid));
        }
        await sleep(plan.windowMs);
        const agents: AgentIdle[] = [];
        for (const [i, { agent, proc }] of started.entries()) {
          const after = await sampleProcess(proc.pid);
          agents.push({ agent: agent.name, memory: await readSmapsRollup(proc.pid), cpuPercent: cpuPercent(before[i]!, after) });
        }
        variants.push({ key: v.key, label: v.label, nodeOptions: v.nodeOptions, agents });
      } finally {
        for (const { proc } of started.reverse()) await stopProcess(proc);
      }
    }
    return { variants, table: formatLeversTable(variants, plan.settleMs, plan.windowMs) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
