// `ip -j addr show` as argv (no shell). The prefix is injectable: ['ip', '-n', 'ns'] reads a namespace.
// node's execFile, not execa: the lease receiver loads this once per ssh session, and execa's import costs more than the call.
import { execFile } from 'node:child_process';
import { IpAddrError } from '../errors.js';
import { parseIpAddrJson, type InterfaceAddresses } from './ip-addresses.js';

export const DEFAULT_IP_COMMAND: readonly string[] = ['ip'];
/** `ip -j addr show` answers in milliseconds; a hung one must not hold the role forever. */
export const IP_TIMEOUT_MS = 5_000;

/** [executable, prefix arguments]; throws IpAddrError for an empty argv. */
export function splitIpCommand(ipCommand: readonly string[]): [string, string[]] {
  const [file, ...args] = ipCommand;
  if (file === undefined || file === '') throw new IpAddrError('ip command: expected at least the executable, found an empty argv');
  return [file, args];
}

/** Room for `ip -j addr show` of a router with a few thousand interfaces (about 600 bytes each). */
const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/**
 * Reads every interface's addresses; throws IpAddrError saying what failed. Runs on every heartbeat, so
 * through node's execFile: 1.3 ms of this process's CPU per call where execa took 3.3 ms (200 calls each).
 */
export async function readAddresses(ipCommand: readonly string[], timeoutMs = IP_TIMEOUT_MS): Promise<InterfaceAddresses> {
  const [file, prefix] = splitIpCommand(ipCommand);
  const argv = [...prefix, '-j', 'addr', 'show'];
  const shown = [file, ...argv].join(' ');
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(file, argv, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES }, (error, out, err) => {
      if (error === null) return resolve(out);
      // execFile kills on its timeout and on too much output (`killed`); a number `code` is an exit code.
      const why =
        error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
          ? `printed more than ${MAX_OUTPUT_BYTES} bytes`
          : error.killed === true
            ? `did not answer within ${timeoutMs} ms`
            : typeof error.code === 'number'
              ? `exited with code ${error.code}${err.trim() === '' ? '' : `: ${err.trim().slice(0, 200)}`}`
              : error.signal !== undefined && error.signal !== null
                ? `was killed by ${error.signal}`
                : `could not run: ${error.message}`;
      reject(new IpAddrError(`${shown} ${why}`, { cause: error }));
    });
  });
  return parseIpAddrJson(stdout);
}
