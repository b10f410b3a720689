import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseReceiverReport } from '@routerd/leases';
import { inboxPaths } from '@routerd/model';
import { afterEach, describe, expect, it } from 'vitest';
import { receive } from './receive.js';
import { LOCAL, PEER_A, PEER_B, receiverWorld, type ReceiverWorld } from './testing/receiver-world.js';

const PUSH = (path: string) => `rsync --server -lDrce.iLsfxCIvu --timeout=60 --delay-updates . ${path.replaceAll(' ', '\\ ')}`;
const HANDBACK = (path: string) => `${PUSH(path)}.routerd-handback`;
const PULL = (path: string) => `rsync --server --sender -lDrce.iLsfxCIvu --timeout=60 . ${path}`;

let world: ReceiverWorld;
const sleepers: ChildProcess[] = [];
afterEach(async () => {
  for (const s of sleepers.splice(0)) s.kill('SIGKILL');
  await world.remove();
});

async function run(command: string | undefined): Promise<{ code: number; lines: string[] }> {
  const before = world.stderr().length;
  const code = await receive(world.options(command), world.deps);
  const lines = world.stderr().slice(before).split('\n').filter((l) => l !== '');
  return { code, lines };
}

/** The one line a run wrote, parsed as the pushing syncer parses it. */
function reportOf(lines: string[]) {
  expect(lines).toHaveLength(1);
  return parseReceiverReport(lines[0] ?? '');
}

