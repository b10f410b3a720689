import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIo } from '../testing/memory-io.js';
import { REPO_ROOT, repoFiles } from '../testing/repo-files.js';

const KEY_FILE = 'apps/routerctl/test-fixtures/router-a_id_ed25519.pub';

async function run(argv: string[], env: Record<string, string> = {}) {
  const io = memoryIo({ cwd: REPO_ROOT, env, files: repoFiles(KEY_FILE) });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('routerctl render authorized-keys', () => {
  it('render › authorized-keys from a key file matches the golden line', async () => {
    const { code, out, err } = await run(['render', 'authorized-keys', '--peer', '192.0.2.2', '--key', KEY_FILE]);
    expect(err).toBe('');
    expect(code).toBe(0);
    await expect(out).toMatchFileSnapshot('../__golden__/authorized-keys.txt');
  });

  it('render › the key line given inline, the config from ROUTERD_CONFIG, a receiver path and a state dir', async () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII1MQuWNeqZprXi3xrHP/EOnMz+sASAI/I+elc8gqfUZ routerd@router-a';
    const { code, out } = await run(
      ['render', 'authorized-keys', '--peer', '2001:db8::2', '--peer', '192.0.2.2', '--public-key', key, '--receiver', '/opt/rd/receiver', '--state-dir', '/srv/state'],
      { ROUTERD_CONFIG: '/etc/routerd/router.yaml' },
    );
    expect(code).toBe(0);
    expect(out).toBe(`command="/opt/rd/receiver --config /etc/routerd/router.yaml --state-dir /srv/state",restrict,from="2001:db8::2,192.0.2.2" ${key}\n`);
  });

  it.each([
    [['render', 'authorized-keys', '--peer', '192.0.2.2'], 'routerctl render: authorized-keys: expected exactly one of --key FILE and --public-key LINE'],
    [['render', 'authorized-keys', '--peer', '192.0.2.2', '--key', KEY_FILE, '--public-key', 'x'], 'routerctl render: authorized-keys: expected exactly one of --key FILE and --public-key LINE'],
    [['render', 'authorized-keys', '--key', KEY_FILE], 'routerctl render: expected --peer with the address the peer connects from'],
    [['render', 'authorized-keys', '--peer', 'peer.example', '--key', KEY_FILE], 'routerctl render: expected --peer to be the peer\'s IPv4 or IPv6 address'],
    [['render', '-f', 'a.yaml', 'authorized-keys', '--peer', '192.0.2.2', '--key', KEY_FILE], 'routerctl render: -f/--file does not apply to authorized-keys (it reads no configuration)'],
    [['render', '-f', 'a.yaml', 'dnsmasq', '--peer', '192.0.2.2'], 'routerctl render: --peer applies to authorized-keys only'],
    [['render', 'authorized-keys', '--peer', '192.0.2.2', '--public-key', 'restrict ssh-ed25519 AAAA'], 'routerctl render: --public-key: expected a public key line starting with its type'],
  ])('render › usage error %j', async (argv, message) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n')[0]?.startsWith(message), err).toBe(true);
  });

  it('render › an unreadable key file is named', async () => {
    const { code, err } = await run(['render', 'authorized-keys', '--peer', '192.0.2.2', '--key', 'missing.pub']);
    expect(code).toBe(2);
    expect(err).toBe('routerctl: cannot read the public key missing.pub: no such file or directory (ENOENT)\n');
  });

  it('render › --help shows the authorized-keys usage', async () => {
    const { out } = await run(['render', '--help']);
    expect(out).toContain('routerctl render authorized-keys --peer ADDRESS (--key FILE | --public-key LINE) [--config PATH]');
  });
});
