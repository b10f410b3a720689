// The lease receiver as it runs on a standby: sshd's forced command from the key line
// `routerctl render authorized-keys` prints, driven by a real rsync push, handback and pull.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseReceiverReport } from '@routerd/leases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiverStandby, type ReceiverStandby, type Run } from './harness/receiver-standby.js';
import { RECEIVER_BIN } from './harness/paths.js';

// Expiries far ahead, so no lease is expired while the tests run; documentation addresses only.
const A = '2795649016 02:00:00:00:30:10 192.0.2.130 cl-a 01:02:00:00:00:30:10\n';
const B = '2795649019 02:00:00:00:30:11 192.0.2.131 * *\n';
const C = '2795649022 02:00:00:00:30:12 192.0.2.132 cl-c *\n';
/** A lease the standby's own dnsmasq granted. */
const LOCAL = '2795649099 02:00:00:00:30:99 192.0.2.199 mine *\n';

let standby: ReceiverStandby;
beforeAll(async () => {
  standby = await startReceiverStandby();
});
afterAll(async () => {
  await standby?.cleanup();
});

/** The receiver's lines in what the pushing rsync printed: exactly one. */
function receiverLines(result: Run): string[] {
  return result.stderr.split('\n').filter((line) => line.startsWith('routerd-lease-receiver: '));
}

function reportOf(result: Run) {
  expect(receiverLines(result), result.stderr).toHaveLength(1);
  return parseReceiverReport(result.stderr);
}

describe('system › lease receiver behind a real sshd (forced command from routerctl render authorized-keys)', () => {
  it('system › the installed key line is the documented one', () => {
    expect(standby.keyLine).toMatch(new RegExp(`^command="${RECEIVER_BIN} --config ${standby.configFile}",restrict,from="127\\.0\\.0\\.1" ssh-ed25519 \\S+ routerd-testkit-root\\n$`));
  });

  it('system › a push is merged: live becomes the pushed file byte for byte while nothing changed locally (P1)', async () => {
    await writeFile(standby.source, A + B);
    const first = await standby.push();
    expect(first.code, first.stderr).toBe(0);
    expect(reportOf(first)).toEqual({ type: 'merged', leases: 2, taken: 2, kept: 0, changed: true, conflicts: [], conflictCount: 0 });
    expect(await standby.read(standby.live)).toBe(A + B);

    // The pusher releases A and grants C: the standby follows exactly, deletion included.
    await writeFile(standby.source, C + B);
    const second = await standby.push();
    expect(second.code, second.stderr).toBe(0);
    expect(reportOf(second)).toMatchObject({ type: 'merged', leases: 2, changed: true });
    expect(Buffer.compare(Buffer.from((await standby.read(standby.live)) ?? ''), Buffer.from(C + B))).toBe(0);
    expect(await standby.read(standby.inbox.base)).toBe(C + B);
  });

  it('system › a lease the standby granted itself survives the next push (P2)', async () => {
    await writeFile(standby.live, C + B + LOCAL);
    await writeFile(standby.source, C + B + A);
    const result = await standby.push();
    expect(result.code, result.stderr).toBe(0);
    expect(reportOf(result)).toMatchObject({ type: 'merged', leases: 4, taken: 3, kept: 1 });
    expect(await standby.read(standby.live)).toBe(C + B + A + LOCAL);
  });

  it("system › while the standby's DHCP server runs the push is refused: rsync exits non-zero, the reason line reaches it, the content waits in the inbox (P3)", async () => {
    const before = await standby.read(standby.live);
    await writeFile(standby.servingFlag, '');
    try {
      await writeFile(standby.source, A);
      const result = await standby.push();
      expect(result.code).toBe(1);
      expect(reportOf(result)).toEqual({
        type: 'refused',
        reason: 'SplitBrain',
        text: expect.stringContaining(`serves ${standby.live}: DHCPServerPromotion/lan-dhcp's check (test -e ${standby.servingFlag}) exits 0: its DHCP server runs; the push is kept in ${standby.inbox.incoming}`) as string,
      });
      expect(await standby.read(standby.live)).toBe(before);
      expect(await standby.read(standby.inbox.incoming)).toBe(A);

      // A handback while serving waits for the promoter: exit 0, "held".
      await writeFile(standby.source, A + C);
      const held = await standby.handback();
      expect(held.code, held.stderr).toBe(0);
      expect(reportOf(held)).toMatchObject({ type: 'held', text: expect.stringContaining(`the handback waits in ${standby.inbox.handback}`) as string });
      expect(await standby.read(standby.inbox.handback)).toBe(A + C);
      expect(await standby.read(standby.live)).toBe(before);
    } finally {
      await rm(standby.servingFlag, { force: true });
    }
  });

  it('system › a handback to a standby that does not serve is merged at once and removed', async () => {
    await writeFile(standby.live, C + B + LOCAL);
    await writeFile(standby.source, C + B + A);
    const result = await standby.handback();
    expect(result.code, result.stderr).toBe(0);
    expect(reportOf(result)).toMatchObject({ type: 'merged', kept: 1 });
    expect(await standby.read(standby.live)).toBe(C + B + A + LOCAL);
    expect(await standby.read(standby.inbox.handback)).toBeUndefined();
  });

  it('system › a pull gets the live file, and leaves it as it was', async () => {
    const into = join(standby.root, 'pulled');
    const live = await standby.read(standby.live);
    const result = await standby.pull(into);
    expect(result.code, result.stderr).toBe(0);
    expect(receiverLines(result)).toEqual([]);
    expect(await standby.read(into)).toBe(live);
    expect(await standby.read(standby.live)).toBe(live);
  });

  it.each([
    ['a refused option', (s: ReceiverStandby) => s.push(['--remove-source-files']), 'BadCommand', 'the option "--remove-source-files" is not accepted'],
    ["the old plan's mkdir -p", (s: ReceiverStandby) => s.push([`--rsync-path=mkdir -p '${join(s.root, 'standby', 'dnsmasq')}' && rsync`]), 'BadCommand', 'which rsync would have escaped'],
    ['a path outside the configuration', (s: ReceiverStandby) => s.rsync([s.source, `${s.sshd.host}:${join(s.root, 'elsewhere.leases')}`]), 'UnknownPath', 'is not a lease path of'],
  ])('system › %s: refused before any transfer, one line on the pushing rsync stderr, nothing written', async (_name, act, reason, text) => {
    await writeFile(standby.source, A);
    const before = await standby.read(standby.live);
    const result = await act(standby);
    // The receiver exits 1 before rsync's protocol starts, so the pushing rsync reports a protocol error (12).
    expect(result.code, result.stderr).toBe(12);
    expect(reportOf(result)).toMatchObject({ type: 'refused', reason, text: expect.stringContaining(text) as string });
    expect(await standby.read(standby.live)).toBe(before);
    expect(await standby.read(standby.source)).toBe(A);
  });

  it('system › a login or any other command through the key is refused the same way', async () => {
    for (const command of [undefined, 'id', 'rsync --server --daemon .']) {
      const result = await standby.ssh(command);
      expect(result.code, String(command)).toBe(1);
      expect(result.stdout).toBe('');
      expect(reportOf(result)).toMatchObject({ type: 'refused', reason: 'BadCommand' });
    }
  });
});
