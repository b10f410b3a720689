import { UsageError } from '@routerd/model';
import { parseAgentOptions, usage } from '@routerd/agent';
import { describe, expect, it } from 'vitest';
import { ipCommandFor, VIP_WATCHER_FLAGS } from './options.js';

const parse = (argv: string[], env: Record<string, string> = {}) => parseAgentOptions(argv, env, 'r1', VIP_WATCHER_FLAGS);
const flags = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parse(argv, env);
  if (parsed.type !== 'run') throw new Error(`expected a run, found ${parsed.type}`);
  return parsed.flags;
};
const fails = (argv: string[], message: string, env: Record<string, string> = {}) => {
  expect(() => parse(argv, env)).toThrow(UsageError);
  expect(() => parse(argv, env)).toThrow(message);
};

describe('vip-watcher › options', () => {
  it('vip-watcher › defaults: no FIFO, /run/keepalived.pid; the common flags are parsed alongside', () => {
    expect(parse(['--config', '/etc/r.yaml', '--node=r1'])).toMatchObject({
      type: 'run',
      options: { config: '/etc/r.yaml', node: 'r1' },
      flags: { 'notify-fifo': undefined, 'keepalived-pidfile': '/run/keepalived.pid', netns: undefined },
    });
  });

  it('vip-watcher › flags win over the environment', () => {
    const env = { ROUTERD_KEEPALIVED_NOTIFY_FIFO: '/run/env.fifo', ROUTERD_KEEPALIVED_PIDFILE: '/run/env.pid' };
    expect(flags([], env)).toEqual({ 'notify-fifo': '/run/env.fifo', 'keepalived-pidfile': '/run/env.pid', netns: undefined });
    expect(flags(['--notify-fifo', '/run/a.fifo', '--keepalived-pidfile=/run/a.pid'], env)).toEqual({ 'notify-fifo': '/run/a.fifo', 'keepalived-pidfile': '/run/a.pid', netns: undefined });
    expect(parse(['--notify-fifo', '/run/a.fifo', '--keepalived-pidfile=/run/a.pid', '--help'], env)).toEqual({ type: 'help' });
    expect(flags([], { ROUTERD_KEEPALIVED_NOTIFY_FIFO: '' })['notify-fifo']).toBeUndefined();
  });

  it('vip-watcher › bad values name the flag or variable and what was found', () => {
    fails(['--notify-fifo'], '--notify-fifo: expected a path, found the end of the arguments');
    fails(['--notify-fifo', '--node'], '--notify-fifo: expected a path, found "--node"');
    fails(['--keepalived-pidfile=run/k.pid'], '--keepalived-pidfile: expected an absolute path without newlines, found "run/k.pid"');
    fails([], 'ROUTERD_KEEPALIVED_PIDFILE: expected an absolute path without newlines, found "k.pid"', { ROUTERD_KEEPALIVED_PIDFILE: 'k.pid' });
    fails(['--notify-fifo=/a', '--notify-fifo=/b'], '--notify-fifo: given twice ("/a" and "/b")');
  });

  it('vip-watcher › --netns NAME (or ROUTERD_VIP_NETNS) observes that namespace through `ip -n NAME`', () => {
    expect(flags(['--node', 'r1']).netns).toBeUndefined();
    expect(flags(['--netns', 'vrf-lan.1_a', '--node', 'r1'])).toEqual({ 'notify-fifo': undefined, 'keepalived-pidfile': '/run/keepalived.pid', netns: 'vrf-lan.1_a' });
    expect(flags(['--netns=flag-ns'], { ROUTERD_VIP_NETNS: 'env-ns' }).netns).toBe('flag-ns');
    expect(flags([], { ROUTERD_VIP_NETNS: 'env-ns' }).netns).toBe('env-ns');
    expect(flags([], { ROUTERD_VIP_NETNS: '' }).netns).toBeUndefined();
    expect(ipCommandFor('keepalived')).toEqual(['ip', '-n', 'keepalived']);
    expect(ipCommandFor(undefined)).toEqual(['ip']);
    const help = usage('routerd-vip-watcher', VIP_WATCHER_FLAGS);
    expect(help).toContain('[--notify-fifo PATH] [--keepalived-pidfile PATH] [--netns NAME]');
    expect(help).toContain('--netns NAME');
    expect(help).toContain('ROUTERD_VIP_NETNS');
    expect(help).toContain('ROUTERD_KEEPALIVED_NOTIFY_FIFO');
  });

  it('vip-watcher › a bad --netns names the flag or variable and what was found', () => {
    fails(['--netns'], '--netns: expected a namespace name, found the end of the arguments');
    fails(['--netns', '--node'], '--netns: expected a namespace name, found "--node"');
    const expectation = 'expected a network namespace name of letters, digits, "_", "." and "-" (not starting with "-")';
    fails(['--netns', 'a/b'], `--netns: ${expectation}, found "a/b"`);
    fails(['--netns=-n'], `--netns: ${expectation}, found "-n"`);
    // Separate, "-n" is still the value, never an option.
    fails(['--netns', '-n'], `--netns: ${expectation}, found "-n"`);
    fails(['--netns=..'], `--netns: ${expectation}, found ".."`);
    fails(['--netns='], `--netns: ${expectation}, found ""`);
    fails([], `ROUTERD_VIP_NETNS: ${expectation}, found "lan ns"`, { ROUTERD_VIP_NETNS: 'lan ns' });
    fails(['--netns=a', '--netns=b'], '--netns: given twice ("a" and "b")');
  });
});
