// A real dnsmasq in a network namespace of its own (documentation addresses), started as the
// Type=forking unit starts it: without --keep-in-foreground, so it returns only once start-up
// succeeded or failed. The promoter runs with the real command runner and clock; roles come in as
// from the vip-watcher.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand, systemClock, type RunCommand } from '@routerd/agent';
import { promotionStatusSchema, sampleVipRoleEvent, vipSubject, type PromotionStatus } from '@routerd/bus';
import { createNetns, isAlive, startProcess, stopPid, stopProcess, waitFor, waitUntil, type StartedProcess, type TestNetns } from '@routerd/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPromoter, type Promoter } from './promoter.js';
import { promotionConfig } from './testing/config.js';
import { memoryLogger } from './testing/fakes.js';

const DNSMASQ = '/usr/sbin/dnsmasq';
const IFNAME = 'rdpromo0';
const BIND_FAILED = 'dnsmasq: failed to bind DHCP server socket: Address already in use';

describe.skipIf(!existsSync(DNSMASQ))('dhcp-promoter › a real dnsmasq', () => {
  let netns: TestNetns;
  let dir: string;
  let promoter: Promoter | undefined;
  const file = (name: string) => join(dir, name);
  const inNetns = (argv: readonly string[]) => ['ip', 'netns', 'exec', netns.name, ...argv];
  /** The promotion's dnsmasq: forks, writes its pid file, logs to a file of its own. */
  const dnsmasq = () => inNetns([DNSMASQ, `--conf-file=${file('dnsmasq.conf')}`, `--pid-file=${file('dnsmasq.pid')}`, `--log-facility=${file('dnsmasq.log')}`]);
  /** The pid in the promotion's pid file, while it is still this test's dnsmasq (a pid is reused once reaped). */
  const dnsmasqPid = (): number | undefined => {
    const pid = Number(existsSync(file('dnsmasq.pid')) ? readFileSync(file('dnsmasq.pid'), 'utf8').trim() : '');
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    return cmdline.includes(file('dnsmasq.conf')) ? pid : undefined;
  };
  const running = () => {
    const pid = dnsmasqPid();
    return pid !== undefined && isAlive(pid);
  };
  const commands = () => ({
    start: dnsmasq(),
    stop: ['pkill', '--pidfile', file('dnsmasq.pid'), '--exact', 'dnsmasq'],
    // Zombies do not count: a dead dnsmasq waits for its reaping here.
    check: ['pgrep', '--pidfile', file('dnsmasq.pid'), '--exact', 'dnsmasq', '--runstates', 'R,S,D'],
    checkInterval: '100ms',
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dhcp-promoter-dnsmasq-'));
    netns = await createNetns(`rdtest-promo-${process.pid}`, IFNAME, '192.0.2.10/24');
    writeFileSync(file('dnsmasq.conf'), ['port=0', `interface=${IFNAME}`, 'dhcp-range=192.0.2.100,192.0.2.150,12h', `dhcp-leasefile=${file('dnsmasq.leases')}`, ''].join('\n'));
  }, 30_000);

  afterEach(async () => {
    await promoter?.stop();
    promoter = undefined;
    const pid = dnsmasqPid();
    if (pid !== undefined) await stopPid(pid);
    rmSync(file('dnsmasq.pid'), { force: true });
  });

  afterAll(async () => {
    await netns?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  function follow(spec: ReturnType<typeof commands> & { logs?: string[] }, exec: RunCommand = runCommand): PromotionStatus[] {
    const statuses: PromotionStatus[] = [];
    promoter = createPromoter({
      node: 'r1',
      config: promotionConfig(spec),
      exec,
      clock: systemClock,
      log: memoryLogger().log,
      random: () => 0.5,
      backoff: { baseMs: 200, maxMs: 5000, jitter: 0 },
      publish: (_subject, data) => statuses.push(promotionStatusSchema.parse(JSON.parse(new TextDecoder().decode(data)))),
    });
    promoter.start();
    // A heartbeat of a minute: the role stays fresh for the whole test.
    promoter.handleRole({ ...sampleVipRoleEvent, node: 'r1', name: 'lan-vip', role: 'master', heartbeatMs: 60_000, observedAt: new Date().toISOString() }, vipSubject('r1', 'lan-vip'));
    return statuses;
  }

  /** The distinct messages of the statuses with this reason that name their retry, in order. */
  const retries = (statuses: readonly PromotionStatus[], reason: string) => [...new Set(statuses.filter((s) => s.reason === reason && s.message?.includes('retrying in')).map((s) => s.message ?? ''))];

  it('dhcp-promoter › a dnsmasq that cannot bind (the DHCP port taken) is never Serving: Error with its own message, retried with backoff', async () => {
    // The distribution's dnsmasq, left running, holds port 67.
    const holder: StartedProcess = startProcess('dnsmasq holding port 67', inNetns([DNSMASQ, '--keep-in-foreground', `--conf-file=${file('dnsmasq.conf')}`, `--pid-file=${file('holder.pid')}`]));
    try {
      await waitUntil(() => existsSync(file('holder.pid')), { what: 'the holding dnsmasq to write its pid file' });
      const statuses = follow(commands());
      const failed = await waitFor('two failed starts', () => {
        const seen = retries(statuses, 'StartFailed');
        return seen.length >= 2 ? seen : undefined;
      });
      const start = dnsmasq().join(' ');
      expect(failed.slice(0, 2)).toEqual([`${start} exited with 2: ${BIND_FAILED}; retrying in 200 ms while master`, `${start} exited with 2: ${BIND_FAILED}; retrying in 400 ms while master`]);
      expect(statuses.at(-1)).toMatchObject({ phase: 'Error', lastCommand: { exitCode: 2, output: expect.stringContaining(BIND_FAILED) } });
      expect(statuses.filter((s) => s.phase === 'Serving')).toEqual([]);
    } finally {
      await stopProcess(holder);
    }
  }, 30_000);

  /**
   * The real runner, but the first three times `when` holds for a command that just ran, dnsmasq dies
   * (SIGTERM, as an OOM kill or an operator would) before the promoter hears of that command's end.
   */
  function killing(when: (argv: readonly string[], exitCode: number | undefined) => boolean): { exec: RunCommand; deaths: () => number } {
    let deaths = 0;
    const exec: RunCommand = async (argv, options) => {
      const result = await runCommand(argv, options);
      const pid = dnsmasqPid();
      if (deaths < 3 && pid !== undefined && when(argv, result.exitCode)) {
        process.kill(pid, 'SIGTERM');
        await waitUntil(() => !isAlive(pid), { what: `dnsmasq ${pid} to exit` });
        // Counted once it is dead: a test that waits for the third death sees it complete.
        deaths += 1;
      }
      return result;
    };
    return { exec, deaths: () => deaths };
  }

  const LAST_WORDS = /its last words \(tail -n 20 \S+: .*dnsmasq\[\d+\]: exiting on receipt of SIGTERM\); retrying in \d+ ms while master$/;
  const delays = (messages: readonly string[]) => messages.map((m) => /retrying in (\d+) ms/.exec(m)?.[1]);
  const logs = () => ['tail', '-n', '20', file('dnsmasq.log')];

  it('dhcp-promoter › a dnsmasq that dies right after its start returned (a Type=simple unit) is not Serving: Error with its last words, backing off', async () => {
    const killer = killing((argv, exitCode) => argv[0] === 'ip' && exitCode === 0);
    const statuses = follow({ ...commands(), logs: logs() }, killer.exec);
    await waitUntil(() => killer.deaths() === 3 && statuses.at(-1)?.phase === 'Serving' && running(), { what: 'Serving after three deaths at start', timeoutMs: 20_000 });
    const failed = retries(statuses, 'StartFailed');
    // Serving only once, after the start that lived (heartbeats repeat a status: count the changes).
    expect(statuses.filter((s, i) => s.phase === 'Serving' && statuses[i - 1]?.phase !== 'Serving')).toHaveLength(1);
    expect(delays(failed)).toEqual(['200', '400', '800']);
    for (const message of failed) expect(message).toMatch(/^ip netns exec .* exited with 0, but pgrep .* exited with 1: the DHCP server is not running after its start; /);
    // Killed this early, dnsmasq may not have logged its exit yet: its last words are what it logged.
    for (const message of failed) expect(message).toMatch(/its last words \(tail -n 20 \S+: .*dnsmasq\[\d+\]: started, .*\); retrying in \d+ ms while master$/);
  }, 30_000);

  it('dhcp-promoter › a dnsmasq that dies after it was seen Serving backs off, doubling, and the Error quotes its last words', async () => {
    let statuses: PromotionStatus[] = [];
    const killer = killing((argv, exitCode) => argv[0] === 'pgrep' && exitCode === 0 && statuses.at(-1)?.phase === 'Serving');
    statuses = follow({ ...commands(), logs: logs() }, killer.exec);
    await waitUntil(() => killer.deaths() === 3 && statuses.at(-1)?.phase === 'Serving' && running(), { what: 'Serving again after three deaths', timeoutMs: 20_000 });
    const died = retries(statuses, 'ServerDied');
    expect(delays(died)).toEqual(['200', '400', '800']);
    for (const message of died) expect(message).toMatch(/^pgrep .* exited with 1: the DHCP server is not running while master; /);
    for (const message of died) expect(message).toMatch(LAST_WORDS);
  }, 30_000);
});
