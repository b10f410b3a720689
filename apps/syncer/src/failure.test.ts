import type { CommandResult } from '@routerd/agent';
import { describe, expect, it } from 'vitest';
import { describeFailure } from './failure.js';

const result = (r: Partial<CommandResult>): CommandResult => ({ exitCode: 255, output: '', durationMs: 10, timedOut: false, aborted: false, ...r });
const describeIt = (r: Partial<CommandResult>) => describeFailure(result(r), { host: '198.51.100.2', deadlineMs: 120_000 });

describe('failure', () => {
  it.each([
    ['ssh keepalive', { output: 'Timeout, server 198.51.100.2 not responding.' }, 'Timeout, server 198.51.100.2 not responding. (exit code 255)'],
    ['connect timeout', { output: 'ssh: connect to host 198.51.100.2 port 22: Connection timed out\r\nrsync: connection unexpectedly closed (0 bytes received so far) [sender]' }, 'ssh: connect to host 198.51.100.2 port 22: Connection timed out (exit code 255)'],
    ['no neighbour', { output: 'ssh: connect to host 198.51.100.2 port 22: No route to host' }, 'ssh: connect to host 198.51.100.2 port 22: No route to host (exit code 255)'],
    ['ssh writing into a dead link', { output: 'client_loop: send disconnect: Broken pipe' }, 'client_loop: send disconnect: Broken pipe (exit code 255)'],
    ['rsync io timeout', { exitCode: 30, output: '[sender] io timeout after 10 seconds -- exiting' }, '[sender] io timeout after 10 seconds -- exiting (exit code 30)'],
    ['rsync timeout code alone', { exitCode: 30, output: '' }, 'rsync timed out (exit code 30)'],
    ['the deadline', { exitCode: undefined, timedOut: true }, 'no result within the deadline of 120000 ms'],
  ])('failure › %s: the peer does not answer, named', (_name, r, detail) => {
    expect(describeIt(r)).toEqual({ reason: 'PeerNotAnswering', message: `198.51.100.2 does not answer: ${detail}` });
  });

  it.each([
    ['a refused connection is an answer', { output: 'ssh: connect to host 198.51.100.2 port 22: Connection refused\nrsync error: unexplained error (code 255)' }, 'failed with exit code 255: ssh: connect to host 198.51.100.2 port 22: Connection refused'],
    [
      "a full standby (rsync's broken pipe follows the remote's exit)",
      { exitCode: 11, output: 'rsync: [receiver] write failed on "/var/lib/x": No space left on device (28)\nrsync: [sender] write error: Broken pipe (32)' },
      'failed with exit code 11: rsync: [receiver] write failed on "/var/lib/x": No space left on device (28)',
    ],
    ['no output', { exitCode: 12 }, 'failed with exit code 12 and no output'],
    ['a command that cannot run', { exitCode: undefined, error: 'Command failed with ENOENT: rsync' }, 'Command failed with ENOENT: rsync'],
  ])('failure › %s: the command failed', (_name, r, message) => {
    expect(describeIt(r)).toEqual({ reason: 'CommandFailed', message });
  });
});
