import { describe, expect, it } from 'vitest';
import { AGENTS, buildSchedule, describeFault, FAULT_KINDS, type AgentName, type Schedule } from './schedule.js';

const clients = Array.from({ length: 12 }, (_, i) => `c${i + 1}`);
const schedule = (seed: number, cycles: number, agents: readonly AgentName[] = AGENTS) => buildSchedule({ seed, cycles, clients, agents, maxHolders: 7 });

/** Replays the load and throws on an action that does not fit the client's state then. */
function replay(s: Schedule, maxHolders = Infinity): Map<string, string> {
  const status = new Map(s.clients.map((c) => [c, s.warmup.includes(c) ? 'live' : 'absent']));
  const allowed: Record<string, string> = { join: 'absent', return: 'offline', offline: 'live', release: 'live', renew: 'live' };
  const after: Record<string, string | undefined> = { join: 'live', return: 'live', offline: 'offline', release: 'absent', renew: undefined };
  for (const cycle of s.cycles) {
    for (const a of cycle.load) {
      if (status.get(a.client) !== allowed[a.kind]) throw new Error(`cycle ${cycle.index}: ${a.kind} of ${a.client}, which is ${status.get(a.client)}`);
      const next = after[a.kind];
      if (next !== undefined) status.set(a.client, next);
      const holders = [...status.values()].filter((v) => v !== 'absent').length;
      if (holders > maxHolders) throw new Error(`cycle ${cycle.index}: ${holders} clients hold a lease after ${a.kind} of ${a.client}`);
    }
  }
  return status;
}

describe('nemesis schedule', () => {
  it('nemesis schedule › the same seed gives the same schedule; another seed another', () => {
    expect(schedule(1, 20)).toEqual(schedule(1, 20));
    expect(schedule(2, 20)).not.toEqual(schedule(1, 20));
    // A longer run starts with the shorter run's cycles.
    expect(schedule(1, 20).cycles.slice(0, 5)).toEqual(schedule(1, 5).cycles);
  });

  it('nemesis schedule › every fault kind comes within 7 cycles, split brain twice', () => {
    for (const seed of [1, 2, 3, 42, 1000]) {
      const kinds = schedule(seed, 7).cycles.map((c) => c.fault.kind);
      for (const kind of FAULT_KINDS) expect(kinds, `seed ${seed}`).toContain(kind);
      expect(kinds.filter((k) => k === 'split-brain'), `seed ${seed}`).toHaveLength(2);
    }
  });

  it('nemesis schedule › load happens inside the window, in order, each client once per cycle, and fits its state', () => {
    for (const seed of [1, 5, 9]) {
      const s = schedule(seed, 50);
      for (const cycle of s.cycles) {
        expect(cycle.load.length).toBeGreaterThanOrEqual(1);
        expect(cycle.load.length).toBeLessThanOrEqual(5);
        const times = cycle.load.map((a) => a.atMs);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        for (const t of times) expect(t > 0 && t <= cycle.windowMs - 500).toBe(true);
        expect(new Set(cycle.load.map((a) => a.client)).size).toBe(cycle.load.length);
        expect(cycle.windowMs).toBeLessThanOrEqual(14_000);
      }
      expect(() => replay(s, 7)).not.toThrow();
      expect(s.cycles.flatMap((c) => c.load.map((a) => a.kind))).toEqual(expect.arrayContaining(['join', 'return', 'offline', 'release']));
    }
  });

  it('nemesis schedule › warms up half the clients, never more than the holders cap', () => {
    expect(schedule(1, 1).warmup).toEqual(clients.slice(0, 6));
    expect(() => buildSchedule({ seed: 1, cycles: 1, clients, agents: AGENTS, maxHolders: 4 })).toThrow('expected at most 4 warm-up clients (the holders\' cap), found 6');
  });

  it('nemesis schedule › kills only the agents it is given (no syncer with --no-sync)', () => {
    const agents = AGENTS.filter((a) => a !== 'syncer');
    const faults = schedule(4, 60, agents).cycles.map((c) => c.fault);
    const killed = faults.flatMap((f) => (f.kind === 'kill-agent' ? [f.agent] : f.kind === 'split-brain' && f.alsoKill !== undefined ? [f.alsoKill.agent] : []));
    expect(killed.length).toBeGreaterThan(0);
    expect(killed).not.toContain('syncer');
    // The fault kinds stay those of the same seed with every agent: the controls run the same faults.
    expect(faults.map((f) => f.kind)).toEqual(schedule(4, 60).cycles.map((c) => c.fault.kind));
  });

  it('nemesis schedule › rejects cycles below 1 and too few clients', () => {
    expect(() => buildSchedule({ seed: 1, cycles: 0, clients, agents: AGENTS })).toThrow('nemesis schedule: expected cycles to be a whole number >= 1, found 0');
    expect(() => buildSchedule({ seed: 1, cycles: 1, clients: ['c1'], agents: AGENTS })).toThrow('expected at least 5 clients, found 1');
  });

  it('nemesis schedule › names each fault in one line', () => {
    expect(describeFault({ kind: 'cold-start', empty: 'r2', offMs: 1500, lagMs: 800 })).toBe("cold start: both routers off, r2's state dir emptied; r2 boots after 1.5 s, its peer 0.8 s later");
    expect(describeFault({ kind: 'split-brain', holdMs: 12_000, alsoKill: { router: 'r2', agent: 'syncer', atMs: 5_000 } })).toBe(
      "split brain: VRRP dropped between r1 and r2 for 12 s, clients see both (each router loses half its DHCP replies); kill -9 of r2's syncer at +5.0 s",
    );
  });
});
