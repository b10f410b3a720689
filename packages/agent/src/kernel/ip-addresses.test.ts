import { describe, expect, it } from 'vitest';
import { IpAddrError } from '../errors.js';
import { holdsAddress, parseIpAddrJson } from './ip-addresses.js';
import { IP_ADDR_ABSENT, IP_ADDR_PRESENT } from '../testing/kernel-fixtures.js';

describe('kernel › ip -j addr parsing', () => {
  it('kernel › reads every interface of a captured output, VIPs present', () => {
    const byName = parseIpAddrJson(IP_ADDR_PRESENT);
    expect([...byName.keys()]).toEqual(['lo', 'lan0p', 'lan0']);
    expect(byName.get('lo')).toEqual([]);
    const lan0 = byName.get('lan0') ?? [];
    expect(lan0.map((a) => `${a.address}/${a.prefixlen}`)).toEqual(['192.0.2.10/24', '192.0.2.1/32', '2001:db8::1/128', '2001:db8::10/64', 'fe80::1497:4bff:fe73:9d01/64']);
    expect(holdsAddress(lan0, 'ipv4', '192.0.2.1')).toBe(true);
    expect(holdsAddress(lan0, 'ipv6', '2001:db8::1')).toBe(true);
  });

  it('kernel › a captured output without the VIPs holds neither', () => {
    const lan0 = parseIpAddrJson(IP_ADDR_ABSENT).get('lan0') ?? [];
    expect(holdsAddress(lan0, 'ipv4', '192.0.2.1')).toBe(false);
    expect(holdsAddress(lan0, 'ipv6', '2001:db8::1')).toBe(false);
    expect(holdsAddress(lan0, 'ipv4', '192.0.2.10')).toBe(true);
  });

  it('kernel › compares IPv6 numerically, not by spelling', () => {
    const lan0 = parseIpAddrJson(IP_ADDR_PRESENT).get('lan0') ?? [];
    expect(holdsAddress(lan0, 'ipv6', '2001:0db8:0000:0000:0000:0000:0000:0001')).toBe(true);
    expect(holdsAddress(lan0, 'ipv4', '2001:db8::1')).toBe(false);
  });

  it('kernel › skips addresses whose duplicate address detection failed', () => {
    const text = JSON.stringify([{ ifname: 'lan0', addr_info: [{ family: 'inet6', local: '2001:db8::1', prefixlen: 128, dadfailed: true, tentative: true }] }]);
    expect(holdsAddress(parseIpAddrJson(text).get('lan0') ?? [], 'ipv6', '2001:db8::1')).toBe(false);
  });

  it('kernel › rejects output that is not JSON, naming what was found', () => {
    expect(() => parseIpAddrJson('Device "lan9" does not exist.')).toThrow(
      'ip -j addr show: expected a JSON array of interfaces, found invalid JSON "Device \\"lan9\\" does not exist."',
    );
    expect(() => parseIpAddrJson('')).toThrow('expected a JSON array of interfaces, found empty output');
    expect(() => parseIpAddrJson('[')).toThrow(IpAddrError);
  });

  it('kernel › rejects JSON of the wrong shape, naming the path', () => {
    expect(() => parseIpAddrJson('{"ifname":"lan0"}')).toThrow(/found \(output\): Invalid input: expected array, received object/);
    expect(() => parseIpAddrJson('[{"ifname":"lan0","addr_info":[{"local":"192.0.2.1"}]}]')).toThrow(/found 0\.addr_info\.0\.family: Invalid input: expected string/);
    expect(() => parseIpAddrJson('[{"addr_info":[]}]')).toThrow(/found 0\.ifname/);
  });
});
