// Integration: a real nats-server, real `ip` in a network namespace this test creates, a real FIFO.
import { mkdirSync, writeFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCleanupStack, usage, type AgentContext } from '@routerd/agent';
import { decode, vipRoleEventSchema, vipWatcherRolesEndpoint, type VipRoleEvent } from '@routerd/bus';
import { startNatsServer, type NatsServer } from '@routerd/testkit';
import { execa } from 'execa';
import { connect, type NatsConnection, type Subscription } from 'nats';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { vipWatcherAgent } from './agent.js';
import { VIP_WATCHER_FLAGS, type VipWatcherFlags } from './options.js';
import { configWith, memoryLogger, tempDir } from './testing/fixtures.js';

const NS = `rdtest-vip-${process.pid}`;
const APP = new URL('..', import.meta.url).pathname;

async function ipns(...args: string[]): Promise<void> {
  await execa('ip', ['-n', NS, ...args]);
}

describe('vip-watcher › agent in a network namespace', () => {
  let nats: NatsServer;
  let nc: NatsConnection;
  let dir: ReturnType<typeof tempDir>;
  let events: VipRoleEvent[];
  let sub: Subscription;
  // What SIGTERM unwinds: each part's stop, deferred as the agent started it.
  let steps = createCleanupStack();
  // A static VIP unless `vrrp`: these tests are about reading the kernel; a vrrp VIP needs keepalived running to be master.
  const context = (log: AgentContext['log'], flags: AgentContext<VipWatcherFlags>['flags'], vrrp = false): AgentContext<VipWatcherFlags> => ({
    name: 'vip-watcher',
    node: 'r1',
    nc,
    config: configWith([{ name: 'lan-vip', address: '192.0.2.1/32', vrrp }]),
    log,
    options: { config: 'test.yaml', nats: nats.url, node: 'r1' },
    flags,
    env: {},
    dirs: { stateDir: join(dir.path, 'state'), runtimeDir: join(dir.path, 'run') },
    defer: steps.defer,
  });

  beforeAll(async () => {
    dir = tempDir();
    await execa('ip', ['netns', 'add', NS]);
    await ipns('link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'lan0p');
    await ipns('link', 'set', 'lan0', 'up');
    await ipns('link', 'set', 'lan0p', 'up');
    await ipns('addr', 'add', '192.0.2.10/24', 'dev', 'lan0');
    nats = await startNatsServer({ jetstream: false });
    nc = await connect({ servers: nats.url, name: 'vip-watcher-test' });
    events = [];
    sub = nc.subscribe('routerd.r1.vip.*', {
      callback: (_error, msg) => {
        const result = decode(vipRoleEventSchema, msg.data, msg.subject);
        if (result.ok) events.push(result.value);
      },
    });
  }, 30_000);

  afterEach(async () => {
    await steps.unwind();
    steps = createCleanupStack();
  });

  afterAll(async () => {
    sub?.unsubscribe();
    await nc?.close();
    await nats?.cleanup();
    await execa('ip', ['netns', 'del', NS], { reject: false });
    dir?.remove();
  });

  const latest = (name = 'lan-vip') => events.filter((e) => e.name === name).at(-1);

  it('vip-watcher › publishes inactive, then master within a second of `ip addr add`, then back; answers the roles endpoint; leaves no child', async () => {
    const mem = memoryLogger('info');
    const start = vipWatcherAgent({ ipCommand: ['ip', '-n', NS], heartbeatMs: 500 });
    await start(context(mem.log, { 'notify-fifo': undefined, 'keepalived-pidfile': join(dir.path, 'keepalived.pid'), netns: undefined }));
    await vi.waitFor(() => expect(latest()?.role).toBe('inactive'));
    expect(latest()?.evidence).toEqual(['kernel:absent', 'keepalived:stopped']);

    const added = Date.now();
    await ipns('addr', 'add', '192.0.2.1/32', 'dev', 'lan0');
    await vi.waitFor(() => expect(latest()?.role).toBe('master'), { timeout: 1_000, interval: 10 });
    expect(Date.now() - added).toBeLessThan(1_000);

    const reply = await nc.request(vipWatcherRolesEndpoint.subject('r1'), new Uint8Array(), { timeout: 2_000 });
    const answer = vipWatcherRolesEndpoint.response.parse(JSON.parse(reply.string()));
    expect(answer.items.map((e) => [e.name, e.role])).toEqual([['lan-vip', 'master']]);

    await ipns('addr', 'del', '192.0.2.1/32', 'dev', 'lan0');
    await vi.waitFor(() => expect(latest()?.role).toBe('inactive'), { timeout: 1_000, interval: 10 });

    await steps.unwind();
    const left = await execa('pgrep', ['-f', `ip -n ${NS} -o monitor`], { reject: false });
    expect(left.stdout).toBe('');
  }, 20_000);

  it('vip-watcher › keepalived running means backup, and its FIFO reports FAULT as evidence', async () => {
    const procDir = join(dir.path, 'proc');
    mkdirSync(join(procDir, '4242'), { recursive: true });
    writeFileSync(join(procDir, '4242', 'comm'), 'keepalived\n');
    const pidFile = join(dir.path, 'keepalived-2.pid');
    writeFileSync(pidFile, '4242\n');
    const fifo = join(dir.path, 'keepalived.fifo');
    await execa('mkfifo', [fifo]);
    const start = vipWatcherAgent({ ipCommand: ['ip', '-n', NS], procDir, heartbeatMs: 500 });
    await start(context(memoryLogger('info').log, { 'notify-fifo': fifo, 'keepalived-pidfile': pidFile, netns: undefined }, true));
    await vi.waitFor(() => expect(latest()?.role).toBe('backup'));
    const writer = await open(fifo, 'w');
    await writer.write('INSTANCE "lan_vip" FAULT 150\n');
    await writer.close();
    await vi.waitFor(() => expect(latest()?.evidence).toEqual(['kernel:absent', 'keepalived:running', 'fifo:FAULT']));
    expect(latest()).toMatchObject({ role: 'backup', reason: '192.0.2.1 is not on lan0; keepalived reported FAULT' });
  }, 20_000);

  it('vip-watcher › a VIP removed while `ip monitor` is frozen is published by the next heartbeat, not kept as master', async () => {
    const heartbeatMs = 500;
    await ipns('addr', 'add', '192.0.2.1/32', 'dev', 'lan0');
    steps.defer(() => execa('ip', ['-n', NS, 'addr', 'del', '192.0.2.1/32', 'dev', 'lan0'], { reject: false }));
    const start = vipWatcherAgent({ ipCommand: ['ip', '-n', NS], heartbeatMs });
    await start(context(memoryLogger('info').log, { 'notify-fifo': undefined, 'keepalived-pidfile': join(dir.path, 'keepalived.pid'), netns: undefined }));
    await vi.waitFor(() => expect(latest()?.role).toBe('master'));
    const pids = (await execa('pgrep', ['-f', `ip -n ${NS} -o monitor address`])).stdout.split('\n');
    expect(pids).toHaveLength(1);
    const monitorPid = Number(pids[0]);
    // A stopped monitor misses every event while it looks alive: the netlink messages wait in its socket.
    process.kill(monitorPid, 'SIGSTOP');
    steps.defer(() => void process.kill(monitorPid, 'SIGCONT'));

    const removed = performance.now();
    await ipns('addr', 'del', '192.0.2.1/32', 'dev', 'lan0');
    await vi.waitFor(() => expect(latest()?.role).toBe('inactive'), { timeout: 2 * heartbeatMs, interval: 5 });
    const tookMs = performance.now() - removed;
    expect(tookMs, 'ms from `ip addr del` to the inactive event').toBeLessThan(heartbeatMs + 250);
    expect(latest()?.evidence).toEqual(['kernel:absent', 'keepalived:stopped']);
    // The monitor told nothing: it was still stopped when the change was published.
    expect((await readFile(`/proc/${monitorPid}/stat`, 'utf8')).split(') ')[1]?.[0]).toBe('T');
  }, 20_000);

  it('vip-watcher › the built bin publishes and stops cleanly on SIGTERM', async () => {
    await execa('npx', ['tsc', '-b', 'tsconfig.lib.json'], { cwd: APP });
    const help = await execa('node', [join(APP, 'dist/main.js'), '--help'], { reject: false });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toBe(usage('routerd-vip-watcher', VIP_WATCHER_FLAGS).trimEnd());
    expect(help.stdout).toContain('--notify-fifo PATH');
    const bad = await execa('node', [join(APP, 'dist/main.js'), '--notify-fifo', 'relative.fifo'], { reject: false });
    expect(bad).toMatchObject({
      exitCode: 2,
      stderr: `routerd-vip-watcher: --notify-fifo: expected an absolute path without newlines, found "relative.fifo"\n\n${usage('routerd-vip-watcher', VIP_WATCHER_FLAGS).trimEnd()}`,
    });

    const configFile = join(dir.path, 'router.yaml');
    writeFileSync(
      configFile,
      [
        '- { apiVersion: net.routerd.net/v1alpha1, kind: Interface, metadata: { name: lo }, spec: { ifname: lo } }',
        '- apiVersion: net.routerd.net/v1alpha1',
        '  kind: VirtualAddress',
        '  metadata: { name: bin-vip }',
        '  spec: { interface: lo, family: ipv4, address: 127.0.0.1/32 }',
        '',
      ].join('\n'),
    );
    // In the host namespace: inside NS, 127.0.0.1 is the namespace's own loopback, where no nats-server
    // listens. The namespace itself is covered above through the `ip -n NS` prefix.
    const child = execa('node', [join(APP, 'dist/main.js'), '--config', configFile, '--nats', nats.url, '--node', 'r1'], {
      reject: false,
      env: { ROUTERD_RUNTIME_DIR: join(dir.path, 'run-bin'), ROUTERD_KEEPALIVED_PIDFILE: join(dir.path, 'none.pid') },
    });
    await vi.waitFor(() => expect(latest('bin-vip')?.role).toBe('master'), { timeout: 10_000 });
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('routerd-vip-watcher stopped');
  }, 60_000);
});
