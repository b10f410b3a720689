import { describe, expect, it } from 'vitest';
import { argumentProblem, hostProblem, hostSchema, userProblem } from './security.js';

describe('security', () => {
  it('security › accepts host names and addresses', () => {
    for (const host of ['routerd-standby.lan.example', 'standby', '192.0.2.2', '2001:db8::2', 'a.example.']) {
      expect(hostProblem(host)).toBeUndefined();
    }
  });

  it('security › refuses hosts that ssh would read as options or a shell would split', () => {
    expect(hostProblem('-oProxyCommand=x')).toBe('must not start with "-" (ssh would read it as an option), found "-oProxyCommand=x"');
    expect(hostProblem('a b')).toBe('must not hold whitespace or shell metacharacters, found "a b"');
    expect(hostProblem('x;reboot')).toBe('must not hold whitespace or shell metacharacters, found "x;reboot"');
    expect(hostProblem('x\nreboot')).toBe('must not hold control characters or newlines, found "x\\nreboot"');
    expect(hostProblem('under_score')).toBe('expected a host name, IPv4 or IPv6 address, found "under_score"');
    expect(hostProblem('[2001:db8::2]')).toBe('expected an IPv6 address without brackets, found "[2001:db8::2]"');
    expect(hostProblem('')).toBe('expected a host name, IPv4 or IPv6 address, found ""');
  });

  it('security › refuses users that hold a host part, options or metacharacters', () => {
    expect(userProblem('routerd')).toBeUndefined();
    expect(userProblem('root@x')).toBe('must not hold whitespace, "@" or shell metacharacters, found "root@x"');
    expect(userProblem('-l')).toBe('must not start with "-" (ssh would read it as an option), found "-l"');
    expect(userProblem('a\tb')).toBe('must not hold control characters or newlines, found "a\\tb"');
    expect(userProblem('9lives')).toBe('expected a user name of letters, digits, "_", "." and "-", found "9lives"');
  });

  it('security › refuses arguments with newlines or nothing in them', () => {
    expect(argumentProblem('--timeout=30')).toBeUndefined();
    expect(argumentProblem('ConnectTimeout=5')).toBeUndefined();
    expect(argumentProblem('--a\nb')).toBe('must be a single argument without newlines, found "--a\\nb"');
    expect(argumentProblem('')).toBe('must not be empty');
    expect(argumentProblem('a\0b')).toBe('must be a single argument without newlines, found "a\\u0000b"');
    expect(hostProblem('host\u007f')).toBe('must not hold control characters or newlines, found "host\u007f"');
  });

  it('security › schemas carry the same messages', () => {
    expect(hostSchema.safeParse('x;reboot').error?.issues[0]?.message).toBe('must not hold whitespace or shell metacharacters, found "x;reboot"');
  });
});
