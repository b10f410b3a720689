// The reconciliation through the driver, on a fake clock, exec and inbox, merging with the real lease
// merge: a handback or a pull before the first start (P5, P6), a peer that does not answer, the heal
// while serving (P4), and what the role changing or a halt does to a fetch in flight.
import { inboxPaths, type VirtualAddressRole } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { createHandbackTrace } from './handback-trace.js';
import { createLeaseReconciler } from './lease-files.js';
import type { ReconcileNotice } from './machine/messages.js';
import { createPromotionMachine } from './promotion-machine.js';
import { fakeClock, fakeExec, memoryLogger, playServer, T0 } from './testing/fakes.js';
import { lease, memoryFs, memoryLeases } from './testing/inbox.js';
import { HB, LIVE, PLAN, WITH_LEASES } from './testing/machine.js';

const NOW = T0 / 1000;
const OWN = lease(NOW, 2, 1);
const PEERS = lease(NOW, 2, 1) + lease(NOW, 3, 2);
const paths = inboxPaths(LIVE);

function setup() {
  const clock = fakeClock();
  const exec = fakeExec();
  const server = playServer(exec);
  const fs = memoryFs();
  // The inbox's events are sent by hand (inboxEvent): each look of the trace sees the files set before it.
  const watchers = new Set<(name: string | undefined) => void>();
  const inboxEvent = (name: string) => {
    for (const watcher of watchers) watcher(name);
  };
  fs.watch = (_dir, onChange) => {
    watchers.add(onChange);
    return () => watchers.delete(onChange);
  };
  const leases = memoryLeases(fs);
  fs.files.set(LIVE, OWN);
  const peer = { file: PEERS, answer: 'copies' as 'copies' | 'silent' | 'refuses' };
  /** What live held at each start, and whether its lock was held then. */
  const starts: { loaded: string; locked: boolean }[] = [];
  const playing = exec.answer;
  exec.answer = (argv) => {
    if (argv[0] === 'pull') {
      if (peer.answer === 'silent') return 'hold';
      if (peer.answer === 'refuses') return { exitCode: 1, output: 'routerd-lease-receiver: refused UnknownPath: /var/lib/x is not a lease file of router-b\nrsync error: error in rsync protocol data stream (code 12)\n' };
      fs.files.set(paths.pulled, peer.file);
      return 0;
    }
    if (argv[0] === 'start') starts.push({ loaded: fs.files.get(LIVE) ?? '', locked: leases.held.has(LIVE) });
    return playing(argv);
  };
  const events: ReconcileNotice[] = [];
  const machine = createPromotionMachine({
    plan: { ...PLAN, ...WITH_LEASES },
    exec: exec.run,
    clock,
    log: memoryLogger().log,
    random: () => 0.5,
    onChange: () => undefined,
    onEvent: (event) => events.push(event),
    leases: { fs, reconciler: createLeaseReconciler(leases, fs), trace: createHandbackTrace(fs, clock) },
  });
  machine.start();
  const role = (r: VirtualAddressRole) => machine.role({ role: r, heartbeatMs: HB, receivedAt: clock.monotonic() });
  /** What this node's receiver does with a handback while it does not serve: lands it, merges it into live, removes it. */
  const receiverMerges = async (text: string) => {
    fs.files.set(paths.handback, text);
    inboxEvent('dnsmasq.leases.handback');
    await leases.applyToLive({ live: LIVE, from: paths.handback, now: NOW });
    fs.files.delete(paths.handback);
    inboxEvent('dnsmasq.leases.handback');
    await clock.advance(0);
  };
  return { clock, exec, server, fs, leases, peer, starts, events, machine, role, receiverMerges, status: () => machine.status() };
}

