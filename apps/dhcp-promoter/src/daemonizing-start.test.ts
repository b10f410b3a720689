// The promoter with the real command runner and a start command that leaves a daemon holding its
// output, as `systemctl start` of a forking server can: the command slot is freed at the command's
// exit, or at its deadline, so the next command (stop on a backup) still runs.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand, systemClock } from '@routerd/agent';
import { promotionStatusSchema, sampleVipRoleEvent, vipSubject, type PromotionStatus, type VipRoleEvent } from '@routerd/bus';
import { waitUntil } from '@routerd/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPromoter, type Promoter } from './promoter.js';
import { promotionConfig } from './testing/config.js';
import { memoryLogger } from './testing/fakes.js';

describe('dhcp-promoter › a start command that daemonizes a child holding its output', () => {
  let dir: string;
  let promoter: Promoter | undefined;
  const statuses: PromotionStatus[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'promoter-daemon-'));
    statuses.length = 0;
  });
  afterEach(async () => {
    await promoter?.stop();
    const pidFile = join(dir, 'daemon.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
    if (pid > 0) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  // The daemon keeps stdout and stderr: it is in its own session, out of reach of the group kill.
  const daemonize = () => `setsid sleep 60 < /dev/null & echo $! > ${dir}/daemon.pid`;
  const role = (value: VipRoleEvent['role']): VipRoleEvent => ({ ...sampleVipRoleEvent, node: 'r1', name: 'lan-vip', role: value, heartbeatMs: 60_000, observedAt: new Date().toISOString() });

  function start(startArgv: string[], commandDeadlineMs: number): Promoter {
    const config = promotionConfig({ start: startArgv, stop: ['rm', '-f', join(dir, 'running')], check: ['test', '-e', join(dir, 'running')], settle: '0s', checkInterval: '1m' });
    promoter = createPromoter({
      node: 'r1',
      config,
      exec: runCommand,
      clock: systemClock,
      log: memoryLogger().log,
      commandDeadlineMs,
      publish: (_subject, data) => void statuses.push(promotionStatusSchema.parse(JSON.parse(new TextDecoder().decode(data)))),
    });
    promoter.start();
    return promoter;
  }
  const last = () => statuses.at(-1);

  it('dhcp-promoter › the start returns at its exit, so Serving follows and a backup role still stops the server', { timeout: 20_000 }, async () => {
    const p = start(['sh', '-c', `${daemonize()}; touch ${dir}/running`], 20_000);
    p.handleRole(role('master'), vipSubject('r1', 'lan-vip'));
    await waitUntil(() => last()?.phase === 'Serving', { what: 'Serving', timeoutMs: 8000 });
    p.handleRole(role('backup'), vipSubject('r1', 'lan-vip'));
    await waitUntil(() => last()?.phase === 'Stopped', { what: 'Stopped', timeoutMs: 8000 });
    expect(existsSync(join(dir, 'running'))).toBe(false);
    expect(last()).toMatchObject({ phase: 'Stopped', role: 'backup' });
  });

  it('dhcp-promoter › a start that hangs holds the slot only until its deadline; the stop runs next', { timeout: 20_000 }, async () => {
    const p = start(['sh', '-c', `${daemonize()}; touch ${dir}/running; sleep 60`], 500);
    p.handleRole(role('master'), vipSubject('r1', 'lan-vip'));
    await waitUntil(() => last()?.reason === 'StartFailed', { what: 'StartFailed', timeoutMs: 8000 });
    expect(last()?.message).toMatch(/deadline|timed out/i);
    p.handleRole(role('backup'), vipSubject('r1', 'lan-vip'));
    await waitUntil(() => last()?.phase === 'Stopped', { what: 'Stopped', timeoutMs: 8000 });
    expect(existsSync(join(dir, 'running'))).toBe(false);
  });
});
