import { describe, expect, it } from 'vitest';
import { formatLeversTable, pssSumMb, type VariantResult } from './footprint-levers-table.js';

const memory = (rssMb: number, pssMb: number) => ({ rssKb: rssMb * 1024, pssKb: pssMb * 1024, pssAnonKb: (pssMb - 10) * 1024, pssFileKb: 10 * 1024 });

const variant: VariantResult = {
  key: 'c',
  label: 'bundle --lite-mode',
  nodeOptions: ['--max-semi-space-size=1', '--lite-mode'],
  agents: [
    { agent: 'syncer', memory: memory(49, 30), cpuPercent: 0.1 },
    { agent: 'vip-watcher', memory: memory(51, 32), cpuPercent: 0.4 },
  ],
};

describe('footprint levers table', () => {
  it('footprint levers › sums PSS over the agents of a variant', () => {
    expect(pssSumMb(variant)).toBe(62);
  });

  it('footprint levers › gives each agent its verdict against 50 MB RSS and 0.3 % CPU', () => {
    const text = formatLeversTable([variant], 10_000, 20_000);
    expect(text).toContain('| c bundle --lite-mode | syncer | 49 | 30 | 20 | 0.1 | ok | ok |');
    expect(text).toContain('| c bundle --lite-mode | vip-watcher | 51 | 32 | 22 | 0.4 | MISS | MISS |');
    expect(text).toContain('| c bundle --lite-mode | --max-semi-space-size=1 --lite-mode | 62 | 51 | 0.4 |');
    expect(text).toMatch(/sampled 10 s after start, CPU over the next 20 s/);
  });
});
