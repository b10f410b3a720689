// `ip` invocations as argv (no shell). The prefix is injectable: ['ip', '-n', 'ns'] watches a namespace.
import { execa } from 'execa';
import { IpAddrError } from './errors.js';
import { parseIpAddrJson, type InterfaceAddresses } from './ip-addresses.js';

export const DEFAULT_IP_COMMAND: readonly string[] = ['ip'];
/** `ip -j addr show` answers in milliseconds; a hung one must not hold the role forever. */
export const IP_TIMEOUT_MS = 5_000;

function split(ipCommand: readonly string[]): [string, string[]] {
  const [file, ...args] = ipCommand;
  if (file === undefined || file === '') throw new IpAddrError('ip command: expected at least the executable, found an empty argv');
  return [file, args];
}

/** Reads every interface's addresses; throws IpAddrError saying what failed. */
export async function readAddresses(ipCommand: readonly string[], timeoutMs = IP_TIMEOUT_MS): Promise<InterfaceAddresses> {
  const [file, prefix] = split(ipCommand);
  const argv = [...prefix, '-j', 'addr', 'show'];
  const result = await execa(file, argv, { reject: false, timeout: timeoutMs, stdin: 'ignore', stripFinalNewline: false });
  const shown = [file, ...argv].join(' ');
  if (result.failed) {
    const why = result.timedOut
      ? `did not answer within ${timeoutMs} ms`
      : result.exitCode !== undefined
        ? `exited with code ${result.exitCode}${result.stderr.trim() === '' ? '' : `: ${result.stderr.trim().slice(0, 200)}`}`
        : `could not run: ${result.originalMessage ?? result.shortMessage}`;
    throw new IpAddrError(`${shown} ${why}`, { cause: result });
  }
  return parseIpAddrJson(result.stdout);
}

/** Starts `ip -o monitor address`: one line per address change, until killed. */
export function spawnMonitor(ipCommand: readonly string[]) {
  const [file, prefix] = split(ipCommand);
  return execa(file, [...prefix, '-o', 'monitor', 'address'], {
    reject: false,
    stdin: 'ignore',
    stderr: 'pipe',
    buffer: false,
    forceKillAfterDelay: 2_000,
  } as const);
}
