import { describe, expect, it } from 'vitest';
import { decode } from '../codec.js';
import { leaseFileEventSchema } from './lease-file-event.js';
import { sampleLeaseFileEvent } from './samples.js';

const subject = 'routerd.r1.lease.DHCPv4Server.lan-dhcpv4';

describe('LeaseFileEvent', () => {
  it('LeaseFileEvent › accepts a realistic event, a missing file and a torn one', () => {
    expect(leaseFileEventSchema.parse(sampleLeaseFileEvent)).toEqual(sampleLeaseFileEvent);
    const missing = { type: 'lease.file', node: 'r1', kind: 'DHCPv4Server', name: 'lan-dhcpv4', path: '/x', exists: false, parsed: false, observedAt: '2024-05-01T12:00:00Z' };
    expect(leaseFileEventSchema.safeParse(missing).success).toBe(true);
    const torn = { ...sampleLeaseFileEvent, parsed: false, parseError: 'line 3: expected an IPv4 address in field 3, found "192.0"' };
    expect(leaseFileEventSchema.safeParse(torn).success).toBe(true);
  });

  it('LeaseFileEvent › rejects a sync kind where a source kind belongs', () => {
    const result = decode(leaseFileEventSchema, JSON.stringify({ ...sampleLeaseFileEvent, kind: 'DHCPv4ServerLeaseSync' }), subject);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe(
      'bad message on "routerd.r1.lease.DHCPv4Server.lan-dhcpv4": expected JSON matching LeaseFileEvent, found kind: Invalid option: expected one of "DHCPv4Server"|"DHCPv6Server"|"DHCPv6PrefixDelegation", found "DHCPv4ServerLeaseSync"',
    );
  });

  it('LeaseFileEvent › rejects contradictions and malformed fields', () => {
    const issues = (value: unknown) => leaseFileEventSchema.safeParse(value).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ ...sampleLeaseFileEvent, exists: false })).toEqual(['expected false when the file does not exist, found true']);
    expect(issues({ ...sampleLeaseFileEvent, parseError: 'x' })).toEqual(['expected no parseError when parsed is true']);
    expect(issues({ ...sampleLeaseFileEvent, sha256: 'ABC' })).toEqual(['expected 64 lower-case hex digits (SHA-256)']);
    expect(issues({ ...sampleLeaseFileEvent, path: 'relative/file' })).toEqual(['expected an absolute path without newlines']);
    expect(issues({ ...sampleLeaseFileEvent, v4Count: -1 })[0]).toContain('expected number to be >=0');
  });
});