describe('dhcp-promoter › promotion machine, reconciling the lease file', () => {
  it('dhcp-promoter › a handback that comes during settle is merged, and the server starts from it at once, holding the lock', async () => {
    const { clock, exec, fs, role, starts, events, status } = setup();
    await clock.advance(0);
    role('master');
    await clock.advance(300);
    fs.files.set(paths.handback, PEERS);
    await clock.advance(150);
    expect(exec.lines()).toEqual(['check', 'pull router-b', 'start', 'check']);
    // The pull was stopped: the handback is the newer file.
    expect(exec.calls[1]).toMatchObject({ done: true, options: { deadlineMs: 1000 } });
    expect(starts).toEqual([{ loaded: PEERS, locked: true }]);
    expect(fs.files.has(paths.handback)).toBe(false);
    expect(status()).toMatchObject({
      phase: 'Serving',
      message: 'merged 2 leases from router-b, 0 conflicts',
      lastCommand: { argv: ['start'], at: new Date(T0 + 450).toISOString() },
      lastReconcile: { trigger: 'promotion', durationMs: 450, files: [{ path: LIVE, peer: 'router-b', result: 'handback-merged', leases: 2, taken: 2, kept: 0 }] },
    });
    expect(events.map((e) => [e.action, e.peer, e.kind, e.name, e.message])).toEqual([['handback-merged', 'router-b', 'DHCPv4Server', 'lan-dhcpv4', 'merged 2 leases from router-b, 0 conflicts']]);
  });

  it("dhcp-promoter › a handback this node's receiver merged while backup, within settle before the mastership, is the one that came: the server starts at once", async () => {
    const { clock, exec, leases, role, receiverMerges, starts, events, status } = setup();
    await clock.advance(0);
    role('backup');
    await clock.advance(100);
    // The demoted peer's handback lands before this node holds the VIP: the receiver merges it itself.
    await receiverMerges(PEERS);
    await clock.advance(600);
    role('master');
    await clock.advance(0);
    // No pull, no wait for a handback that will not come again.
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
    expect(leases.merges).toEqual([paths.handback]);
    expect(starts).toEqual([{ loaded: PEERS, locked: true }]);
    expect(status()).toMatchObject({ phase: 'Serving', lastReconcile: { durationMs: 0, files: [{ path: LIVE, peer: 'router-b', result: 'handback-merged' }] } });
    expect(events).toEqual([]);
  });

  it('dhcp-promoter › a handback merged longer than settle before the mastership, or before this node last served, does not end the wait', async () => {
    const { clock, exec, role, receiverMerges } = setup();
    await clock.advance(0);
    role('backup');
    await receiverMerges(PEERS);
    await clock.advance(1001);
    role('master');
    await clock.advance(999);
    expect(exec.lines()).toEqual(['check', 'pull router-b']);
    await clock.advance(1);
    expect(exec.lines()).toEqual(['check', 'pull router-b', 'start', 'check']);

    // Traced while this node served (a heal's claim the trace read late, say): its next mastership waits again.
    await receiverMerges(PEERS);
    await clock.advance(100);
    role('backup');
    await clock.advance(0);
    role('master');
    await clock.advance(999);
    expect(exec.lines().slice(4)).toEqual(['stop', 'pull router-b']);
    await clock.advance(1);
    expect(exec.lines().slice(4)).toEqual(['stop', 'pull router-b', 'start', 'check']);
  });

  it('dhcp-promoter › without a handback the pulled file is merged when settle is over; the pulled copy is removed', async () => {
    const { clock, exec, fs, leases, role, starts, events, status } = setup();
    await clock.advance(0);
    role('master');
    await clock.advance(999);
    expect(exec.lines()).toEqual(['check', 'pull router-b']);
    await clock.advance(1);
    expect(exec.lines()).toEqual(['check', 'pull router-b', 'start', 'check']);
    expect(leases.merges).toEqual([paths.pulled]);
    expect(starts).toEqual([{ loaded: PEERS, locked: true }]);
    expect(fs.files.has(paths.pulled)).toBe(false);
    expect(fs.files.get(paths.base)).toBe(PEERS);
    expect(status()).toMatchObject({ phase: 'Serving', lastReconcile: { files: [{ result: 'pull-merged', leases: 2 }] } });
    expect(events.map((e) => e.action)).toEqual(['pull-merged']);
  });

  it('dhcp-promoter › a peer that does not answer within settle: the pull is stopped, the server serves what it has, and the status says so', async () => {
    const { clock, exec, peer, role, starts, events, status } = setup();
    peer.answer = 'silent';
    await clock.advance(0);
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check', 'pull router-b', 'start', 'check']);
    expect(exec.calls[1]?.done).toBe(true);
    expect(starts).toEqual([{ loaded: OWN, locked: true }]);
    expect(status()).toMatchObject({
      phase: 'Serving',
      reason: 'Unreconciled',
      message: "serving without the peer's leases: router-b did not answer within 1s",
      lastReconcile: { files: [{ result: 'pull-failed', reason: 'PeerNotAnswering' }] },
    });
    expect(events).toEqual([expect.objectContaining({ action: 'pull-failed', peer: 'router-b', reason: 'PeerNotAnswering', message: 'router-b did not answer within 1s' })]);
    // The heartbeats of the mastership keep saying it.
    await clock.advance(2 * HB);
    role('master');
    await clock.advance(0);
    expect(status()).toMatchObject({ phase: 'Serving', reason: 'Unreconciled' });
  });

  it("dhcp-promoter › a refusal by the peer's receiver is named with its reason", async () => {
    const { clock, peer, role, status } = setup();
    peer.answer = 'refuses';
    await clock.advance(0);
    role('master');
    await clock.advance(1000);
    expect(status()).toMatchObject({
      phase: 'Serving',
      reason: 'Unreconciled',
      message: "serving without the peer's leases: router-b refused the pull (UnknownPath): /var/lib/x is not a lease file of router-b",
    });
  });

  it('dhcp-promoter › while serving, a handback is merged by stop → merge → start, once, and reported', async () => {
    const { clock, exec, fs, role, starts, events, status } = setup();
    await clock.advance(0);
    role('master');
    await clock.advance(1000);
    expect(status().phase).toBe('Serving');
    const served = exec.lines().length;
    // The peer was demoted after a split brain: its last file, with a lease granted during it.
    const healed = PEERS + lease(NOW, 4, 3);
    fs.files.set(paths.handback, healed);
    role('master');
    await clock.advance(1000);
    expect(exec.lines().slice(served)).toEqual(['stop', 'start', 'check']);
    expect(starts.at(-1)).toEqual({ loaded: healed, locked: true });
    expect(fs.files.has(paths.handback)).toBe(false);
    expect(status()).toMatchObject({ phase: 'Serving', message: 'merged 3 leases from router-b, 0 conflicts', lastReconcile: { trigger: 'heal' } });
    expect(events.map((e) => e.action)).toEqual(['pull-merged', 'handback-merged']);
    for (let t = 0; t < 5; t += 1) {
      role('master');
      await clock.advance(HB);
    }
    // Once: the loop's check runs, nothing stops again.
    expect(exec.lines().slice(served).filter((line) => line !== 'check')).toEqual(['stop', 'start']);
  });

  it('dhcp-promoter › a handback that comes while backup is left to the receiver: nothing stops, starts or merges', async () => {
    const { clock, exec, fs, leases, role } = setup();
    await clock.advance(0);
    role('backup');
    fs.files.set(paths.handback, PEERS);
    for (let t = 0; t < 3; t += 1) {
      role('backup');
      await clock.advance(HB);
    }
    expect(exec.lines()).toEqual(['check']);
    expect(leases.merges).toEqual([]);
    expect(fs.files.get(paths.handback)).toBe(PEERS);
  });

  it('dhcp-promoter › backup during the fetch stops the pull at once and merges nothing; master again fetches anew', async () => {
    const { clock, exec, leases, peer, role, starts, status } = setup();
    peer.answer = 'silent';
    await clock.advance(0);
    role('master');
    await clock.advance(300);
    role('backup');
    await clock.advance(0);
    expect(exec.calls[1]?.done).toBe(true);
    expect(leases.merges).toEqual([]);
    expect(status()).toMatchObject({ phase: 'Stopped', role: 'backup' });
    peer.answer = 'copies';
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check', 'pull router-b', 'pull router-b', 'start', 'check']);
    expect(starts).toEqual([{ loaded: PEERS, locked: true }]);
  });

  it('dhcp-promoter › halt during the fetch stops it at once: nothing is merged, nothing starts', async () => {
    const { clock, exec, leases, machine, peer, role } = setup();
    peer.answer = 'silent';
    await clock.advance(0);
    role('master');
    await clock.advance(300);
    await machine.stop(5000);
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['check', 'pull router-b']);
    expect(exec.calls[1]?.done).toBe(true);
    expect(leases.merges).toEqual([]);
  });
});
