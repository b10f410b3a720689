import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { agentMain, type AgentMainIO } from './agent-main.js';

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

describe('agentMain', () => {
  it('agentMain › --help prints the usage on stdout and exits 0', async () => {
    const { value, out, err } = io(['--help']);
    await expect(agentMain('syncer', start, value)).resolves.toBe(0);
    expect(out.join('')).toContain('usage: syncer [--config FILE] [--nats URL] [--node NAME]');
    expect(err).toEqual([]);
  });

  it('agentMain › a usage error prints the message and the usage on stderr and exits 2', async () => {
    const { value, out, err } = io(['--bogus']);
    await expect(agentMain('syncer', start, value)).resolves.toBe(2);
    expect(err.join('')).toMatch(/^syncer: unknown option "--bogus"; expected --config, --nats, --node or --help\n\nusage: syncer/);
    expect(out).toEqual([]);
  });

  it('agentMain › an unreadable configuration is logged as JSON with agent and node, exit 1', async () => {
    const { value, logs } = io(['--config', '/nonexistent/routerd/router.yaml', '--node', 'edge-1']);
    await expect(agentMain('syncer', start, value)).resolves.toBe(1);
    expect(logs.at(-1)).toMatchObject({
      level: 'error',
      agent: 'syncer',
      node: 'edge-1',
      msg: 'cannot read configuration file "/nonexistent/routerd/router.yaml": ENOENT: no such file or directory, open \'/nonexistent/routerd/router.yaml\'; not starting',
    });
  });
});
