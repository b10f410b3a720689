#!/usr/bin/env node
// routerd-vip-watcher: publishes the role of each VirtualAddress until SIGTERM.
import { hostname } from 'node:os';
import { agentMain } from '@routerd/agent';
import { vipWatcherAgent } from './agent.js';
import { WatcherOptionsError } from './errors.js';
import { parseWatcherArgs, WATCHER_USAGE } from './options.js';

const NAME = 'routerd-vip-watcher';

async function main(): Promise<number> {
  let args;
  try {
    args = parseWatcherArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof WatcherOptionsError)) throw error;
    process.stderr.write(`${NAME}: ${error.message}\n`);
    return 2;
  }
  const stdout = { write: (text: string) => process.stdout.write(text.startsWith('usage:') ? `${text}${WATCHER_USAGE}` : text) };
  return agentMain(NAME, vipWatcherAgent({ ...args.options, env: process.env }), {
    argv: args.rest,
    env: process.env,
    hostname: hostname(),
    stdout,
    stderr: process.stderr,
    signals: process,
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${NAME}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
