#!/usr/bin/env node
// routerd-dhcp-promoter: starts this node's DHCP server when it becomes master, stops it while backup, until SIGTERM.
import { hostname } from 'node:os';
import { agentMain } from '@routerd/agent';
import { dhcpPromoterAgent } from './agent.js';

const NAME = 'routerd-dhcp-promoter';

async function main(): Promise<number> {
  return agentMain(NAME, dhcpPromoterAgent(), {
    argv: process.argv.slice(2),
    env: process.env,
    hostname: hostname(),
    stdout: process.stdout,
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
