// The exporter as its unit runs it (agentMain, its flags), against a real nats-server: real status
// messages published on the bus, the metrics read over HTTP from its loopback endpoint.
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { agentMain, type AgentMainIO } from '@routerd/agent';
import {
  encode,
  promotionStatusSchema,
  promotionSubject,
  samplePromotionStatus,
  sampleSyncStatus,
  sampleVipRoleEvent,
  syncStatusSchema,
  syncSubject,
  vipRoleEventSchema,
  vipSubject,
  type SyncStatus,
  type SyncTargetStatus,
} from '@routerd/bus';
import { freePort, startNatsServer, waitFor, type NatsServer } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_NAME, METRICS_EXPORTER_FLAGS, metricsExporterAgent } from './agent.js';
import { sample } from './testing/exposition.js';

const CONFIG = fileURLToPath(new URL('../../../examples/dhcp-lease-sync-ha.yaml', import.meta.url));
const NODE = 'router-a';
const T = { node: NODE, kind: 'DHCPv4ServerLeaseSync', sync: 'lan-v4-leases', target: 'router-b' };

function io(argv: string[]) {
  const err: string[] = [];
  const value: AgentMainIO = {
    argv,
    env: {},
    hostname: NODE,
    stdout: { write: () => true },
    stderr: { write: (text: string) => err.push(text) },
    signals: new EventEmitter(),
    logDestination: { write: () => undefined },
  };
  return { value, err };
}

/** Waits (bounded) until the async `condition` holds. */
function until(what: string, condition: () => Promise<boolean>): Promise<true> {
  return waitFor(what, async () => ((await condition()) ? true : undefined), { timeoutMs: 10_000 });
}

function syncStatus(target: Partial<SyncTargetStatus>, phase: SyncStatus['phase'], name = T.sync): SyncStatus {
  const { syncedAt: _s, lagMs: _l, ...rest } = sampleSyncStatus;
  const now = new Date().toISOString();
  return {
    ...rest,
    node: NODE,
    name,
    phase,
    observedAt: now,
    ...(phase === 'Synced' ? { syncedAt: now } : {}),
    ...(phase === 'Error' ? { reason: 'SyncFailed' } : {}),
    targets: [{ name: 'router-b', host: '198.51.100.3', phase: 'Pending', consecutiveFailures: 0, ...target }],
  };
}

