import { describe, expect, it } from 'vitest';
import { parseVipIdleArgs } from './vip-idle-args.js';

describe('vip-idle-args', () => {
  it('vip-idle-args › 60 s and this build by default; --seconds and --agent change them', () => {
    expect(parseVipIdleArgs([])).toEqual({ type: 'run', plan: { seconds: 60, agent: undefined } });
    expect(parseVipIdleArgs(['--seconds', '20', '--agent', '/work/main/apps/vip-watcher/dist/main.js'])).toEqual({
      type: 'run',
      plan: { seconds: 20, agent: '/work/main/apps/vip-watcher/dist/main.js' },
    });
    expect(parseVipIdleArgs(['--help'])).toEqual({ type: 'help' });
  });

  it('vip-idle-args › bad values name the flag, the expectation and what was found', () => {
    expect(() => parseVipIdleArgs(['--seconds', '0'])).toThrow('--seconds: expected a whole number of seconds >= 1, found "0"');
    expect(() => parseVipIdleArgs(['--seconds'])).toThrow('--seconds: expected a whole number of seconds >= 1, found the end of the arguments');
    expect(() => parseVipIdleArgs(['--agent', 'dist/main.js'])).toThrow('--agent: expected an absolute path to a vip-watcher\'s dist/main.js, found "dist/main.js"');
    expect(() => parseVipIdleArgs(['--quick'])).toThrow('unknown argument "--quick"; expected --seconds N, --agent PATH or --help');
  });
});
