import { describe, expect, it } from 'vitest';
import { parseReceiverArgs, USAGE } from './options.js';
import { receiverMain } from './receiver-main.js';

describe('lease receiver › command line', () => {
  it('lease receiver › --config, --state-dir and --node, else the environment, else the defaults', () => {
    expect(parseReceiverArgs(['--config', '/etc/r.yaml', '--state-dir', '/srv/state', '--node', 'router-b'], {}, 'host.example')).toEqual({
      type: 'run',
      configFile: '/etc/r.yaml',
      dirs: { stateDir: '/srv/state', runtimeDir: '/run/routerd' },
      node: 'router-b',
    });
    expect(parseReceiverArgs([], { ROUTERD_CONFIG: '/e.yaml', ROUTERD_STATE_DIR: '/s', ROUTERD_NODE: 'n' }, 'h')).toMatchObject({ configFile: '/e.yaml', dirs: { stateDir: '/s' }, node: 'n' });
    expect(parseReceiverArgs([], {}, 'router-b.lan.example')).toMatchObject({ configFile: '/usr/local/etc/routerd/router.yaml', dirs: { stateDir: '/var/lib/routerd' }, node: 'router-b' });
  });

  it.each([
    [['--config', 'router.yaml'], '--config: expected an absolute path, found "router.yaml"'],
    [['--state-dir', 'state'], '--state-dir must be an absolute path, found "state"'],
    [['--verbose'], "Unknown option '--verbose'"],
    [['extra'], "Unexpected argument 'extra'"],
  ])('lease receiver › %j is a usage problem', (argv, problem) => {
    const parsed = parseReceiverArgs(argv, {}, 'h');
    expect(parsed.type).toBe('usage');
    if (parsed.type === 'usage') expect(parsed.problem).toContain(problem);
  });

  it('lease receiver › a bad command line in authorized_keys reaches the peer as one refusal line, exit 1; --help prints the usage', async () => {
    let out = '';
    let err = '';
    const io = { env: {}, hostname: 'h', stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } };
    expect(await receiverMain({ ...io, argv: ['--config', 'x.yaml'] })).toBe(1);
    expect(err).toBe('routerd-lease-receiver: refused Failed: routerd-lease-receiver is installed with a bad command line: --config: expected an absolute path, found "x.yaml"\n');
    expect(await receiverMain({ ...io, argv: ['--help'] })).toBe(0);
    expect(out).toBe(USAGE);
  });
});
