#!/usr/bin/env node
// routerd-lease-receiver: the forced command of the peer's sync key; one run per ssh session.
import { hostname } from 'node:os';
import { formatReceiverReport } from '@routerd/leases';
import { errorMessage } from '@routerd/model';
import { receiverMain } from './index.js';

// exitCode, not exit(): the report line must leave before the process does.
receiverMain({ argv: process.argv.slice(2), env: process.env, hostname: hostname(), stdout: process.stdout, stderr: process.stderr }).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(formatReceiverReport({ type: 'refused', reason: 'Failed', text: `crashed: ${errorMessage(error)}` }));
    process.exitCode = 1;
  },
);
