import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { DEFAULT_CONFIG_FILE, DEFAULT_NATS_URL, parseAgentOptions, usage } from './options.js';

const run = (argv: string[], env: Record<string, string> = {}, hostname = 'r1.lan.example') => parseAgentOptions(argv, env, hostname);
const fails = (argv: string[], message: string, env: Record<string, string> = {}, hostname = 'r1.lan.example') => {
  expect(() => run(argv, env, hostname)).toThrow(UsageError);
  expect(() => run(argv, env, hostname)).toThrow(message);
};

describe('options', () => {
  it('options › defaults to the documented paths and the short host name', () => {
    expect(run([])).toEqual({ type: 'run', options: { config: DEFAULT_CONFIG_FILE, nats: DEFAULT_NATS_URL, node: 'r1' } });
    expect(DEFAULT_CONFIG_FILE).toBe('/usr/local/etc/routerd/router.yaml');
    expect(DEFAULT_NATS_URL).toBe('nats://127.0.0.1:4222');
  });

  it('options › reads the environment, and flags win over it', () => {
    const env = { ROUTERD_CONFIG: '/etc/env.yaml', ROUTERD_NATS_URL: 'nats://127.0.0.1:4333', ROUTERD_NODE: 'envnode' };
    expect(run([], env)).toEqual({ type: 'run', options: { config: '/etc/env.yaml', nats: 'nats://127.0.0.1:4333', node: 'envnode' } });
    expect(run(['--config', '/tmp/a.yaml', '--nats=tls://nats.lan:4222', '--node', 'flagnode'], env)).toEqual({
      type: 'run',
      options: { config: '/tmp/a.yaml', nats: 'tls://nats.lan:4222', node: 'flagnode' },
    });
  });

  it('options › an empty environment variable counts as unset', () => {
    expect(run([], { ROUTERD_NODE: '', ROUTERD_CONFIG: '' })).toEqual({ type: 'run', options: { config: DEFAULT_CONFIG_FILE, nats: DEFAULT_NATS_URL, node: 'r1' } });
  });

  it('options › --help and -h ask for help wherever they appear', () => {
    expect(run(['--help'])).toEqual({ type: 'help' });
    expect(run(['--node', 'x', '-h'])).toEqual({ type: 'help' });
    expect(usage('syncer')).toContain('usage: syncer [--config FILE] [--nats URL] [--node NAME]');
    expect(usage('syncer')).toContain('ROUTERD_NATS_URL');
  });

  it('options › refuses unknown flags and positional arguments', () => {
    fails(['--conf', 'x'], 'unknown option "--conf"; expected --config, --nats, --node or --help');
    fails(['-c', 'x'], 'unknown option "-c"');
    fails(['--verbose=1'], 'unknown option "--verbose"');
    fails(['router.yaml'], 'unexpected argument "router.yaml"; this command takes options only');
  });

  it('options › refuses a flag without a value', () => {
    fails(['--config'], '--config: expected a value, found the end of the arguments');
    fails(['--config', '--node', 'x'], '--config: expected a value, found "--node"');
    fails(['--nats='], '--nats: expected a value, found an empty string');
    fails(['--node', ''], '--node: expected a value, found an empty string');
  });

  it('options › refuses a flag given twice', () => {
    fails(['--node', 'a', '--node=b'], '--node: given twice ("a" and "b")');
  });

  it('options › refuses a node that cannot be a subject token, naming where it came from', () => {
    fails(['--node', 'r1.lan'], '--node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "r1.lan"');
    fails([], 'ROUTERD_NODE: expected a node name', { ROUTERD_NODE: 'a b' });
    fails([], 'node (the short host name of "rôuter.lan"; pass --node): expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "rôuter"', {}, 'rôuter.lan');
    fails([], 'found ""', {}, '');
  });

  it('options › refuses a NATS URL that is not one', () => {
    fails(['--nats', '127.0.0.1:4222'], '--nats: expected a NATS URL like nats://127.0.0.1:4222, found "127.0.0.1:4222"');
    fails(['--nats', 'http://127.0.0.1:4222'], 'found "http://127.0.0.1:4222"');
    fails([], 'ROUTERD_NATS_URL: expected a NATS URL', { ROUTERD_NATS_URL: 'nonsense' });
  });
});
