// `npm run bench -- --only footprint`: the four agents idle, one variant at a time, against the bench's
// nats-server, standby sshd and VIP namespace. Variants: the built apps with the units' options (a), the
// .deb's esbuild bundles as its launchers run them (b), the bundles with the options the units had before
// (c), and with --lite-mode for every agent (d).
// Measures only: it changes neither the agents nor their options.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AGENT_NODE_OPTIONS, agentNodeArgs, LITE_MODE_AGENTS } from '@routerd/agent/defaults';
import { configYaml, haLanResources } from '@routerd/model/testing';
import { sleep, startProcess, stopProcess, type StartedProcess } from '@routerd/testkit';
import { spec } from './agents.js';
import { launcherArgv, unpackBundles } from './bundles.js';
import { BenchSetupError } from './errors.js';
import { formatLeversTable, type AgentIdle, type VariantResult } from './footprint-levers-table.js';
import type { Lab } from './lab.js';
import { cpuPercent, sampleProcess } from './proc-stat.js';
import { readSmapsRollup } from './smaps-rollup.js';


interface LeverAgent {
  name: string;
  /** The built app. */
  main: string;
  /** Its command: the bundle is <bin>.mjs in /usr/lib/routerd-lease-sync. */
  bin: string;
  args: string[];
  env: Record<string, string>;
}

function leverAgents(lab: Lab): LeverAgent[] {
  const fromSpec = (name: 'vip-watcher' | 'lease-watcher' | 'syncer'): LeverAgent => {
    const s = spec(lab, name);
    return { name, main: s.main, bin: s.bin, args: s.args, env: s.env };
  };
  return [
    fromSpec('vip-watcher'),
    fromSpec('lease-watcher'),
    fromSpec('syncer'),
    // The promoter's commands are `true`: idle, it only follows the VIP's role.
    { name: 'dhcp-promoter', main: 'apps/dhcp-promoter/dist/main.js', bin: 'routerd-dhcp-promoter', args: ['--node', 'bench'], env: { ROUTERD_STATE_DIR: lab.stateDir, ROUTERD_RUNTIME_DIR: join(lab.root, 'run-dp') } },
  ];
}

interface Variant {
  key: string;
  label: string;
  bundled: boolean;
  /** node's options for an agent's command. */
  nodeArgs: (bin: string) => readonly string[];
}

const LITE = ['--lite-mode', '--no-expose-wasm'];

export const LEVER_VARIANTS: readonly Variant[] = [
  { key: 'a', label: "built apps, the units' options", bundled: false, nodeArgs: agentNodeArgs },
  { key: 'b', label: "bundle, the units' options (the .deb)", bundled: true, nodeArgs: agentNodeArgs },
  { key: 'c', label: 'bundle, the units before (semi-space only)', bundled: true, nodeArgs: () => AGENT_NODE_OPTIONS },
  { key: 'd', label: "bundle, the units' options, --lite-mode for all", bundled: true, nodeArgs: (bin) => [...new Set([...agentNodeArgs(bin), ...LITE])] },
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
      const shown = v.nodeArgs('routerd-syncer');
      const lite = LITE_MODE_AGENTS.map((bin) => `${bin}: ${v.nodeArgs(bin).join(' ')}`).join('; ');
      progress(`footprint ${v.key}: ${v.label} (${shown.join(' ')}; ${lite}), settle ${plan.settleMs / 1000} s, window ${plan.windowMs / 1000} s`);
      const started: { agent: LeverAgent; proc: StartedProcess }[] = [];
      try {
        for (const agent of leverAgents(lab)) {
          // The options on node's argv, as the launcher passes them (V8 flags are refused in NODE_OPTIONS).
          const argv = v.bundled ? launcherArgv(bundles, agent.bin, v.nodeArgs(agent.bin)) : [process.execPath, ...v.nodeArgs(agent.bin), join(lab.repo, agent.main)];
          const env = { ...process.env, ...agent.env, ROUTERD_LOG_LEVEL: process.env['ROUTERD_LOG_LEVEL'] ?? 'info' };
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
        // The table shows the syncer's options; the label says where an agent's differ.
        variants.push({ key: v.key, label: v.label, nodeOptions: shown, agents });
      } finally {
        for (const { proc } of started.reverse()) await stopProcess(proc);
      }
    }
    return { variants, table: formatLeversTable(variants, plan.settleMs, plan.windowMs) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
