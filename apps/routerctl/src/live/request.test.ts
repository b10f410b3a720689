import { syncerStatusEndpoint } from '@routerd/bus';
import { describe, expect, it } from 'vitest';
import { fakeNats } from '../testing/fake-nats.js';
import { syncedStatus, syncerReply } from '../testing/live-samples.js';
import type { LiveConnection } from './deps.js';
import { AgentReplyError, AgentUnavailableError, NotFoundError } from './errors.js';
import { ask } from './request.js';

async function connection(replies: Parameters<typeof fakeNats>[0]): Promise<LiveConnection> {
  return fakeNats(replies).deps.connect({});
}

const SUBJECT = 'routerd.r1.syncer.status';
const opts = { node: 'r1', request: {}, timeoutMs: 2000 };

describe('routerctl › requests', () => {
  it('routerctl › returns the items, or the service error as an AgentReplyError', async () => {
    const nc = await connection({ [SUBJECT]: syncerReply(syncedStatus) });
    expect(await ask(nc, syncerStatusEndpoint, opts)).toEqual([syncedStatus]);
    const failing = ask(await connection({ [SUBJECT]: { error: [500, 'broken'] } }), syncerStatusEndpoint, opts);
    await expect(failing).rejects.toThrow(AgentReplyError);
    await expect(failing).rejects.toThrow('routerd-syncer on node r1 answered routerd.r1.syncer.status with error 500: broken');
  });

  it('routerctl › a 404 is NotFoundError naming kind, name and node', async () => {
    const missing = ask(await connection({ [SUBJECT]: { error: [404, 'no'] } }), syncerStatusEndpoint, { ...opts, request: { kind: 'DHCPv4ServerLeaseSync', name: 'x' } });
    await expect(missing).rejects.toThrow(new NotFoundError('no DHCPv4ServerLeaseSync/x on node r1'));
  });

  it('routerctl › no responders and timeouts name the subject and the agent to check', async () => {
    await expect(ask(await connection({}), syncerStatusEndpoint, opts)).rejects.toThrow(
      new AgentUnavailableError('no responders on routerd.r1.syncer.status: is routerd-syncer running on node r1?'),
    );
    await expect(ask(await connection({ [SUBJECT]: { throw: 'TIMEOUT' } }), syncerStatusEndpoint, opts)).rejects.toThrow(
      'no answer on routerd.r1.syncer.status within 2s: is routerd-syncer running on node r1?',
    );
  });
});
