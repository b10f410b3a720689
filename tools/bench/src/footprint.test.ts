import { describe, expect, it } from 'vitest';
import { footprints, mb, sampleAll } from './footprint.js';

describe('footprint', () => {
  it('footprint › RSS in MB and CPU percent per process over a window', async () => {
    const before = await sampleAll({ self: process.pid });
    const after = { self: { ...before['self']!, cpuMs: before['self']!.cpuMs + 5, childCpuMs: before['self']!.childCpuMs + 2, at: before['self']!.at + 1000 } };
    expect(footprints(before, after)['self']).toMatchObject({ pid: process.pid, cpuPercent: 0.5, childCpuPercent: 0.2, rssMb: mb(before['self']!.rssKb) });
    expect(mb(61_440)).toBe(60);
  });
});
