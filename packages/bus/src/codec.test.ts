import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decode, encode, summarizeIssues } from './codec.js';
import { BadMessageError, InvalidPayloadError } from './errors.js';
import { sampleVipRoleEvent } from './schemas/samples.js';
import { vipRoleEventSchema } from './schemas/vip-role-event.js';

const subject = 'routerd.r1.vip.lan-vip';
const bytes = (text: string) => new TextEncoder().encode(text);

describe('codec', () => {
  it('codec › decodes a valid payload from bytes or text', () => {
    expect(decode(vipRoleEventSchema, bytes(JSON.stringify(sampleVipRoleEvent)), subject)).toEqual({ ok: true, value: sampleVipRoleEvent });
    expect(decode(vipRoleEventSchema, JSON.stringify(sampleVipRoleEvent), subject).ok).toBe(true);
  });

  it('codec › bad JSON is a BadMessageError naming the subject, the expectation and a bounded snippet', () => {
    const result = decode(vipRoleEventSchema, bytes(`{"type": "vip.role", ${'x'.repeat(200)}`), subject);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(BadMessageError);
    expect(result.error.name).toBe('BadMessageError');
    expect(result.error.subject).toBe(subject);
    expect(result.error.cause).toBeInstanceOf(SyntaxError);
    expect(result.error.message).toMatch(/^bad message on "routerd\.r1\.vip\.lan-vip": expected JSON matching VipRoleEvent, found invalid JSON "\{\\"type\\": \\"vip\.role\\", x+…$/);
    expect(result.error.message.length).toBeLessThan(200);
  });

  it('codec › an empty payload says so', () => {
    const result = decode(vipRoleEventSchema, new Uint8Array(), subject);
    expect(!result.ok && result.error.message).toBe('bad message on "routerd.r1.vip.lan-vip": expected JSON matching VipRoleEvent, found an empty payload');
  });

  it('codec › JSON of the wrong shape lists the first issues, bounded', () => {
    const result = decode(vipRoleEventSchema, '[1,2]', subject);
    expect(!result.ok && result.error.message).toBe(
      'bad message on "routerd.r1.vip.lan-vip": expected JSON matching VipRoleEvent, found (message): Invalid input: expected object, received array',
    );
    const many = decode(vipRoleEventSchema, '{}', subject);
    expect(!many.ok && many.error.message).toMatch(/found type: Invalid input: expected "vip\.role", found nothing; node: .*; name: .*; and \d+ more$/);
    expect(!many.ok && many.error.message.length).toBeLessThan(520);
  });

  it('codec › a schema without a title is described generically', () => {
    const result = decode(z.strictObject({ a: z.number() }), '{"a":"1"}', 'x.y');
    expect(!result.ok && result.error.message).toBe('bad message on "x.y": expected JSON matching the expected schema, found a: Invalid input: expected number, received string');
  });

  it('codec › encode validates before publishing and round trips', () => {
    const data = encode(vipRoleEventSchema, sampleVipRoleEvent, subject);
    expect(decode(vipRoleEventSchema, data, subject)).toEqual({ ok: true, value: sampleVipRoleEvent });
  });

  it('codec › encode refuses an invalid payload with InvalidPayloadError', () => {
    const bad = { ...sampleVipRoleEvent, heartbeatMs: 0 };
    expect(() => encode(vipRoleEventSchema, bad, subject)).toThrow(InvalidPayloadError);
    expect(() => encode(vipRoleEventSchema, bad, subject)).toThrow(
      'refusing to publish on "routerd.r1.vip.lan-vip": expected VipRoleEvent, found heartbeatMs: Too small: expected number to be >0, found 0',
    );
  });

  it('codec › summarizeIssues shows what was found at each path', () => {
    const schema = z.strictObject({ list: z.array(z.strictObject({ n: z.int() })) });
    const input = { list: [{ n: 1 }, { n: 1.5 }] };
    const issues = schema.safeParse(input).error?.issues ?? [];
    expect(summarizeIssues(issues, input)).toBe('list.1.n: Invalid input: expected int, received number');
  });
});
