import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { memoryIo } from './testing/memory-io.js';
import { EXIT_CODES } from './exit-codes.js';
import { VERSION } from './version.js';

async function run(argv: string[]) {
  const io = memoryIo({ files: { '/work/a.yaml': '[]\n' }, env: { ROUTERD_CONFIG: '/none.yaml' } });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('routerctl', () => {
  it('cli › prints help with --help and -h', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, out, err } = await run([flag]);
      expect(code).toBe(0);
      expect(out).toContain('Usage: routerctl COMMAND');
      expect(out).toMatch(/validate .*\n.*plan .*\n.*render /);
      expect(err).toBe('');
    }
  });

  it('cli › prints the version with --version and version, as data with -o', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: `routerctl ${VERSION}\n`, err: '' });
    expect(await run(['version'])).toEqual({ code: 0, out: `routerctl ${VERSION}\n`, err: '' });
    expect(JSON.parse((await run(['version', '-o', 'json'])).out)).toEqual({ name: 'routerctl', version: VERSION });
    expect((await run(['version', '-o', 'yaml'])).out).toBe(`name: routerctl\nversion: ${VERSION}\n`);
  });

  it('cli › --help prints the exit-code table defined in exit-codes.ts', async () => {
    const { out } = await run(['--help']);
    for (const [code, meaning] of EXIT_CODES) expect(out).toContain(`${String(code).padStart(3)}  ${meaning}\n`);
    expect(out).toMatch(/ 3 {2}NATS unreachable/);
  });

  it('cli › without a command, prints help on stderr and exits 2', async () => {
    const { code, out, err } = await run([]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('Usage: routerctl COMMAND');
  });

  it('cli › names an unknown command', async () => {
    const { code, err } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toBe(
      'routerctl: unknown command "frobnicate": expected one of validate, plan, render, describe, get, events, check, version, completion\nRun "routerctl --help" for usage.\n',
    );
  });

  it('cli › names an unknown top-level flag', async () => {
    const { code, err } = await run(['--verbose']);
    expect(code).toBe(2);
    expect(err).toContain('routerctl: unknown option "--verbose"');
  });

  it.each(['validate', 'plan', 'render'])('cli › %s --help and -h print its usage', async (command) => {
    for (const flag of ['--help', '-h']) {
      const { code, out, err } = await run([command, flag]);
      expect(code).toBe(0);
      expect(out).toContain(`Usage: routerctl ${command} -f FILE|-`);
      expect(err).toBe('');
    }
    expect((await run(['help', command])).out).toContain(`Usage: routerctl ${command}`);
  });

  it.each([
    [['validate', '--bogus', '-f', 'a.yaml'], 'routerctl validate: unknown option "--bogus"'],
    [['plan', '-x'], 'routerctl plan: unknown option "-x"'],
    [['render', '--verbose', 'dnsmasq'], 'routerctl render: unknown option "--verbose"'],
    [['validate'], 'routerctl validate: missing required option -f/--file'],
    [['plan', '--replace'], 'routerctl plan: missing required option -f/--file'],
    [['render', 'dnsmasq'], 'routerctl render: missing required option -f/--file'],
    [['validate', '-f'], 'routerctl validate: option -f, --file expects a value, found none'],
    [['plan', '-f', 'a.yaml', '--config'], 'routerctl plan: option --config expects a value, found none'],
    [['validate', '-f', 'a.yaml', 'extra'], 'routerctl validate: unexpected argument "extra"'],
    [['validate', '-f', 'a.yaml', '-o', 'text'], 'routerctl validate: expected -o/--output to be one of table, json, yaml, found "text"'],
    [['validate', '-f', 'a.yaml', '-o', 'wide'], 'routerctl validate: expected -o/--output to be one of table, json, yaml, found "wide", which validate does not support'],
    [['plan', '-f', 'a.yaml', '-o', 'xml'], 'routerctl plan: expected -o/--output to be one of table, json, yaml, found "xml"'],
    [['get', 'vips', '-o', 'name'], 'routerctl get: expected -o/--output to be one of table, wide, json, yaml, found "name"'],
    [['version', '-o', 'wide'], 'routerctl version: expected -o/--output to be one of table, json, yaml, found "wide", which version does not support'],
    [['completion'], 'routerctl completion: missing the shell: expected bash or zsh'],
    [['completion', 'fish'], 'routerctl completion: expected the shell to be one of bash, zsh, found "fish"'],
    [['check', '--skip', 'lease-watcher'], 'routerctl check: expected --skip to be one of vip-watcher, syncer, dhcp-promoter, found "lease-watcher"'],
    [['help', 'frobnicate'], 'routerctl: unknown command "frobnicate": expected one of validate, plan, render, describe, get, events, check, version, completion'],
    [['render', '-f', 'a.yaml'], 'routerctl render: missing what to render: expected dnsmasq, keepalived, authorized-keys or nats'],
    [['render', '-f', 'a.yaml', 'bind'], 'routerctl render: unknown render target "bind": expected dnsmasq, keepalived, authorized-keys or nats'],
    [['render', '-f', 'a.yaml', 'dnsmasq', 'keepalived'], 'routerctl render: unexpected argument "keepalived"'],
    [['render', '-f', 'a.yaml', 'dnsmasq', '--notify-fifo', '/run/k.fifo'], 'routerctl render: --notify-fifo applies to keepalived only'],
    [
      ['render', '-f', 'a.yaml', 'keepalived', '--notify-fifo', 'k.fifo'],
      'routerctl render: expected --notify-fifo to be an absolute path without whitespace, quotes, "#" or "!", found "k.fifo"',
    ],
  ])('cli › usage error %j', async (argv, message) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n')[0]).toBe(message);
    expect(err).toContain(`Run "routerctl${argv[0] === 'help' ? '' : ` ${argv[0] ?? ''}`} --help" for usage.`);
  });
});
