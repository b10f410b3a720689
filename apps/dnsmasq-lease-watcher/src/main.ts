#!/usr/bin/env node
// routerd-lease-watcher: watches the lease files the syncs read, publishes their changes on NATS.
import { hostname } from 'node:os';
import { agentMain } from '@routerd/agent';
import { AGENT_NAME, startLeaseWatcher } from './start.js';

agentMain(AGENT_NAME, (context) => startLeaseWatcher(context), {
  argv: process.argv.slice(2),
  env: process.env,
  hostname: hostname(),
  stdout: process.stdout,
  stderr: process.stderr,
  signals: process,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`routerd-lease-watcher: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
