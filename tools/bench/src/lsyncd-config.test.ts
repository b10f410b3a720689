import { describe, expect, it } from 'vitest';
import { luaString, lsyncdConfig } from './lsyncd-config.js';

const input = {
  source: '/tmp/rdb-x/state/lsyncd/',
  target: 'routerd-bench@127.0.0.1:/tmp/rdb-x/state/lsyncd/',
  delay: 0,
  rsyncBinary: '/tmp/rdb-x/counting-rsync',
  rsh: 'ssh -p 2222 -o "ControlPath=/run/x/%C"',
  extra: ['--checksum', '--delay-updates'],
  logFile: '/tmp/rdb-x/lsyncd.log',
  statusFile: '/tmp/rdb-x/lsyncd.status',
};

describe('lsyncd config', () => {
  it('lsyncd config › renders default.rsync with the delay, the wrapper, the rsh and the extra options', () => {
    const text = lsyncdConfig(input);
    expect(text).toContain('  default.rsync,\n');
    expect(text).toContain('  delay = 0,\n');
    expect(text).toContain('    binary = "/tmp/rdb-x/counting-rsync",\n');
    expect(text).toContain('    rsh = "ssh -p 2222 -o \\"ControlPath=/run/x/%C\\"",\n');
    expect(text).toContain('    _extra = { "--checksum", "--delay-updates" },\n');
    expect(text).toContain('  nodaemon = true,\n');
  });

  it('lsyncd config › escapes Lua strings and rejects NUL', () => {
    expect(luaString('a\\b"c\nd')).toBe('"a\\\\b\\"c\\nd"');
    expect(() => luaString('a\0b')).toThrow(/without NUL/);
  });

  it('lsyncd config › rejects a negative delay, a relative source and a target without user@host:/', () => {
    expect(() => lsyncdConfig({ ...input, delay: -1 })).toThrow(/delay: expected a whole number of seconds >= 0, found -1/);
    expect(() => lsyncdConfig({ ...input, source: 'state/' })).toThrow(/source: expected an absolute path/);
    expect(() => lsyncdConfig({ ...input, target: '/tmp/x' })).toThrow(/target: expected user@host:\/path/);
  });
});
