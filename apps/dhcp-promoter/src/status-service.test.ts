import type { PromotionStatus } from '@routerd/bus';
import { describe, expect, it } from 'vitest';
import { answerStatus } from './status-service.js';

const status = { name: 'lan-dhcp' } as PromotionStatus;

describe('dhcp-promoter › status endpoint', () => {
  it('dhcp-promoter › an empty body answers every promotion, a name one', () => {
    expect(answerStatus('r1', '', [status])).toEqual({ ok: true, response: { type: 'dhcp-promoter.status', node: 'r1', promotions: [status] } });
    expect(answerStatus('r1', '{"name":"lan-dhcp"}', [status])).toEqual({ ok: true, response: { type: 'dhcp-promoter.status', node: 'r1', promotions: [status] } });
  });

  it('dhcp-promoter › bad requests and unknown names are answered with the expectation and what was found', () => {
    expect(answerStatus('r1', 'lan', [status])).toEqual({ ok: false, code: 400, message: 'expected an empty body or JSON like {"name":"lan-dhcp"}, found "lan"' });
    expect(answerStatus('r1', '{"nmae":"x"}', [])).toEqual({ ok: false, code: 400, message: 'expected an empty body or {"name": "<DHCPServerPromotion>"}, found (message): Unrecognized key: "nmae"' });
    expect(answerStatus('r1', '{"name":"wan-dhcp"}', [status])).toEqual({ ok: false, code: 404, message: 'no DHCPServerPromotion "wan-dhcp" on r1; known: lan-dhcp' });
    expect(answerStatus('r1', '{"name":"x"}', [])).toEqual({ ok: false, code: 404, message: 'no DHCPServerPromotion "x" on r1; known: none' });
  });
});
