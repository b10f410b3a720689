import { describe, expect, it } from 'vitest';
import { buildClientMessage, DHCP_MESSAGE, parseServerMessage } from './dhcp-packet.js';

/** The server's side of the exchange, as dnsmasq or Kea would answer: op 2, the client's xid and chaddr. */
function offerFor(request: Buffer, yiaddr: number[], serverId: number[]): Buffer {
  const reply = Buffer.from(request.subarray(0, 240));
  reply[0] = 2;
  Buffer.from(yiaddr).copy(reply, 16);
  return Buffer.concat([reply, Buffer.from([53, 1, DHCP_MESSAGE.offer, 0, 54, 4, ...serverId, 255])]);
}

describe('DHCP packet', () => {
  it('DHCP packet › a DISCOVER carries the xid, the MAC, the broadcast flag and the asked address', () => {
    const b = buildClientMessage({ type: 'discover', xid: 0xdeadbeef, mac: '02:00:00:00:30:15', requestedAddress: '192.0.2.100' });
    expect(b[0]).toBe(1);
    expect(b.readUInt32BE(4)).toBe(0xdeadbeef);
    expect(b.readUInt16BE(10)).toBe(0x8000);
    expect([...b.subarray(28, 34)]).toEqual([2, 0, 0, 0, 0x30, 0x15]);
    expect([...b.subarray(240, 243)]).toEqual([53, 1, 1]);
    expect([...b.subarray(243, 249)]).toEqual([50, 4, 192, 0, 2, 100]);
  });

  it('DHCP packet › reads the type, yiaddr and server id of an answer, skipping pad options', () => {
    const offer = offerFor(buildClientMessage({ type: 'discover', xid: 7, mac: '02:00:00:00:30:15' }), [192, 0, 2, 101], [192, 0, 2, 3]);
    expect(parseServerMessage(offer)).toEqual({ type: DHCP_MESSAGE.offer, xid: 7, yiaddr: '192.0.2.101', serverId: '192.0.2.3', mac: '02:00:00:00:30:15' });
  });

  it('DHCP packet › ignores a client message and a short packet', () => {
    expect(parseServerMessage(buildClientMessage({ type: 'discover', xid: 1, mac: '02:00:00:00:30:15' }))).toBeUndefined();
    expect(parseServerMessage(Buffer.alloc(100))).toBeUndefined();
  });

  it('DHCP packet › names a bad MAC or address', () => {
    expect(() => buildClientMessage({ type: 'discover', xid: 1, mac: '02:00' })).toThrow(/expected a MAC.*"02:00"/);
    expect(() => buildClientMessage({ type: 'request', xid: 1, mac: '02:00:00:00:30:15', serverId: '192.0.2' })).toThrow(/expected an IPv4 address/);
  });
});
