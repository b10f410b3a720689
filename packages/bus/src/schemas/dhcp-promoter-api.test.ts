import { describe, expect, it } from 'vitest';
import { decodeDhcpPromoterStatusRequest, decodeDhcpPromoterStatusResponse } from './dhcp-promoter-api.js';

const subject = 'routerd.r1.dhcp-promoter.status';

describe('dhcp-promoter status API', () => {
  it('dhcp-promoter status API › an empty body asks for every promotion, a name for one', () => {
    expect(decodeDhcpPromoterStatusRequest(new Uint8Array(), subject)).toEqual({ ok: true, value: {} });
    expect(decodeDhcpPromoterStatusRequest(' ', subject)).toEqual({ ok: true, value: {} });
    expect(decodeDhcpPromoterStatusRequest('{"name":"lan-dhcp"}', subject)).toEqual({ ok: true, value: { name: 'lan-dhcp' } });
  });

  it('dhcp-promoter status API › a bad request or reply names the subject, the schema and what was found', () => {
    const request = decodeDhcpPromoterStatusRequest('{"nmae":"x"}', subject);
    expect(request.ok ? '' : request.error.message).toBe(
      'bad message on "routerd.r1.dhcp-promoter.status": expected JSON matching DhcpPromoterStatusRequest, found (message): Unrecognized key: "nmae"',
    );
    const reply = decodeDhcpPromoterStatusResponse('{"type":"dhcp-promoter.status","node":"r1","promotions":[{}]}', subject);
    expect(reply.ok ? '' : reply.error.message).toMatch(/^bad message on "routerd\.r1\.dhcp-promoter\.status": expected JSON matching DhcpPromoterStatusResponse, found promotions\.0\.type/);
    expect(decodeDhcpPromoterStatusResponse('{"type":"dhcp-promoter.status","node":"r1","promotions":[]}', subject).ok).toBe(true);
  });
});