describe('lease receiver › push', () => {
  it('lease receiver › a push lands in the inbox and is merged: live becomes the pushed file byte for byte (P1)', async () => {
    world = await receiverWorld();
    world.pushed = PEER_A + PEER_B;
    const { code, lines } = await run(PUSH(world.live));
    expect(code).toBe(0);
    expect(reportOf(lines)).toEqual({ type: 'merged', leases: 2, taken: 2, kept: 0, changed: true, conflicts: [], conflictCount: 0 });
    const paths = inboxPaths(world.live);
    expect(world.rsyncCalls).toEqual([['rsync', '--server', '-lDrce.iLsfxCIvu', '--timeout=60', '--delay-updates', '.', paths.incoming]]);
    expect(await world.read(world.live)).toBe(PEER_A + PEER_B);
    expect(await world.read(paths.base)).toBe(PEER_A + PEER_B);
    expect(await world.read(paths.incoming)).toBe(PEER_A + PEER_B);
  });

  it('lease receiver › a lease this node granted since the last push survives it (P2)', async () => {
    world = await receiverWorld();
    world.pushed = PEER_A;
    await run(PUSH(world.live));
    await writeFile(world.live, PEER_A + LOCAL);
    world.pushed = PEER_A + PEER_B;
    const { code, lines } = await run(PUSH(world.live));
    expect(code).toBe(0);
    expect(reportOf(lines)).toMatchObject({ type: 'merged', leases: 3, taken: 2, kept: 1 });
    expect(await world.read(world.live)).toBe(PEER_A + PEER_B + LOCAL);
  });

  it('lease receiver › the inbox and the live dir are created by the receiver on a fresh standby', async () => {
    world = await receiverWorld();
    const live = world.live;
    await rm(join(world.dir, 'dnsmasq'), { recursive: true });
    world.pushed = PEER_A;
    expect((await run(PUSH(live))).code).toBe(0);
    expect(await world.read(live)).toBe(PEER_A);
  });

  it('lease receiver › while this node holds a VIP the push is refused SplitBrain, exit 1, kept in the inbox, live untouched (P3)', async () => {
    world = await receiverWorld();
    await writeFile(world.live, LOCAL);
    world.vipHeld = true;
    world.pushed = PEER_A;
    const { code, lines } = await run(PUSH(world.live));
    expect(code).toBe(1);
    const incoming = inboxPaths(world.live).incoming;
    expect(reportOf(lines)).toEqual({
      type: 'refused',
      reason: 'SplitBrain',
      text: `router-b serves ${world.live}: it holds VirtualAddress/lan-vip (192.0.2.1 is on lan0); the push is kept in ${incoming}`,
    });
    expect(await world.read(world.live)).toBe(LOCAL);
    expect(await world.read(incoming)).toBe(PEER_A);
  });

  it("lease receiver › while the promotion's check exits 0 the push is refused SplitBrain naming the check", async () => {
    world = await receiverWorld({ check: ['pgrep', '-x', 'dnsmasq'] });
    world.checkExit = 0;
    world.pushed = PEER_A;
    const { code, lines } = await run(PUSH(world.live));
    expect(code).toBe(1);
    expect(reportOf(lines)).toMatchObject({ type: 'refused', reason: 'SplitBrain', text: expect.stringContaining("router-b serves") as string });
    expect(lines[0]).toContain("DHCPServerPromotion/lan-dhcp's check (pgrep -x dnsmasq) exits 0: its DHCP server runs");
    expect(world.checkCalls).toEqual([['pgrep', '-x', 'dnsmasq']]);
    expect(await world.read(world.live)).toBeUndefined();
  });

  it('lease receiver › a check that exits non-zero means not serving; one that does not answer means it cannot tell: refused Failed', async () => {
    world = await receiverWorld({ check: ['pgrep', '-x', 'dnsmasq'] });
    world.pushed = PEER_A;
    expect((await run(PUSH(world.live))).code).toBe(0);
    world.checkExit = undefined;
    const { code, lines } = await run(PUSH(world.live));
    expect(code).toBe(1);
    expect(reportOf(lines)).toMatchObject({ type: 'refused', reason: 'Failed' });
    expect(lines[0]).toContain("cannot tell whether router-b serves");
    expect(lines[0]).toContain('did not answer within 5000 ms');
  });

  it('lease receiver › delivery replace writes the push over live, serving or not, local leases included', async () => {
    world = await receiverWorld({ delivery: 'replace' });
    await writeFile(world.live, LOCAL);
    world.vipHeld = true;
    world.pushed = PEER_A;
    const { code, lines } = await run(PUSH(world.live));
    expect(code).toBe(0);
    expect(reportOf(lines)).toEqual({ type: 'merged', leases: 1, taken: 1, kept: 0, changed: true, conflicts: [], conflictCount: 0 });
    expect(await world.read(world.live)).toBe(PEER_A);
  });

  it('lease receiver › a pushed file that is not a lease file is refused Failed, live untouched, the file kept', async () => {
    world = await receiverWorld();
    await writeFile(world.live, LOCAL);
    world.pushed = 'not a lease line\n';
    const { code, lines } = await run(PUSH(world.live));
    expect(code).toBe(1);
    expect(reportOf(lines)).toMatchObject({ type: 'refused', reason: 'Failed' });
    expect(lines[0]).toContain('the incoming lease file is not a dnsmasq lease file');
    expect(lines[0]).toContain(`live untouched, the file is kept in ${inboxPaths(world.live).incoming}`);
    expect(await world.read(world.live)).toBe(LOCAL);
  });

  it("lease receiver › a lock held by a running process is refused Busy, naming its pid", async () => {
    world = await receiverWorld();
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    sleepers.push(sleeper);
    const lock = inboxPaths(world.live).lock;
    await mkdir(lock, { recursive: true });
    await writeFile(join(lock, 'holder'), `${sleeper.pid}\n`);
    world.pushed = PEER_A;
    const { code, lines } = await run(PUSH(world.live));
    expect(code).toBe(1);
    expect(reportOf(lines)).toMatchObject({ type: 'refused', reason: 'Busy' });
    expect(lines[0]).toContain(`held by pid ${sleeper.pid}`);
  });

  it("lease receiver › rsync failing is rsync's to report: its exit code, no line of ours, nothing applied", async () => {
    world = await receiverWorld();
    world.rsyncExit = { code: 23 };
    world.pushed = PEER_A;
    expect(await run(PUSH(world.live))).toEqual({ code: 23, lines: [] });
    expect(await world.read(world.live)).toBeUndefined();
    world.rsyncExit = { error: 'spawn rsync ENOENT' };
    const { code, lines } = await run(PUSH(world.live));
    expect(code).toBe(1);
    expect(reportOf(lines)).toEqual({ type: 'refused', reason: 'Failed', text: 'cannot run rsync: spawn rsync ENOENT' });
  });
});

describe('lease receiver › handback', () => {
  it('lease receiver › while this node serves, a handback is held in the inbox for its promoter, exit 0', async () => {
    world = await receiverWorld();
    world.vipHeld = true;
    await writeFile(world.live, LOCAL);
    world.pushed = PEER_A;
    const { code, lines } = await run(HANDBACK(world.live));
    expect(code).toBe(0);
    const handback = inboxPaths(world.live).handback;
    expect(world.rsyncCalls[0]?.at(-1)).toBe(handback);
    expect(reportOf(lines)).toEqual({
      type: 'held',
      text: `router-b serves ${world.live}: it holds VirtualAddress/lan-vip (192.0.2.1 is on lan0); the handback waits in ${handback} for its promoter`,
    });
    expect(await world.read(handback)).toBe(PEER_A);
    expect(await world.read(world.live)).toBe(LOCAL);
  });

  it('lease receiver › while it does not serve, a handback is merged at once and removed', async () => {
    world = await receiverWorld();
    await writeFile(world.live, LOCAL);
    world.pushed = PEER_A;
    const { code, lines } = await run(HANDBACK(world.live));
    expect(code).toBe(0);
    expect(reportOf(lines)).toMatchObject({ type: 'merged', leases: 2, taken: 1, kept: 1, changed: true });
    expect(await world.read(world.live)).toBe(PEER_A + LOCAL);
    expect(await world.read(inboxPaths(world.live).handback)).toBeUndefined();
  });
});

