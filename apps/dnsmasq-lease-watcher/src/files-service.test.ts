import type { LeaseFileEvent } from '@routerd/bus';
import { describe, expect, it } from 'vitest';
import { answerFilesRequest } from './files-service.js';
import { recordingLog } from './testing/helpers.js';

const event = (kind: LeaseFileEvent['kind'], name: string): LeaseFileEvent => ({
  type: 'lease.file',
  node: 'router-a',
  kind,
  name,
  path: '/var/lib/routerd/dnsmasq/dnsmasq.leases',
  exists: false,
  parsed: false,
  observedAt: '2024-05-01T12:00:00.000Z',
});

function fakeMsg(payload: string) {
  const replies: { data?: unknown; error?: [number, string] }[] = [];
  return {
    replies,
    msg: {
      data: new TextEncoder().encode(payload),
      respond: (data?: unknown) => replies.push({ data: JSON.parse(new TextDecoder().decode(data as Uint8Array)) }) > 0,
      respondError: (code: number, text: string) => replies.push({ error: [code, text] }) > 0,
    },
  };
}

describe('lease-watcher › files service', () => {
  const events = [event('DHCPv4Server', 'lan-dhcpv4'), event('DHCPv6Server', 'lan-dhcpv6')];

  it('lease-watcher › answers every event, or those of one kind and name', () => {
    const all = fakeMsg('');
    answerFilesRequest(all.msg, { node: 'router-a', log: recordingLog(), current: () => events });
    expect(all.replies).toEqual([{ data: { node: 'router-a', events } }]);
    const one = fakeMsg('{"kind":"DHCPv6Server"}');
    answerFilesRequest(one.msg, { node: 'router-a', log: recordingLog(), current: () => events });
    expect(one.replies).toEqual([{ data: { node: 'router-a', events: [events[1]] } }]);
  });

  it('lease-watcher › a bad request gets a 400 and a warning, a broken state a 500 and an error', () => {
    const log = recordingLog();
    const bad = fakeMsg('[1]');
    answerFilesRequest(bad.msg, { node: 'router-a', log, current: () => events });
    expect(bad.replies[0]?.error?.[0]).toBe(400);
    expect(bad.replies[0]?.error?.[1]).toMatch(/^bad message on "routerd\.router-a\.lease-watcher\.files": expected JSON matching LeaseWatcherFilesRequest, found \(message\): /);
    expect(log.messages('warn')).toHaveLength(1);

    const broken = fakeMsg('{}');
    answerFilesRequest(broken.msg, { node: 'router-a', log, current: () => [{ ...events[0], sha256: 'nope' } as LeaseFileEvent] });
    expect(broken.replies[0]?.error?.[0]).toBe(500);
    expect(broken.replies[0]?.error?.[1]).toMatch(/^refusing to publish on "routerd\.router-a\.lease-watcher\.files": expected LeaseWatcherFilesResponse, found events\.0\.sha256: expected 64 lower-case hex digits/);
    expect(log.messages('error')[0]).toMatch(/^answering routerd\.router-a\.lease-watcher\.files failed: refusing to publish/);
  });
});
