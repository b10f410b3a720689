import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IpAddrError } from '../errors.js';
import { readAddresses } from './ip-command.js';
import { FAKE_IP_BIN, fakeIpDir, IP_ADDR_PRESENT } from '../testing/kernel-fixtures.js';

describe('kernel › ip -j addr show', () => {
  let fake: ReturnType<typeof fakeIpDir>;
  beforeEach(() => {
    fake = fakeIpDir(IP_ADDR_PRESENT);
    vi.stubEnv('FAKE_IP_DIR', fake.path);
    vi.stubEnv('PATH', `${FAKE_IP_BIN}:${process.env.PATH ?? ''}`);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fake.remove();
  });

  it('kernel › runs the ip on PATH with the injected prefix and parses its output', async () => {
    const byName = await readAddresses(['ip', '-n', 'rdtest']);
    expect(byName.get('lan0')?.length).toBe(5);
    expect((await import('node:fs')).readFileSync(join(fake.path, 'calls'), 'utf8')).toBe('-n rdtest -j addr show\n');
  });

  it('kernel › a failing ip is an IpAddrError with its exit code and stderr', async () => {
    writeFileSync(join(fake.path, 'addr-exit'), '1');
    writeFileSync(join(fake.path, 'addr-stderr'), 'Cannot open netlink socket: Permission denied\n');
    await expect(readAddresses(['ip'])).rejects.toThrow(new IpAddrError('ip -j addr show exited with code 1: Cannot open netlink socket: Permission denied'));
  });

  it('kernel › unparsable output is an IpAddrError naming what was found', async () => {
    fake.setAddr('1: lo: <LOOPBACK,UP> mtu 65536');
    await expect(readAddresses(['ip'])).rejects.toThrow('ip -j addr show: expected a JSON array of interfaces, found invalid JSON "1: lo: <LOOPBACK,UP> mtu 65536"');
  });

  it('kernel › a hung ip times out', async () => {
    writeFileSync(join(fake.path, 'addr-sleep'), '5');
    await expect(readAddresses(['ip'], 200)).rejects.toThrow('ip -j addr show did not answer within 200 ms');
  });

  it('kernel › a missing ip binary is reported, not thrown raw', async () => {
    await expect(readAddresses(['/nonexistent/ip'])).rejects.toThrow('/nonexistent/ip -j addr show could not run: spawn /nonexistent/ip ENOENT');
    await expect(readAddresses([])).rejects.toThrow('ip command: expected at least the executable, found an empty argv');
  });
});
