// The syncer in-process against a real nats-server, with a fake rsync: a demoted node waits for the
// promoter covering the sync's source to report Stopped before it hands its last file back.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandResult, RunCommand } from '@routerd/agent';
import { haLanResources, loadTestConfig } from '@routerd/model/testing';
import { startNatsServer, waitFor, type NatsServer } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncer } from './syncer.js';
import { heartbeat, NODE, promotionHeartbeat, sha } from './testing/bus-events.js';

const LEASES = '1795649016 02:00:00:00:30:10 192.0.2.130 cl 01:02:00:00:00:30:10\n';

let nats: NatsServer;
let nc: NatsConnection;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url, name: 'syncer-handback-test' });
}, 30_000);

afterAll(async () => {
  await nc?.close();
  await nats?.cleanup();
});

describe('syncer › handback on demotion', () => {
  it('syncer › the handback waits for the promoter covering the source to report Stopped, then goes once', { timeout: 30_000 }, async () => {
    const root = await mkdtemp(join(tmpdir(), 'syncer-handback-'));
    const leaseFile = join(root, 'state', 'dnsmasq.leases');
    await mkdir(join(root, 'state'));
    await writeFile(leaseFile, LEASES);
    const runs: string[][] = [];
    const run: RunCommand = async (argv) => {
      runs.push([...argv]);
      return { exitCode: 0, output: '', durationMs: 1, timedOut: false, aborted: false } satisfies CommandResult;
    };
    const promotion = { start: ['true'], stop: ['true'], check: ['true'] };
    const config = loadTestConfig(haLanResources({ ifname: 'lo', targets: [{ host: 'standby.example' }], leaseFile, promotion }));
    // A bound no test run reaches: only Stopped may release the handback here.
    const syncer = await createSyncer({ nc, node: NODE, config, dirs: { stateDir: join(root, 'state'), runtimeDir: join(root, 'run') }, log: pino({ level: 'silent' }), run, handbackWaitMs: 600_000 });
    const handbacks = () => runs.filter((argv) => argv.at(-1)?.endsWith('.routerd-handback'));
    const stops: (() => void)[] = [];
    try {
      stops.push(heartbeat(nc, 'master'), promotionHeartbeat(nc, 'Serving'));
      await waitFor('the push', () => (syncer.statuses()[0]?.phase === 'Synced' ? true : undefined));
      stops.splice(0).forEach((stop) => stop());
      stops.push(heartbeat(nc, 'backup'), promotionHeartbeat(nc, 'Stopping'));
      await waitFor('the gate closed', () => (syncer.statuses()[0]?.reason === 'WhenFalse' ? true : undefined));
      // Several heartbeats of Stopping: each one re-evaluates, none releases the handback.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(handbacks()).toEqual([]);
      stops.pop()?.();
      stops.push(promotionHeartbeat(nc, 'Stopped'));
      await waitFor('the handback', () => (handbacks().length === 1 ? true : undefined));
      const [argv] = handbacks();
      expect(argv?.at(-2)).toBe(join(root, 'run', 'syncer', 'DHCPv4ServerLeaseSync.lan-v4-leases', sha(LEASES)));
      expect(argv?.at(-1)).toBe(`standby.example:${leaseFile}.routerd-handback`);
      await waitFor('the message', () => (syncer.statuses()[0]?.targets[0]?.message?.startsWith('handback to standby-0: sent') ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(handbacks()).toHaveLength(1);
    } finally {
      stops.forEach((stop) => stop());
      await syncer.stop();
      await rm(root, { recursive: true, force: true });
    }
  });
});
