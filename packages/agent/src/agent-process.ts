// The whole of an agent's main.ts: the real process's argv, environment, streams and signals, and
// the one place that exits (style.md, "Thin entry points").
import { hostname } from 'node:os';
import { errorDetail } from '@routerd/model';
import { agentMain, type AgentDefinition, type AgentMainIO } from './agent-main.js';
import type { AgentFlags, NoFlags } from './flags.js';
import { fdIsJournal, prefixLines, SYSLOG_PRIORITY } from './logger.js';

// Under systemd stderr is the journal too: what is written there (a usage error, a crash) is an error to
// `journalctl -p err`, not info, journald's default for an unprefixed line.
const stderr = fdIsJournal(2) ? { write: (text: string) => process.stderr.write(prefixLines(text, SYSLOG_PRIORITY.error)) } : process.stderr;

function fatal(name: string, error: unknown): never {
  stderr.write(`${name}: ${errorDetail(error)}\n`);
  process.exit(1);
}

/** Runs `agent` in this process until it stops, then exits with its code. */
export function runAgentProcess<F extends AgentFlags = NoFlags>(agent: AgentDefinition<F>, io: Partial<AgentMainIO> = {}): void {
  const real: AgentMainIO = {
    argv: process.argv.slice(2),
    env: process.env,
    hostname: hostname(),
    stdout: process.stdout,
    stderr,
    signals: process,
  };
  agentMain(agent, { ...real, ...io }).then(
    (code) => process.exit(code),
    (error: unknown) => fatal(agent.name, error),
  );
}
