import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { agentMain, type AgentMainIO } from './agent-main.js';
import { usage, type AgentFlags } from './flags.js';

function io(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const value: AgentMainIO = {
    argv,
    env,
    hostname: 'r1.lan.example',
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    signals: new EventEmitter(),
    logDestination: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
  };
  return { value, out, err, logs };
}

const start = () => ({ reload: async () => {}, stop: async () => {} });
const FIFO = { fifo: { placeholder: 'PATH', env: 'TEST_FIFO', help: 'a FIFO', expects: 'a path' } } satisfies AgentFlags;

describe('agentMain', () => {
  it('agentMain › --help prints the usage on stdout and exits 0', async () => {
    const { value, out, err } = io(['--help']);
    await expect(agentMain({ name: 'syncer', start }, value)).resolves.toBe(0);
    expect(out.join('')).toContain('usage: syncer [--config FILE] [--nats URL] [--nats-creds FILE] [--nats-server-name NAME] [--node NAME]');
    expect(err).toEqual([]);
  });

  it('agentMain › a usage error prints the message and the usage on stderr and exits 2', async () => {
    const { value, out, err } = io(['--bogus']);
    await expect(agentMain({ name: 'syncer', start }, value)).resolves.toBe(2);
    expect(err.join('')).toMatch(/^syncer: unknown option "--bogus"; expected --config, --nats, --nats-creds, --nats-server-name, --node, --log-level or --help\n\nusage: syncer/);
    expect(out).toEqual([]);
  });

  it('agentMain › an unreadable configuration is logged as JSON with agent and node, exit 2 (no restart loop: RestartPreventExitStatus=2)', async () => {
    const { value, logs } = io(['--config', '/nonexistent/routerd/router.yaml', '--node', 'edge-1']);
    await expect(agentMain({ name: 'syncer', start }, value)).resolves.toBe(2);
    expect(logs.at(-1)).toMatchObject({
      level: 'error',
      agent: 'syncer',
      node: 'edge-1',
      msg: 'cannot read configuration file "/nonexistent/routerd/router.yaml": ENOENT: no such file or directory, open \'/nonexistent/routerd/router.yaml\'; not starting',
    });
  });

  it('agentMain › a NATS credential that cannot be read is exit 2 naming the file and the fix', async () => {
    const { value, err, logs } = io(['--node', 'r1'], { ROUTERD_NATS_CREDS: '/nonexistent/routerd/nats/syncer.nk' });
    await expect(agentMain({ name: 'syncer', start }, value)).resolves.toBe(2);
    expect(err.join('')).toBe('syncer: cannot read the NATS credential /nonexistent/routerd/nats/syncer.nk: no such file; render it with `routerctl render nats --creds-dir /nonexistent/routerd/nats` (docs/operations.md, "NATS")\n');
    expect(logs).toEqual([]);
  });

  it('agentMain › --help prints the agent\'s own flags too', async () => {
    const { value, out } = io(['-h']);
    await expect(agentMain({ name: 'routerd-test', flags: FIFO, start }, value)).resolves.toBe(0);
    expect(out.join('')).toBe(usage('routerd-test', FIFO));
    expect(out.join('')).toContain('--fifo PATH');
  });

  it('agentMain › a bad value of the agent\'s own flag or of a directory variable is a usage error, exit 2', async () => {
    const flag = io(['--fifo']);
    await expect(agentMain({ name: 'routerd-test', flags: FIFO, start }, flag.value)).resolves.toBe(2);
    expect(flag.err.join('')).toBe(`routerd-test: --fifo: expected a path, found the end of the arguments\n\n${usage('routerd-test', FIFO)}`);
    const dir = io([], { ROUTERD_STATE_DIR: 'state' });
    await expect(agentMain({ name: 'syncer', start }, dir.value)).resolves.toBe(2);
    expect(dir.err.join('')).toMatch(/^syncer: ROUTERD_STATE_DIR must be an absolute path, found "state"\n\nusage: syncer /);
  });
});
