import { describe, expect, it } from 'vitest';
import { COMMON_FLAGS, flagValueProblem, usage, type AgentFlags } from './flags.js';

const OWN = {
  'pid-file': { placeholder: 'PATH', env: 'TEST_PIDFILE', help: 'a pid file', default: '/run/test.pid' },
  zone: { placeholder: 'NAME', env: 'TEST_ZONE', help: 'observe zone NAME,\nover two lines', defaultHelp: 'the whole host' },
  fifo: { placeholder: 'PATH', env: 'TEST_FIFO', help: 'a FIFO' },
} satisfies AgentFlags;

describe('flags', () => {
  it('flags › the usage of an agent without flags of its own lists the common flags and the directories', () => {
    expect(usage('routerd-syncer')).toBe(
      [
        'usage: routerd-syncer [--config FILE] [--nats URL] [--nats-creds FILE] [--nats-server-name NAME] [--node NAME] [--log-level LEVEL]',
        '',
        '  --config FILE            configuration file (env ROUTERD_CONFIG, default /usr/local/etc/routerd/router.yaml)',
        '  --nats URL               NATS server (env ROUTERD_NATS_URL, default nats://127.0.0.1:4222)',
        "  --nats-creds FILE        this agent's NATS credential, the nkey seed file",
        '                           `routerctl render nats` wrote for it (env ROUTERD_NATS_CREDS, default none: connects without one)',
        '  --nats-server-name NAME  the server_name its NATS server must have; it',
        '                           refuses any other server (env ROUTERD_NATS_SERVER_NAME, default routerd-NODE with --nats-creds, else unchecked)',
        '  --node NAME              node name used in subjects (env ROUTERD_NODE, default the short host name)',
        '  --log-level LEVEL        the least severe level logged: fatal, error, warn, info, debug, trace (env ROUTERD_LOG_LEVEL, default info)',
        '  --help                   print this help',
        '',
        'environment:',
        '  ROUTERD_STATE_DIR    state directory (default /var/lib/routerd)',
        '  ROUTERD_RUNTIME_DIR  runtime directory (default /run/routerd)',
        '',
      ].join('\n'),
    );
  });

  it('flags › the usage lists the agent\'s own flags after the common ones, with their variables and defaults', () => {
    const text = usage('routerd-test', OWN);
    expect(text).toContain('usage: routerd-test [--config FILE] [--nats URL] [--nats-creds FILE] [--nats-server-name NAME] [--node NAME] [--log-level LEVEL] [--pid-file PATH] [--zone NAME] [--fifo PATH]\n');
    expect(text).toContain('\n  --config FILE            configuration file');
    expect(text).toContain('\n  --pid-file PATH          a pid file (env TEST_PIDFILE, default /run/test.pid)\n');
    expect(text).toContain('\n  --zone NAME              observe zone NAME,\n                           over two lines (env TEST_ZONE, default the whole host)\n');
    expect(text).toContain('\n  --fifo PATH              a FIFO (env TEST_FIFO, default none)\n');
  });

  it('flags › a value without a check only has to be non-empty; a check sees the empty value itself', () => {
    expect(flagValueProblem(OWN.fifo, '')).toBe('expected a value, found an empty string');
    expect(flagValueProblem(OWN.fifo, 'anything')).toBeUndefined();
    expect(flagValueProblem({ ...OWN.fifo, check: (v) => `expected more, found ${JSON.stringify(v)}` }, '')).toBe('expected more, found ""');
    expect(flagValueProblem(COMMON_FLAGS.nats, '')).toBe('expected a value, found an empty string');
    expect(flagValueProblem(COMMON_FLAGS.node, '')).toBe('expected a value, found an empty string');
  });
});
