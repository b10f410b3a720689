import { UsageError } from '@routerd/model';
import { describe, expect, it } from 'vitest';

import { DEFAULT_CONFIG_FILE, DEFAULT_NATS_URL, usage, type AgentFlags } from './flags.js';
import { parseAgentOptions, type AgentOptions } from './options.js';

const DIRS = { stateDir: '/var/lib/routerd', runtimeDir: '/run/routerd' };
const ran = (options: AgentOptions) => ({ type: 'run', options: { logLevel: 'info', ...options }, flags: {}, dirs: DIRS });
const run = (argv: string[], env: Record<string, string> = {}, hostname = 'r1.lan.example') => parseAgentOptions(argv, env, hostname);
const fails = (argv: string[], message: string, env: Record<string, string> = {}, hostname = 'r1.lan.example') => {
  expect(() => run(argv, env, hostname)).toThrow(UsageError);
  expect(() => run(argv, env, hostname)).toThrow(message);
};

describe('options', () => {
  it('options › defaults to the documented paths and the short host name', () => {
    expect(run([])).toEqual(ran({ config: DEFAULT_CONFIG_FILE, nats: DEFAULT_NATS_URL, node: 'r1' }));
    expect(DEFAULT_CONFIG_FILE).toBe('/usr/local/etc/routerd/router.yaml');
    expect(DEFAULT_NATS_URL).toBe('nats://127.0.0.1:4222');
  });

  it('options › reads the environment, and flags win over it', () => {
    const env = { ROUTERD_CONFIG: '/etc/env.yaml', ROUTERD_NATS_URL: 'nats://127.0.0.1:4333', ROUTERD_NODE: 'envnode' };
    expect(run([], env)).toEqual(ran({ config: '/etc/env.yaml', nats: 'nats://127.0.0.1:4333', node: 'envnode' }));
    expect(run(['--config', '/tmp/a.yaml', '--nats=tls://nats.lan:4222', '--node', 'flagnode'], env)).toEqual(ran({ config: '/tmp/a.yaml', nats: 'tls://nats.lan:4222', node: 'flagnode' }));
  });

  it('options › the NATS credential and server name: flag, then variable; the name defaults to routerd-<node> with a credential, else is unchecked', () => {
    const env = { ROUTERD_NATS_CREDS: '/etc/routerd/nats/syncer.nk', ROUTERD_NATS_SERVER_NAME: 'bus-env' };
    expect(run([], env)).toMatchObject({ options: { natsCreds: '/etc/routerd/nats/syncer.nk', natsServerName: 'bus-env' } });
    expect(run(['--nats-creds', '/c/s.nk', '--nats-server-name=bus-flag'], env)).toMatchObject({ options: { natsCreds: '/c/s.nk', natsServerName: 'bus-flag' } });
    expect(run(['--node', 'edge-2', '--nats-creds', '/c/s.nk'])).toMatchObject({ options: { natsCreds: '/c/s.nk', natsServerName: 'routerd-edge-2' } });
    expect(run(['--node', 'edge-2'], { ROUTERD_NATS_CREDS: '' })).toEqual(ran({ config: DEFAULT_CONFIG_FILE, nats: DEFAULT_NATS_URL, node: 'edge-2' }));
    expect(run(['--nats-server-name', 'bus-a'])).toMatchObject({ options: { natsServerName: 'bus-a' } });
    fails(['--nats-server-name', 'a.b'], '--nats-server-name: expected a server name of letters, digits, "_" and "-", found "a.b"');
    fails([], 'ROUTERD_NATS_SERVER_NAME: expected a server name', { ROUTERD_NATS_SERVER_NAME: 'x y' });
    fails(['--nats-creds'], '--nats-creds: expected a file, found the end of the arguments');
  });

  it('options › an empty environment variable counts as unset', () => {
    expect(run([], { ROUTERD_NODE: '', ROUTERD_CONFIG: '' })).toEqual(ran({ config: DEFAULT_CONFIG_FILE, nats: DEFAULT_NATS_URL, node: 'r1' }));
  });

  it('options › --help and -h ask for help wherever they appear', () => {
    expect(run(['--help'])).toEqual({ type: 'help' });
    expect(run(['--node', 'x', '-h'])).toEqual({ type: 'help' });
    expect(usage('syncer')).toContain('usage: syncer [--config FILE] [--nats URL] [--nats-creds FILE] [--nats-server-name NAME] [--node NAME]');
    expect(usage('syncer')).toContain('ROUTERD_NATS_URL');
  });

  it('options › refuses unknown flags and positional arguments', () => {
    fails(['--conf', 'x'], 'unknown option "--conf"; expected --config, --nats, --nats-creds, --nats-server-name, --node, --log-level or --help');
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

const OWN = {
  'pid-file': {
    placeholder: 'PATH',
    env: 'TEST_PIDFILE',
    help: 'a pid file',
    default: '/run/test.pid',
    expects: 'a path',
    check: (value) => (value.startsWith('/') ? undefined : `expected an absolute path, found ${JSON.stringify(value)}`),
  },
  zone: { placeholder: 'NAME', env: 'TEST_ZONE', help: 'a zone' },
} satisfies AgentFlags;

const own = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseAgentOptions(argv, env, 'r1', OWN);
  if (parsed.type !== 'run') throw new Error(`expected a run, found ${parsed.type}`);
  // Typed by the declaration: a flag with a default is a string.
  const pidFile: string = parsed.flags['pid-file'];
  return { ...parsed.flags, 'pid-file': pidFile };
};
const ownFails = (argv: string[], message: string, env: Record<string, string> = {}) => {
  expect(() => parseAgentOptions(argv, env, 'r1', OWN)).toThrow(UsageError);
  expect(() => parseAgentOptions(argv, env, 'r1', OWN)).toThrow(message);
};

describe('options › the log level', () => {
  it('options › --log-level or ROUTERD_LOG_LEVEL sets it, the flag wins, info by default', () => {
    expect(run([])).toMatchObject({ options: { logLevel: 'info' } });
    expect(run([], { ROUTERD_LOG_LEVEL: 'debug' })).toMatchObject({ options: { logLevel: 'debug' } });
    expect(run(['--log-level', 'warn'], { ROUTERD_LOG_LEVEL: 'debug' })).toMatchObject({ options: { logLevel: 'warn' } });
  });

  it('options › refuses a level pino does not have, naming the variable, the levels and what was found', () => {
    fails([], 'ROUTERD_LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, found "verbose"', { ROUTERD_LOG_LEVEL: 'verbose' });
    fails(['--log-level', 'DEBUG'], '--log-level: expected one of fatal, error, warn, info, debug, trace, found "DEBUG"');
  });
});

describe('options › an agent\'s own flags', () => {
  it('options › are parsed with the common ones, with their defaults, and handed over by name', () => {
    expect(parseAgentOptions(['--node', 'a', '--zone', 'lan', '--config=/c.yaml'], {}, 'r1', OWN)).toEqual({
      type: 'run',
      options: { config: '/c.yaml', nats: DEFAULT_NATS_URL, node: 'a', logLevel: 'info' },
      flags: { 'pid-file': '/run/test.pid', zone: 'lan' },
      dirs: DIRS,
    });
    expect(own([])).toEqual({ 'pid-file': '/run/test.pid', zone: undefined });
  });

  it('options › fall back to their variables; flags win; an empty variable counts as unset', () => {
    const env = { TEST_PIDFILE: '/run/env.pid', TEST_ZONE: 'env-zone' };
    expect(own([], env)).toEqual({ 'pid-file': '/run/env.pid', zone: 'env-zone' });
    expect(own(['--pid-file=/run/flag.pid', '--zone', 'flag-zone'], env)).toEqual({ 'pid-file': '/run/flag.pid', zone: 'flag-zone' });
    expect(own([], { TEST_PIDFILE: '', TEST_ZONE: '' })).toEqual({ 'pid-file': '/run/test.pid', zone: undefined });
  });

  it('options › a value that looks like a short option is the value, for the check to judge', () => {
    expect(own(['--zone', '-n'])).toMatchObject({ zone: '-n' });
    ownFails(['--pid-file', '-n'], '--pid-file: expected an absolute path, found "-n"');
  });

  it('options › refuse a missing, empty, repeated or invalid value, naming the flag or variable', () => {
    ownFails(['--pid-file'], '--pid-file: expected a path, found the end of the arguments');
    ownFails(['--pid-file', '--zone', 'x'], '--pid-file: expected a path, found "--zone"');
    ownFails(['--zone'], '--zone: expected a value, found the end of the arguments');
    ownFails(['--zone='], '--zone: expected a value, found an empty string');
    ownFails(['--pid-file=run/x.pid'], '--pid-file: expected an absolute path, found "run/x.pid"');
    ownFails([], 'TEST_PIDFILE: expected an absolute path, found "x.pid"', { TEST_PIDFILE: 'x.pid' });
    ownFails(['--zone=a', '--zone', 'b'], '--zone: given twice ("a" and "b")');
  });

  it('options › an unknown flag lists every flag the agent takes', () => {
    ownFails(['--zones', 'x'], 'unknown option "--zones"; expected --config, --nats, --nats-creds, --nats-server-name, --node, --log-level, --pid-file, --zone or --help');
  });

  it('options › --help wins over the own flags; "-hx" is one unknown option, not -h', () => {
    expect(parseAgentOptions(['--zone', 'a', '--help'], {}, 'r1', OWN)).toEqual({ type: 'help' });
    ownFails(['-hx'], 'unknown option "-hx"');
    ownFails(['--', '--zone', 'a'], 'unknown option "--"');
  });

  it('options › an agent cannot declare a flag the bootstrap takes', () => {
    const config = { placeholder: 'FILE', env: 'X', help: 'x' };
    expect(() => parseAgentOptions([], {}, 'r1', { config })).toThrow(new TypeError('agent flag --config: expected a name the bootstrap does not take already, found one it does'));
    expect(() => parseAgentOptions([], {}, 'r1', { help: config })).toThrow(TypeError);
  });
});

describe('options › directories', () => {
  it('options › ROUTERD_STATE_DIR and ROUTERD_RUNTIME_DIR are read here, once, for the context', () => {
    const parsed = parseAgentOptions([], { ROUTERD_STATE_DIR: '/tmp/lab/state/', ROUTERD_RUNTIME_DIR: '/tmp/lab/run' }, 'r1');
    expect(parsed).toMatchObject({ type: 'run', dirs: { stateDir: '/tmp/lab/state', runtimeDir: '/tmp/lab/run' } });
  });

  it('options › a relative directory is a usage error that names the variable', () => {
    fails([], 'ROUTERD_RUNTIME_DIR must be an absolute path, found "run"', { ROUTERD_RUNTIME_DIR: 'run' });
  });
});
