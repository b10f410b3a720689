import { describe, expect, it } from 'vitest';
import { parseSubject } from './subjects.js';
import { SYNCER_SERVICE_NAME, syncerServicePrefix, syncerStatusSubject } from './syncer-service.js';

describe('syncer service', () => {
  it('syncer service › endpoints live under routerd.<node>.syncer', () => {
    expect(syncerServicePrefix('r1')).toBe('routerd.r1.syncer');
    expect(syncerStatusSubject('r1')).toBe('routerd.r1.syncer.status');
    expect(parseSubject(syncerStatusSubject('r1'))).toEqual({ type: 'syncer', node: 'r1', endpoint: 'status' });
  });

  it('syncer service › the service name is valid for the services API', () => {
    expect(SYNCER_SERVICE_NAME).toMatch(/^[-\w]+$/);
  });

  it('syncer service › refuses a bad node', () => {
    expect(() => syncerStatusSubject('r 1')).toThrow('node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "r 1"');
  });
});
