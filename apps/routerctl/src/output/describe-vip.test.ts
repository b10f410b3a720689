import { describe, expect, it } from 'vitest';
import { masterVip } from '../testing/live-samples.js';
import { formatVipDescribe } from './describe-vip.js';

const observed = Date.parse(masterVip.observedAt);
const heartbeat = (now: number) => formatVipDescribe(masterVip, now).split('\n').find((line) => line.startsWith('Heartbeat:'));

describe('routerctl › describe vip', () => {
  it('routerctl › a role is fresh up to three heartbeats after it was observed, stale one millisecond later', () => {
    expect(heartbeat(observed + 3 * masterVip.heartbeatMs)).toBe('Heartbeat:             every 1s; fresh');
    expect(heartbeat(observed + 3 * masterVip.heartbeatMs + 1)).toBe('Heartbeat:             every 1s; STALE, last one 3s ago (gates count the role as unknown)');
  });
});