describe('lease receiver › pull', () => {
  it('lease receiver › a pull sends a stable snapshot of live, read-only, and writes no line', async () => {
    world = await receiverWorld();
    await writeFile(world.live, PEER_A + LOCAL);
    const before = await stat(world.live);
    const { code, lines } = await run(PULL(world.live));
    expect(code).toBe(0);
    expect(lines).toEqual([]);
    const call = world.rsyncCalls[0] ?? [];
    expect(call.slice(0, -1)).toEqual(['rsync', '--server', '--sender', '-lDrce.iLsfxCIvu', '--timeout=60', '.']);
    expect(call.at(-1)).not.toBe(world.live);
    expect(world.sentContent).toBe(PEER_A + LOCAL);
    expect((await stat(world.live)).mtimeMs).toBe(before.mtimeMs);
    expect(await world.read(call.at(-1) ?? '')).toBeUndefined();
  });

  it('lease receiver › a pull of a missing live file runs rsync on the live path, which reports it', async () => {
    world = await receiverWorld();
    world.rsyncExit = { code: 23 };
    expect(await run(PULL(world.live))).toEqual({ code: 23, lines: [] });
    expect(world.rsyncCalls[0]?.at(-1)).toBe(world.live);
  });
});

describe('lease receiver › refusals', () => {
  it.each([
    ['no command', undefined, 'BadCommand', 'found no command (an interactive login, or ssh without a command)'],
    ['an empty command', '', 'BadCommand', 'found no command'],
    ['the old mkdir -p form', "mkdir -p '/x' && rsync --server -lDrce.iLsfxCIvu . /x/dnsmasq.leases", 'BadCommand', 'which rsync would have escaped'],
    ['a refused option', 'rsync --server -lDrce.iLsfxCIvu --remove-source-files . /x/dnsmasq.leases', 'BadCommand', 'the option "--remove-source-files" is not accepted'],
    ['a shell', 'bash -i', 'BadCommand', 'a command starting "bash -i", not "rsync --server"'],
  ])('lease receiver › %s: BadCommand, exit 1, one line saying what is accepted', async (_name, command, reason, text) => {
    world = await receiverWorld();
    const { code, lines } = await run(command);
    expect(code).toBe(1);
    const report = reportOf(lines);
    expect(report).toMatchObject({ type: 'refused', reason });
    expect(lines[0]).toContain('expected rsync --server [--sender] -<flags>e.<caps>');
    expect(lines[0]).toContain(text);
    expect(world.rsyncCalls).toEqual([]);
  });

  it('lease receiver › a path that is no lease path of the configuration: UnknownPath, naming it and the accepted ones', async () => {
    world = await receiverWorld();
    const { code, lines } = await run(PUSH('/etc/passwd'));
    expect(code).toBe(1);
    expect(reportOf(lines)).toEqual({
      type: 'refused',
      reason: 'UnknownPath',
      text: `"/etc/passwd" is not a lease path of ${join(world.dir, 'router.yaml')}; accepted: ${world.live} (a handback: the same with the handback suffix)`,
    });
    const pull = await run(PULL(`${world.live}.routerd-handback`));
    expect(reportOf(pull.lines)).toMatchObject({ reason: 'UnknownPath' });
    expect(world.rsyncCalls).toEqual([]);
  });

  it('lease receiver › an unreadable configuration: Failed, naming the file', async () => {
    world = await receiverWorld();
    world.deps.loadConfig = (file) => Promise.reject(new Error(`cannot read configuration file ${JSON.stringify(file)}: ENOENT`));
    const { code, lines } = await run(PUSH(world.live));
    expect(code).toBe(1);
    expect(reportOf(lines)).toEqual({ type: 'refused', reason: 'Failed', text: `cannot read configuration file ${JSON.stringify(join(world.dir, 'router.yaml'))}: ENOENT` });
  });
});
