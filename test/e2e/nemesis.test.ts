import { describe, expect, it } from 'vitest';
import { lab } from './lab-cli.js';

// The nemesis brings the lab up and down itself; its last line on stdout is the count. Seed 179's three
// cycles are a cold start whose emptied router wins the election while a client joins whose address
// (by dnsmasq's hash) another client holds, then two split brains: the code before issue 10 loses leases
// there (2 lost, 2 conflicts, 0 reported, measured), so this test fails without the merge and the pull.
const COUNT = /^nemesis: (\d+) cycles, (\d+) leases granted, (\d+) lost, (\d+) duplicate addresses, (\d+) conflicts \((\d+) reported\)$/;

describe('lab nemesis', () => {
  it('lab nemesis › seed 179, 3 cycles (cold start, two split brains): nothing lost, no address held twice, every conflict reported', async () => {
    const result = await lab(['nemesis', '--seed', '179', '--cycles', '3'], 600_000);
    const last = result.stdout.trim().split('\n').pop() ?? '';
    const count = COUNT.exec(last);
    expect(count, `last line ${JSON.stringify(last)}\n${result.stderr}`).not.toBeNull();
    const [cycles, granted, lost, duplicates, conflicts, reported] = (count ?? []).slice(1).map(Number);
    expect(cycles).toBe(3);
    expect(granted, result.stderr).toBeGreaterThan(0);
    expect({ lost, duplicates, unreported: (conflicts ?? 0) - (reported ?? 0) }, result.stderr).toEqual({ lost: 0, duplicates: 0, unreported: 0 });
    expect(result.exitCode, result.stderr).toBe(0);
  }, 660_000);
});
