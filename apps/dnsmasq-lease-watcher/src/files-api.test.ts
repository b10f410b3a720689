import { describe, expect, it } from 'vitest';
import { FilesRequestError } from './errors.js';
import { decodeFilesRequest, filesResponseSchema, leaseWatcherFilesSubject, leaseWatcherServicePrefix } from './files-api.js';
import { leaseWatcherFilesResponseSchema, leaseWatcherFilesSubject as busFilesSubject } from '@routerd/bus';

const SUBJECT = 'routerd.router-a.lease-watcher.files';

describe('lease-watcher › files API', () => {
  it('lease-watcher › the endpoint subject is routerd.<node>.lease-watcher.files', () => {
    expect(leaseWatcherServicePrefix('router-a')).toBe('routerd.router-a.lease-watcher');
    expect(leaseWatcherFilesSubject('router-a')).toBe(SUBJECT);
    expect(() => leaseWatcherFilesSubject('router.a')).toThrow('node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "router.a"');
  });

  it('lease-watcher › an empty payload or {} asks for everything; kind and name filter', () => {
    expect(decodeFilesRequest(new Uint8Array(), SUBJECT)).toEqual({});
    expect(decodeFilesRequest('{}', SUBJECT)).toEqual({});
    expect(decodeFilesRequest('{"kind":"DHCPv6Server","name":"lan-dhcpv6"}', SUBJECT)).toEqual({ kind: 'DHCPv6Server', name: 'lan-dhcpv6' });
  });

  it('lease-watcher › a bad request names the subject, the expectation and what was found', () => {
    expect(() => decodeFilesRequest('not json', SUBJECT)).toThrow(
      new FilesRequestError(`bad message on "${SUBJECT}": expected JSON matching LeaseWatcherFilesRequest, found invalid JSON "not json"`),
    );
    expect(() => decodeFilesRequest('{"kind":"Interface"}', SUBJECT)).toThrow(/^bad message on ".*": expected JSON matching LeaseWatcherFilesRequest, found kind: .*"Interface"/);
    expect(() => decodeFilesRequest('{"path":"/etc"}', SUBJECT)).toThrow(/found .*"path"/);
  });

  it('lease-watcher › the contract is the one in @routerd/bus', () => {
    expect(filesResponseSchema).toBe(leaseWatcherFilesResponseSchema);
    expect(leaseWatcherFilesSubject).toBe(busFilesSubject);
  });

  it('lease-watcher › the response carries the node and valid events', () => {
    expect(filesResponseSchema.safeParse({ node: 'router-a', events: [] }).success).toBe(true);
    expect(filesResponseSchema.safeParse({ node: 'router-a', events: [{ type: 'lease.file' }] }).success).toBe(false);
  });
});
