#!/usr/bin/env node
// routerd-vip-watcher: publishes the role of each VirtualAddress until SIGTERM.
import { runAgentProcess } from '@routerd/agent';
import { vipWatcherAgent } from './agent.js';
import { WatcherOptionsError } from './errors.js';
import { parseWatcherArgs, WATCHER_USAGE, type WatcherArgs } from './options.js';

const NAME = 'routerd-vip-watcher';

let args: WatcherArgs;
try {
  // Its own flags first; the rest are the shared agent options.
  args = parseWatcherArgs(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof WatcherOptionsError)) throw error;
  process.stderr.write(`${NAME}: ${error.message}\n`);
  process.exit(2);
}
const stdout = { write: (text: string) => process.stdout.write(text.startsWith('usage:') ? `${text}${WATCHER_USAGE}` : text) };
runAgentProcess(NAME, vipWatcherAgent({ ...args.options, env: process.env }), { argv: args.rest, stdout });
