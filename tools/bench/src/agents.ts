// The three agents as real processes, run as the units run them (the .deb's bundle and its launcher's
// Node options, see bundles.ts; or the built app with the same options), and how long each takes to be
// ready: its first message on the bus, and its NATS service answering.
import { join } from 'node:path';
import { agentNodeArgs } from '@routerd/agent/defaults';
import { syncerStatusEndpoint } from '@routerd/bus';
import type { NatsConnection } from 'nats';
import { FALLBACK_VIP_NODE, NODE, type Lab } from './lab.js';
import { startProcess, stopProcess, waitFor, WaitTimeoutError, type StartedProcess } from '@routerd/testkit';
import type { ReadyResult } from './result.js';

import { launcherArgv } from './bundles.js';

export type AgentName = 'vip-watcher' | 'lease-watcher' | 'syncer';

export interface AgentSpec {
  /** Its command, and the bundle's name in the .deb: <bin>.mjs. */
  bin: string;
  /** The built app. */
  main: string;
  args: string[];
  env: Record<string, string>;
  /** Its first publication, and its service endpoint. */
  subject: string;
  service: string;
}

/** How the bench runs one agent: its built main, arguments and environment in the lab. */
export function spec(lab: Lab, name: AgentName): AgentSpec {
  const run = (dir: string) => join(lab.root, dir);
  switch (name) {
    case 'vip-watcher': {
      const node = lab.ns ? NODE : FALLBACK_VIP_NODE;
      return {
        bin: 'routerd-vip-watcher',
        main: 'apps/vip-watcher/dist/main.js',
        args: ['--node', node, ...(lab.ns ? ['--netns', lab.ns.name] : [])],
        env: { ROUTERD_RUNTIME_DIR: run('run-vw'), ROUTERD_KEEPALIVED_PIDFILE: run('no-keepalived.pid') },
        subject: `routerd.${node}.vip.>`,
        service: `routerd.${node}.vip-watcher.roles`,
      };
    }
    case 'lease-watcher':
      return {
        bin: 'routerd-lease-watcher',
        main: 'apps/dnsmasq-lease-watcher/dist/main.js',
        args: ['--node', NODE],
        env: { ROUTERD_STATE_DIR: lab.stateDir, ROUTERD_RUNTIME_DIR: run('run-lw') },
        subject: `routerd.${NODE}.lease.>`,
        service: `routerd.${NODE}.lease-watcher.files`,
      };
    case 'syncer':
      return {
        bin: 'routerd-syncer',
        main: 'apps/syncer/dist/main.js',
        args: ['--node', NODE],
        env: { ROUTERD_STATE_DIR: lab.stateDir, ROUTERD_RUNTIME_DIR: run('run') },
        subject: `routerd.${NODE}.sync.>`,
        service: syncerStatusEndpoint.subject(NODE),
      };
  }
}

export interface Agent {
  name: AgentName;
  process: StartedProcess;
  ready: ReadyResult;
}

async function serviceAnswers(nc: NatsConnection, subject: string, startedAt: number, timeoutMs: number): Promise<number | undefined> {
  try {
    await waitFor(`an answer on ${subject}`, () => nc.request(subject, new TextEncoder().encode('{}'), { timeout: 500 }), { timeoutMs, intervalMs: 10 });
    return performance.now() - startedAt;
  } catch (error) {
    if (error instanceof WaitTimeoutError) return undefined;
    throw error;
  }
}

let bundles: string | undefined;

/** From now on startAgent runs the bundles in `dir` (bundles.ts unpackBundles), as the .deb installs them. */
export function runFromBundles(dir: string): void {
  bundles = dir;
}

/** node's argv for an agent: its bundle as /usr/bin/<bin> runs it, or the built app with the same options. */
export function agentArgv(lab: Lab, s: AgentSpec): string[] {
  return bundles === undefined ? [process.execPath, ...agentNodeArgs(s.bin), join(lab.repo, s.main)] : launcherArgv(bundles, s.bin);
}

export async function startAgent(lab: Lab, name: AgentName, config: string): Promise<Agent> {
  const s = spec(lab, name);
  // The Node options on node's argv, as the launchers pass them, so the footprint measured is the one shipped.
  const env = { ...process.env, ...s.env, ROUTERD_LOG_LEVEL: process.env['ROUTERD_LOG_LEVEL'] ?? 'info' };
  const first = lab.nc.subscribe(s.subject, { max: 1 });
  const startedAt = performance.now();
  const proc = startProcess(name, [...agentArgv(lab, s), '--config', config, '--nats', lab.nats.url, ...s.args], { env, logFile: join(lab.root, `${name}.log`) });
  const timer = setTimeout(() => first.unsubscribe(), 15_000);
  const firstAt = (async () => {
    for await (const _msg of first) {
      clearTimeout(timer);
      return performance.now() - startedAt;
    }
    return undefined;
  })();
  const [firstMessageMs, serviceMs] = await Promise.all([firstAt, serviceAnswers(lab.nc, s.service, startedAt, 15_000)]);
  return { name, process: proc, ready: { firstMessageMs: round(firstMessageMs), serviceMs: round(serviceMs) } };
}

export async function stopAgent(agent: Agent): Promise<void> {
  await stopProcess(agent.process);
}

const round = (v: number | undefined) => (v === undefined ? undefined : Math.round(v));
