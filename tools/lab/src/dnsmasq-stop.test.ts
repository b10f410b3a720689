import { describe, expect, it } from 'vitest';
import { pidFromFile } from './dnsmasq-stop.js';

describe('dnsmasq-stop', () => {
  it('dnsmasq-stop › reads the pid file', () => {
    expect(pidFromFile('1234\n', '/run/routerd/dnsmasq.pid')).toBe(1234);
  });

  it('dnsmasq-stop › rejects a pid file without a process id, naming it', () => {
    expect(() => pidFromFile('abc', '/p')).toThrow('dnsmasq-stop: expected a process id in /p, found "abc"');
  });
});
