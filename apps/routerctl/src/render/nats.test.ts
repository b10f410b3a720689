import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUS_IDENTITIES } from '@routerd/bus';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIo } from '../testing/memory-io.js';
import { TEST_SEEDS } from './nats-test-seeds.js';

let dir: string;

async function run(argv: string[]) {
  const io = memoryIo({ cwd: dir, env: {} });
  const code = await runCli(['render', 'nats', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

async function mode(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

async function writeSeeds(creds: string): Promise<void> {
  for (const identity of BUS_IDENTITIES) await writeFile(join(creds, `${identity}.nk`), `${TEST_SEEDS[identity]}\n`, { mode: 0o600 });
}

describe('routerctl render nats', () => {
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'routerd-render-nats-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('render nats › reuses the credentials it finds and prints the configuration matching them (golden)', async () => {
    const { code: first } = await run(['--creds-dir', 'creds', '--node', 'r1']);
    expect(first).toBe(0);
    await writeSeeds(join(dir, 'creds'));
    const { code, out, err } = await run(['--creds-dir', 'creds', '--node', 'r1']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    await expect(out).toMatchFileSnapshot('../__golden__/nats-server-r1.conf');
  });

  it('render nats › writes one 0600 seed file per identity into a 0700 directory, and renders the same again', async () => {
    const creds = join(dir, 'creds');
    const first = await run(['--creds-dir', creds, '--node', 'r1', '--listen', '127.0.0.1:14222', '--server-name', 'bus-r1']);
    expect(first.code).toBe(0);
    expect(first.err.split('\n').filter(Boolean)).toEqual(BUS_IDENTITIES.map((identity) => `wrote ${join(creds, `${identity}.nk`)} (mode 0600)`));
    expect(await mode(creds)).toBe(0o700);
    for (const identity of BUS_IDENTITIES) {
      const file = join(creds, `${identity}.nk`);
      expect(await mode(file)).toBe(0o600);
      expect(await readFile(file, 'utf8')).toMatch(/^SU[A-Z2-7]{56}\n$/);
    }
    expect(first.out).toContain('server_name: "bus-r1"\nlisten: "127.0.0.1:14222"\n');
    expect(first.out.match(/nkey: "U[A-Z2-7]{55}"/g)).toHaveLength(BUS_IDENTITIES.length);
    const second = await run(['--creds-dir', creds, '--node', 'r1', '--listen', '127.0.0.1:14222', '--server-name', 'bus-r1']);
    expect(second).toEqual({ code: 0, out: first.out, err: '' });
  });

  it('render nats › an existing file it cannot reuse is exit 2 naming it and --force, and stays as it was', async () => {
    const creds = join(dir, 'creds');
    expect((await run(['--creds-dir', creds, '--node', 'r1'])).code).toBe(0);
    const syncer = join(creds, 'syncer.nk');
    await writeFile(syncer, 'not a seed\n');
    const garbage = await run(['--creds-dir', creds, '--node', 'r1']);
    expect(garbage).toMatchObject({ code: 2, out: '' });
    expect(garbage.err).toBe(`routerctl: NATS credential ${syncer}: expected one nkey user seed ("SU" and 56 base32 characters), found 10 characters that are not one; remove it or pass --force to replace every credential\n`);
    expect(await readFile(syncer, 'utf8')).toBe('not a seed\n');

    await writeFile(syncer, `${TEST_SEEDS.syncer}\n`, { mode: 0o644 });
    await chmod(syncer, 0o644);
    const open = await run(['--creds-dir', creds, '--node', 'r1']);
    expect(open.code).toBe(2);
    expect(open.err).toBe(`routerctl: ${syncer} is readable or writable by others (mode 0644), so its seed may have leaked; remove it or pass --force to replace every credential\n`);
    expect(await mode(syncer)).toBe(0o644);
  });

  it('render nats › --force replaces every credential with a new key, mode 0600', async () => {
    const creds = join(dir, 'creds');
    const first = await run(['--creds-dir', creds, '--node', 'r1']);
    await writeFile(join(creds, 'syncer.nk'), 'junk\n', { mode: 0o666 });
    const forced = await run(['--creds-dir', creds, '--node', 'r1', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.err.split('\n').filter(Boolean)).toHaveLength(BUS_IDENTITIES.length);
    expect(forced.out).not.toBe(first.out);
    for (const identity of BUS_IDENTITIES) expect(await mode(join(creds, `${identity}.nk`))).toBe(0o600);
    expect(await readFile(join(creds, 'syncer.nk'), 'utf8')).toMatch(/^SU[A-Z2-7]{56}\n$/);
  });

  it('render nats › bad flags are exit 2 naming the flag, the expectation and what was found', async () => {
    expect((await run(['--node', 'r1'])).err).toBe('routerctl render: nats: expected --creds-dir DIR, the directory of the credential files (e.g. /usr/local/etc/routerd/nats)\nRun "routerctl render --help" for usage.\n');
    const wide = await run(['--creds-dir', 'c', '--node', 'r1', '--listen', '0.0.0.0:4222']);
    expect(wide.code).toBe(2);
    expect(wide.err).toContain('expected --listen to be a loopback address and port like 127.0.0.1:4222 or [::1]:4222, found "0.0.0.0:4222"');
    expect((await run(['--creds-dir', 'c', '--node', 'r1', '--listen', '[::1]:4222'])).code).toBe(0);
    expect((await run(['--creds-dir', 'c', '--node', 'r1', '--server-name', 'a b'])).err).toContain('expected --server-name to be letters, digits, "_" and "-", found "a b"');
    expect((await run(['--creds-dir', 'c', '--node', 'r1.lan'])).err).toContain('--node: expected a node name');
    expect((await run(['--creds-dir', 'c', '--node', 'r1', '-f', 'x.yaml'])).err).toContain('-f/--file does not apply to nats');
    const io = memoryIo({ cwd: dir });
    expect(await runCli(['render', 'dnsmasq', '--force'], io)).toBe(2);
    expect(io.err()).toContain('--force applies to nats only');
  });
});
