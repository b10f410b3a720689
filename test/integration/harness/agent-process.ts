// An agent as systemd would run it: `node apps/<agent>/dist/main.js ...`, its output kept for assertions.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { waitFor } from '@routerd/testkit';

export type AgentName = 'vip-watcher' | 'dnsmasq-lease-watcher' | 'syncer' | 'dhcp-promoter';

export interface AgentExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AgentProcess {
  readonly agent: AgentName;
  readonly pid: number;
  /** stdout and stderr as received, interleaved. */
  output(): string;
  /** The pino JSON lines of stdout (other lines skipped). */
  logLines(): Record<string, unknown>[];
  readonly exit: Promise<AgentExit>;
  exited(): boolean;
  signal(name: NodeJS.Signals): void;
  /** Resolves with how it exited; throws naming the agent and its output tail when it did not within `timeoutMs`. */
  waitExit(timeoutMs: number): Promise<AgentExit>;
  /** Waits for a log line whose `msg` contains `text`. */
  waitForLog(text: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function agentScript(agent: AgentName): string {
  return join(REPO_ROOT, 'apps', agent, 'dist', 'main.js');
}

export function startAgent(agent: AgentName, args: readonly string[], env: Readonly<Record<string, string>>): AgentProcess {
  const child = spawn(process.execPath, [agentScript(agent), ...args], { cwd: REPO_ROOT, env: { ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${agent}: could not start node ${agentScript(agent)}`);
  const pid = child.pid;
  let text = '';
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  let done: AgentExit | undefined;
  const exit = new Promise<AgentExit>((resolve) => {
    child.on('close', (code, signal) => {
      done = { code, signal };
      resolve(done);
    });
    child.on('error', () => {
      done = { code: null, signal: null };
      resolve(done);
    });
  });
  const tail = () => text.split('\n').slice(-15).join('\n');
  const logLines = () =>
    stdout.split('\n').flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        const parsed: unknown = JSON.parse(line);
        return typeof parsed === 'object' && parsed !== null ? [parsed as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  return {
    agent,
    pid,
    output: () => text,
    logLines,
    exit,
    exited: () => done !== undefined,
    signal(name) {
      if (done === undefined) child.kill(name);
    },
    async waitExit(timeoutMs) {
      const timer = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs).unref());
      const result = await Promise.race([exit, timer]);
      if (result === undefined) throw new Error(`${agent} (pid ${pid}) did not exit within ${timeoutMs} ms; output tail:\n${tail()}`);
      return result;
    },
    waitForLog(needle, timeoutMs = 10_000) {
      const found = () => logLines().find((line) => typeof line.msg === 'string' && line.msg.includes(needle));
      return waitFor(() => `${agent} to log "${needle}" (output tail:\n${tail()})`, found, { timeoutMs });
    },
  };
}
