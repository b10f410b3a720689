import { describe, expect, it } from 'vitest';
import { fakeNats } from '../testing/fake-nats.js';
import type { LiveConnection } from './deps.js';
import { ask } from './request.js';

async function connection(replies: Parameters<typeof fakeNats>[0]): Promise<LiveConnection> {
  return fakeNats(replies).deps.connect({});
}

const opts = { subject: 'routerd.r1.syncer.status', agent: 'routerd-syncer', node: 'r1', body: {}, timeoutMs: 2000 };

describe('routerctl › requests', () => {
  it('routerctl › returns the reply or the service error', async () => {
    const nc = await connection({ 'routerd.r1.syncer.status': { body: { syncs: [] } } });
    const answer = await ask(nc, opts);
    expect(answer.ok && new TextDecoder().decode(answer.data)).toBe('{"syncs":[]}');
    const failing = await connection({ 'routerd.r1.syncer.status': { error: [500, 'broken'] } });
    expect(await ask(failing, opts)).toEqual({ ok: false, code: 500, message: 'broken' });
  });

  it('routerctl › no responders and timeouts name the subject and the agent to check', async () => {
    await expect(ask(await connection({}), opts)).rejects.toThrow('no responders on routerd.r1.syncer.status: is routerd-syncer running on node r1?');
    await expect(ask(await connection({ 'routerd.r1.syncer.status': { throw: 'TIMEOUT' } }), opts)).rejects.toThrow(
      'no answer on routerd.r1.syncer.status within 2s: is routerd-syncer running on node r1?',
    );
  });
});
