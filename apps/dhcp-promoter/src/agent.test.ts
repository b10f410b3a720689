// Integration: a real nats-server, the agent with real commands (tiny scripts that append to a
// marker file), role events published by the test as the vip-watcher would.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCleanupStack } from '@routerd/agent';
import {
  decode,
  decodeReply,
  dhcpPromoterStatusEndpoint,
  promotionStatusSchema,
  sampleVipRoleEvent,
  vipSubject,
  type PromotionStatus,
  type VipRoleEvent,
} from '@routerd/bus';
import { startNatsServer, type NatsServer } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dhcpPromoterAgent } from './agent.js';
import { promotionConfig } from './testing/config.js';
import { memoryLogger } from './testing/fakes.js';

describe('dhcp-promoter › agent with a real nats-server and real commands', () => {
  let nats: NatsServer;
  let nc: NatsConnection;
  let dir: string;
  const statuses: PromotionStatus[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dhcp-promoter-test-'));
    for (const action of ['start', 'stop']) {
      const script = join(dir, `${action}.sh`);
      writeFileSync(script, `#!/bin/sh\necho ${action} >> "${join(dir, 'marker')}"\n${action === 'start' ? `touch "${join(dir, 'running')}"` : `rm -f "${join(dir, 'running')}"`}\n`);
      chmodSync(script, 0o755);
    }
    nats = await startNatsServer({ jetstream: false });
    nc = await connect({ servers: nats.url, name: 'dhcp-promoter-test' });
    nc.subscribe('routerd.r1.promotion.*', {
      callback: (_error, msg) => {
        const result = decode(promotionStatusSchema, msg.data, msg.subject);
        if (result.ok) statuses.push(result.value);
      },
    });
  }, 30_000);

  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const marker = () => (existsSync(join(dir, 'marker')) ? readFileSync(join(dir, 'marker'), 'utf8').trim().split('\n') : []);
  let seq = 0;
  const publishRole = (role: VipRoleEvent['role']) => {
    const event: VipRoleEvent = { ...sampleVipRoleEvent, node: 'r1', name: 'lan-vip', role, heartbeatMs: 500, seq: (seq += 1), observedAt: new Date().toISOString() };
    nc.publish(vipSubject('r1', 'lan-vip'), JSON.stringify(event));
  };

  it('dhcp-promoter › master starts, backup stops, in order; statuses published and answered; SIGTERM leaves the server running', async () => {
    const mem = memoryLogger();
    const config = promotionConfig({ start: [join(dir, 'start.sh')], stop: [join(dir, 'stop.sh')], check: ['test', '-e', join(dir, 'running')] });
    const steps = createCleanupStack();
    await dhcpPromoterAgent({ heartbeatMs: 300 })({
      name: 'dhcp-promoter',
      node: 'r1',
      nc,
      config,
      log: mem.log,
      options: { config: 'test.yaml', nats: nats.url, node: 'r1' },
      flags: {},
      env: {},
      dirs: { stateDir: join(dir, 'state'), runtimeDir: join(dir, 'run') },
      defer: steps.defer,
    });
    try {
      await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ phase: 'Stopped', reason: 'WaitingForRole' }));
      expect(marker()).toEqual([]);

      publishRole('master');
      await vi.waitFor(() => expect(statuses.at(-1)?.phase).toBe('Serving'), { timeout: 3000 });
      expect(marker()).toEqual(['start']);
      expect(statuses.map((s) => s.phase)).toContain('Starting');
      expect(statuses.at(-1)?.lastCommand).toMatchObject({ argv: [join(dir, 'start.sh')], exitCode: 0 });

      publishRole('backup');
      await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ phase: 'Stopped', role: 'backup' }), { timeout: 3000 });
      publishRole('master');
      await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ phase: 'Serving', role: 'master' }), { timeout: 3000 });
      expect(marker()).toEqual(['start', 'stop', 'start']);

      const reply = await nc.request(dhcpPromoterStatusEndpoint.subject('r1'), '', { timeout: 2000 });
      const answer = decodeReply(dhcpPromoterStatusEndpoint, reply.data, reply.subject);
      expect(answer.ok && answer.value.items.map((p) => [p.name, p.phase])).toEqual([['lan-dhcp', 'Serving']]);

      // No more role events: after 3 heartbeats the role is stale, and nothing is done to the server.
      await vi.waitFor(() => expect(statuses.at(-1)?.reason).toBe('RoleStale'), { timeout: 3000 });
      expect(statuses.at(-1)?.phase).toBe('Serving');

      // What SIGTERM runs.
      await steps.unwind();
      expect(marker()).toEqual(['start', 'stop', 'start']);
      expect(existsSync(join(dir, 'running'))).toBe(true);
    } finally {
      await steps.unwind();
    }
  }, 20_000);
});
