import { describe, expect, it } from 'vitest';
import { parseSubject } from './subjects.js';
import { VIP_WATCHER_SERVICE_NAME, vipWatcherRolesSubject, vipWatcherServicePrefix } from './vip-watcher-service.js';

describe('vip-watcher service', () => {
  it('vip-watcher service › endpoints live under routerd.<node>.vip-watcher', () => {
    expect(vipWatcherServicePrefix('r1')).toBe('routerd.r1.vip-watcher');
    expect(vipWatcherRolesSubject('r1')).toBe('routerd.r1.vip-watcher.roles');
    expect(parseSubject(vipWatcherRolesSubject('r1'))).toEqual({ type: 'vip-watcher', node: 'r1', endpoint: 'roles' });
  });

  it('vip-watcher service › the service name is valid for the services API', () => {
    expect(VIP_WATCHER_SERVICE_NAME).toBe('routerd-vip-watcher');
    expect(VIP_WATCHER_SERVICE_NAME).toMatch(/^[-\w]+$/);
  });

  it('vip-watcher service › refuses a bad node', () => {
    expect(() => vipWatcherRolesSubject('r1.evil')).toThrow('node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "r1.evil"');
  });
});
