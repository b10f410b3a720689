#!/usr/bin/env node
// The lab's DHCP server stop command: ends the dnsmasq named by a pid file and waits until it is gone,
// so a start right after it can bind the DHCP port. Exit 0 when it is not running (already stopped).
import { readFileSync } from 'node:fs';
import { errorMessage } from '@routerd/model';
import { isAlive, stopPid } from '@routerd/testkit';

export function pidFromFile(text: string, path: string): number {
  const trimmed = text.trim();
  if (!/^[1-9]\d{0,9}$/.test(trimmed)) throw new RangeError(`dnsmasq-stop: expected a process id in ${path}, found ${JSON.stringify(trimmed.slice(0, 40))}`);
  return Number(trimmed);
}

function comm(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  const path = argv[0];
  if (argv.length !== 1 || path === undefined || !path.startsWith('/')) {
    process.stderr.write(`dnsmasq-stop: expected one absolute pid file path, found ${JSON.stringify(argv)}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return 0;
  }
  const pid = pidFromFile(text, path);
  if (!isAlive(pid) || comm(pid) !== 'dnsmasq') return 0;
  return (await stopPid(pid, 5_000)) ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`dnsmasq-stop: ${errorMessage(error)}\n`);
      process.exit(1);
    },
  );
}
