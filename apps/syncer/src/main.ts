#!/usr/bin/env node
// routerd-syncer: pushes lease files to the standby while the `when` gate holds.
import { hostname } from 'node:os';
import { agentMain } from '@routerd/agent';
import { runtimeDirs } from '@routerd/model';
import { createSyncer } from './syncer.js';

agentMain(
  'syncer',
  async ({ nc, node, config, log }) => createSyncer({ nc, node, config, log, dirs: runtimeDirs(process.env) }),
  { argv: process.argv.slice(2), env: process.env, hostname: hostname(), stdout: process.stdout, stderr: process.stderr, signals: process },
).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`routerd-syncer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