describe('metrics exporter › real nats-server, scraped over HTTP', () => {
  let nats: NatsServer;
  let nc: NatsConnection;
  let url: string;
  let running: Promise<number>;
  const signals = new EventEmitter();

  const scrape = async () => (await fetch(url)).text();
  const publishSync = (status: SyncStatus) => nc.publish(syncSubject(NODE, 'DHCPv4ServerLeaseSync', status.name), encode(syncStatusSchema, status, 'test'));

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    const port = await freePort();
    url = `http://127.0.0.1:${port}/metrics`;
    const { value } = io(['--config', CONFIG, '--nats', nats.url, '--node', NODE, '--listen', `127.0.0.1:${port}`]);
    running = agentMain({ name: AGENT_NAME, flags: METRICS_EXPORTER_FLAGS, start: metricsExporterAgent() }, { ...value, signals });
    await until('the metrics endpoint answering', async () => (await fetch(url).catch(() => undefined))?.ok === true);
  });

  afterAll(async () => {
    signals.emit('SIGTERM');
    expect(await running).toBe(0);
    await nc?.close();
    await nats?.cleanup();
  });

  it('exporter › sync statuses on the bus become the lag histogram, the push and failure counters and the last success time', async () => {
    publishSync(syncStatus({ phase: 'Synced', lastAttemptAt: '2024-05-01T12:00:00.000Z', lastSuccessAt: '2024-05-01T12:00:00.300Z', lagMs: 300 }, 'Synced'));
    publishSync(syncStatus({ phase: 'Syncing', lastAttemptAt: '2024-05-01T12:00:01.000Z', lastSuccessAt: '2024-05-01T12:00:00.300Z', lagMs: 300 }, 'Syncing'));
    publishSync(syncStatus({ phase: 'Synced', lastAttemptAt: '2024-05-01T12:00:01.000Z', lastSuccessAt: '2024-05-01T12:00:01.700Z', lagMs: 1700 }, 'Synced'));
    publishSync(syncStatus({ phase: 'Error', reason: 'PeerNotAnswering', consecutiveFailures: 1, lastAttemptAt: '2024-05-01T12:00:31.000Z', lastSuccessAt: '2024-05-01T12:00:01.700Z' }, 'Error'));
    await nc.flush();
    await until('the metrics to show it', async () => sample(await scrape(), 'routerd_sync_target_push_failures_total', { ...T, reason: 'PeerNotAnswering' }) === 1);
    const out = await scrape();
    expect(sample(out, 'routerd_sync_target_lag_seconds_count', T)).toBe(1);
    expect(sample(out, 'routerd_sync_target_lag_seconds_bucket', { ...T, le: '2' })).toBe(1);
    expect(sample(out, 'routerd_sync_target_lag_seconds_bucket', { ...T, le: '1' })).toBe(0);
    expect(sample(out, 'routerd_sync_target_pushes_total', T)).toBe(2);
    expect(sample(out, 'routerd_sync_target_last_success_timestamp_seconds', T)).toBe(Date.parse('2024-05-01T12:00:01.700Z') / 1000);
    expect(sample(out, 'routerd_sync_target_phase', { ...T, phase: 'Error' })).toBe(1);
    expect(out).toContain('# TYPE routerd_sync_target_lag_seconds histogram');
  });

  it('exporter › the VIP role and the promotion phase of this node appear as state sets', async () => {
    const now = new Date().toISOString();
    nc.publish(vipSubject(NODE, 'lan-vip'), encode(vipRoleEventSchema, { ...sampleVipRoleEvent, node: NODE, observedAt: now, heartbeatMs: 60_000 }, 'test'));
    nc.publish(promotionSubject(NODE, 'lan-dhcp'), encode(promotionStatusSchema, { ...samplePromotionStatus, node: NODE, observedAt: now, heartbeatMs: 60_000 }, 'test'));
    await nc.flush();
    await until('the metrics to show it', async () => sample(await scrape(), 'routerd_promotion_phase', { node: NODE, promotion: 'lan-dhcp', phase: 'Serving' }) === 1);
    const out = await scrape();
    expect(sample(out, 'routerd_vip_role', { node: NODE, vip: 'lan-vip', role: 'master' })).toBe(1);
    expect(sample(out, 'routerd_vip_role', { node: NODE, vip: 'lan-vip', role: 'backup' })).toBe(0);
  });

  it('exporter › a status of a sync not in its configuration, or not a status at all, moves nothing and the endpoint still answers', async () => {
    publishSync(syncStatus({ phase: 'Synced' }, 'Synced', 'not-configured'));
    nc.publish(syncSubject(NODE, 'DHCPv4ServerLeaseSync', T.sync), 'not json');
    // A marker after them: once it is seen, so were they.
    publishSync(syncStatus({ phase: 'Syncing', lastAttemptAt: '2024-05-01T12:01:00.000Z', lastSuccessAt: '2024-05-01T12:00:01.700Z', consecutiveFailures: 1, reason: 'PeerNotAnswering' }, 'Syncing'));
    await nc.flush();
    await until('the metrics to show it', async () => sample(await scrape(), 'routerd_sync_target_pushes_total', T) === 3);
    const out = await scrape();
    expect(out).not.toContain('not-configured');
    expect(sample(out, 'routerd_sync_target_push_failures_total', { ...T, reason: 'PeerNotAnswering' })).toBe(1);
  });

  it('exporter › anything but GET /metrics is 404', async () => {
    const response = await fetch(url.replace('/metrics', '/'));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('not found: the metrics are at GET /metrics\n');
  });

  it('exporter › --listen off loopback is a usage error, exit 2, naming the flag and what it found', async () => {
    const { value, err } = io(['--config', CONFIG, '--nats', nats.url, '--listen', '0.0.0.0:9464']);
    expect(await agentMain({ name: AGENT_NAME, flags: METRICS_EXPORTER_FLAGS, start: metricsExporterAgent() }, value)).toBe(2);
    expect(err.join('')).toMatch(/^routerd-metrics-exporter: .*--listen.*expected a loopback host .* found "0\.0\.0\.0" in "0\.0\.0\.0:9464"/);
  });
});
