import { describe, expect, it } from 'vitest';
import { LEASE_WATCHER_SERVICE_NAME, leaseWatcherFilesSubject, leaseWatcherServicePrefix } from './lease-watcher-service.js';
import { parseSubject } from './subjects.js';

describe('lease-watcher service', () => {
  it('lease-watcher service › endpoints live under routerd.<node>.lease-watcher', () => {
    expect(leaseWatcherServicePrefix('router-a')).toBe('routerd.router-a.lease-watcher');
    expect(leaseWatcherFilesSubject('router-a')).toBe('routerd.router-a.lease-watcher.files');
    expect(parseSubject(leaseWatcherFilesSubject('r1'))).toEqual({ type: 'lease-watcher', node: 'r1', endpoint: 'files' });
  });

  it('lease-watcher service › the service name is valid for the services API', () => {
    expect(LEASE_WATCHER_SERVICE_NAME).toBe('routerd-lease-watcher');
    expect(LEASE_WATCHER_SERVICE_NAME).toMatch(/^[-\w]+$/);
  });

  it('lease-watcher service › refuses a bad node', () => {
    expect(() => leaseWatcherFilesSubject('router.a')).toThrow('node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "router.a"');
  });
});
