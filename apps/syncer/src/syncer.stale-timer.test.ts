// Node fires a timer on its loop's cached time, which can trail performance.now(): a timer set for the
// moment a role turns stale may run while the role still reads fresh. The syncer must look again then,
// or a dead vip-watcher's master keeps the gate open. Emulated with a monotonic clock that runs at 90 %.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RunCommand } from '@routerd/agent';
import { haLanResources, loadTestConfig } from '@routerd/model/testing';
import { startNatsServer, waitUntil, type NatsServer } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncer } from './syncer.js';
import { HEARTBEAT_MS, NODE, publishRole } from './testing/bus-events.js';

let nats: NatsServer;
let nc: NatsConnection;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url, name: 'syncer-stale-timer-test' });
}, 30_000);

afterAll(async () => {
  await nc?.close();
  await nats?.cleanup();
});

describe('syncer › stale timers', () => {
  it('syncer › a stale timer that fires before the role is stale looks again, and the gate closes', { timeout: 20_000 }, async () => {
    const root = await mkdtemp(join(tmpdir(), 'syncer-stale-'));
    const origin = performance.now();
    const slow = () => origin + (performance.now() - origin) * 0.9;
    const run: RunCommand = async () => ({ exitCode: 0, output: '', durationMs: 1, timedOut: false, aborted: false });
    const config = loadTestConfig(haLanResources({ ifname: 'lo', targets: [{ host: 'standby.example' }], leaseFile: join(root, 'leases') }));
    const syncer = await createSyncer({
      nc,
      node: NODE,
      config,
      dirs: { stateDir: join(root, 'state'), runtimeDir: join(root, 'run') },
      log: pino({ level: 'silent' }),
      run,
      clock: { monotonic: slow, wall: () => Date.now() },
    });
    try {
      publishRole(nc, 'master');
      await waitUntil(() => syncer.statuses()[0]?.gate?.truth === 'true', { what: 'the gate open', timeoutMs: 5000 });
      // No heartbeat follows: 3 × 200 ms of the slow clock later the role is unknown.
      await waitUntil(() => syncer.statuses()[0]?.reason === 'WhenUnknown', { what: 'WhenUnknown', timeoutMs: 30 * HEARTBEAT_MS });
      expect(syncer.statuses()[0]).toMatchObject({ phase: 'Pending', reason: 'WhenUnknown' });
    } finally {
      await syncer.stop();
      await rm(root, { recursive: true, force: true });
    }
  });
});
