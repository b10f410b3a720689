// What a failed push says to the operator: whether the peer did not answer (a pulled cable, a dead
// standby: no RST ever comes, only timeouts) or the command failed some other way.
import type { CommandResult } from '@routerd/agent';

export interface Failure {
  reason: 'PeerNotAnswering' | 'CommandFailed';
  message: string;
}

/**
 * Lines of ssh and rsync that mean nothing came back from the peer: ssh's keepalive giving up, a
 * connect or I/O timeout, a write into a connection the peer no longer reads, no neighbour on the link.
 * A refused or closed connection is an answer (the host is up), so it is not listed.
 */
const NO_ANSWER = [
  /Timeout, server \S+ not responding/i,
  /Connection timed out/i,
  /Operation timed out/i,
  /timed out during banner exchange/i,
  /io timeout after \d+ seconds/i,
  /timeout in data send\/receive/i,
  /timeout waiting for daemon connection/i,
  // ssh's own write into a connection that went silent; rsync's "write error: Broken pipe" is not
  // listed: it follows the remote rsync exiting (a full disk, say), which is an answer.
  /(packet_write_wait|client_loop|mux_client\w*).*Broken pipe/i,
  /No route to host/i,
  /Host is down/i,
  /Network is unreachable/i,
];

/** rsync's own exit codes for a timeout (rsync(1) EXIT VALUES): 30 data send/receive, 35 daemon connection. */
const RSYNC_TIMEOUT_CODES = new Set([30, 35]);

const MAX_LINE = 200;

function lines(output: string): string[] {
  return output.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}

function bounded(line: string | undefined): string | undefined {
  return line === undefined || line.length <= MAX_LINE ? line : `${line.slice(0, MAX_LINE)}…`;
}

const firstLine = (output: string) => bounded(lines(output)[0]);
const lastLine = (output: string, pattern: RegExp) => bounded(lines(output).findLast((line) => pattern.test(line)));

export function describeFailure(result: CommandResult, { host, deadlineMs }: { host: string; deadlineMs: number }): Failure {
  const silent = (detail: string): Failure => ({ reason: 'PeerNotAnswering', message: `${host} does not answer: ${detail}` });
  if (result.timedOut) return silent(`no result within the deadline of ${deadlineMs} ms`);
  const pattern = NO_ANSWER.find((p) => p.test(result.output));
  if (pattern !== undefined) return silent(`${lastLine(result.output, pattern)}${result.exitCode === undefined ? '' : ` (exit code ${result.exitCode})`}`);
  if (result.exitCode !== undefined && RSYNC_TIMEOUT_CODES.has(result.exitCode)) return silent(`rsync timed out (exit code ${result.exitCode})`);
  if (result.error !== undefined) return { reason: 'CommandFailed', message: result.error };
  const code = result.exitCode === undefined ? 'no exit code' : `exit code ${result.exitCode}`;
  // ssh and rsync say why first ("ssh: connect to host ...", "rsync: write failed ..."), then sum up.
  const line = firstLine(result.output);
  return { reason: 'CommandFailed', message: line === undefined ? `failed with ${code} and no output` : `failed with ${code}: ${line}` };
}
