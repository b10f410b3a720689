// `ip -o monitor address`, the vip-watcher's early warning of an address change.
import { execa } from 'execa';
import { splitIpCommand } from './ip-command.js';

/** Starts `ip -o monitor address`: one line per address change, until killed. */
export function spawnMonitor(ipCommand: readonly string[]) {
  const [file, prefix] = splitIpCommand(ipCommand);
  return execa(file, [...prefix, '-o', 'monitor', 'address'], {
    reject: false,
    stdin: 'ignore',
    stderr: 'pipe',
    buffer: false,
    forceKillAfterDelay: 2_000,
  } as const);
}
