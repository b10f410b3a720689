// The whole of an agent's main.ts: the real process's argv, environment, streams and signals, and
// the one place that exits (style.md, "Thin entry points").
import { hostname } from 'node:os';
import { agentMain, type AgentMainIO } from './agent-main.js';
import type { StartAgent } from './run-agent.js';
import { errorDetail } from '@routerd/model';

function fatal(name: string, error: unknown): never {
  process.stderr.write(`${name}: ${errorDetail(error)}\n`);
  process.exit(1);
}

/** Runs the agent `name` (its bin name, e.g. "routerd-syncer") in this process until it stops, then exits with its code. */
export function runAgentProcess(name: string, start: StartAgent, io: Partial<AgentMainIO> = {}): void {
  const real: AgentMainIO = {
    argv: process.argv.slice(2),
    env: process.env,
    hostname: hostname(),
    stdout: process.stdout,
    stderr: process.stderr,
    signals: process,
  };
  agentMain(name, start, { ...real, ...io }).then(
    (code) => process.exit(code),
    (error: unknown) => fatal(name, error),
  );
}
