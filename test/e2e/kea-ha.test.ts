import { afterAll, describe, expect, it } from 'vitest';
import { lab, labDown } from './lab-cli.js';

// The peers harness (tools/lab/src/peers) as `peers --json` prints it; only what these tests read.
interface PeersJson {
  ok: boolean;
  rows: {
    run: string;
    proof: { kept: boolean; conflict: boolean } | undefined;
    failovers: { kind: string; decidedMs: number; answeredMs: number }[];
    load: { bestPerS: number; steps: { acksReceived: number }[] } | undefined;
    failures: string[];
  }[];
}

async function peers(only: string): Promise<{ json: PeersJson; stderr: string }> {
  const result = await lab(['peers', '--quick', '--cycles', '1', '--only', only, '--json'], 330_000);
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return { json: JSON.parse(line) as PeersJson, stderr: result.stderr };
  } catch (error) {
    throw new Error(`lab peers --only ${only}: expected a JSON line on stdout (exit ${result.exitCode}), found ${JSON.stringify(line.slice(0, 200))}; stderr:\n${result.stderr}`, { cause: error });
  }
}

// Outcomes only: the timings are `node tools/lab/dist/cli.js peers`'s business (docs/benchmarks.md).
describe('lab peers: Kea HA beside ours', () => {
  afterAll(() => labDown());

  it('lab peers › Kea HA hot-standby: the offline client keeps its address, the standby answers after a graceful stop, a cut link and ha-maintenance-start, leases are granted under load', async () => {
    const { json, stderr } = await peers('kea');
    const [row] = json.rows;
    expect(row?.failures, stderr).toEqual([]);
    expect(row?.proof).toEqual({ kept: true, conflict: false, text: 'kept its address, no conflict' });
    expect(row?.failovers.map((f) => f.kind)).toEqual(['graceful', 'cut', 'maintenance']);
    expect(row?.load?.steps.every((s) => s.acksReceived > 0), stderr).toBe(true);
    expect(json.ok).toBe(true);
  }, 360_000);

  it('lab peers › ours with sync, measured by the same harness: the proof holds, the new master answers the prober after each failover, perfdhcp gets leases', async () => {
    const { json, stderr } = await peers('ours');
    const [row] = json.rows;
    expect(row?.failures, stderr).toEqual([]);
    expect(row?.proof?.kept).toBe(true);
    expect(row?.failovers.map((f) => f.kind)).toEqual(['graceful', 'cut']);
    expect(row?.load?.steps.every((s) => s.acksReceived > 0), stderr).toBe(true);
  }, 360_000);
});
