// The nemesis's plan, a pure function of the seed: one fault per cycle, drawn from a shuffled deck
// of every kind so each appears, and the clients' joins, returns, departures and renews around it.
import type { RouterId } from '../topology.js';
import { createRng, type Rng } from './prng.js';

export const AGENTS = ['vip-watcher', 'lease-watcher', 'syncer', 'dhcp-promoter'] as const;
export type AgentName = (typeof AGENTS)[number];
export type Role = 'master' | 'backup';

export type Fault =
  /** VRRP dropped between the routers only; the clients still reach both. Healed at the end of the hold. */
  | { kind: 'split-brain'; holdMs: number; alsoKill?: { router: RouterId; agent: AgentName; atMs: number } }
  /** A router's LAN port down on the bridge, silently; restored at the end of the hold. */
  | { kind: 'cut-link'; target: Role; holdMs: number }
  /** kill -9 of one agent; the lab restarts it after its unit's RestartSec, as systemd would. */
  | { kind: 'kill-agent'; target: Role; agent: AgentName }
  /** SIGSTOP of keepalived, SIGCONT at the end of the hold. */
  | { kind: 'stop-keepalived'; target: Role; holdMs: number }
  /** Every process of the master killed, its /run cleared, everything started again after offMs. */
  | { kind: 'master-reboot'; offMs: number }
  /** Both routers off; `empty` loses its state dir (a reinstall) and boots first, after offMs, so it
   * wins the election; its peer boots lagMs later (in time to answer a pull). */
  | { kind: 'cold-start'; empty: RouterId; offMs: number; lagMs: number };
export type FaultKind = Fault['kind'];

export const FAULT_KINDS: readonly FaultKind[] = ['split-brain', 'cut-link', 'kill-agent', 'stop-keepalived', 'master-reboot', 'cold-start'];
// Split brain is the fault the merge exists for: it comes twice per deck.
const DECK: readonly FaultKind[] = ['split-brain', 'split-brain', 'cut-link', 'kill-agent', 'stop-keepalived', 'master-reboot', 'cold-start'];

export type LoadKind = 'join' | 'return' | 'offline' | 'release' | 'renew';
export interface LoadAction {
  /** From the fault's start. */
  atMs: number;
  client: string;
  kind: LoadKind;
}

export interface Cycle {
  index: number;
  fault: Fault;
  /** From the fault's start to its heal (or, for a fault that heals itself, to the check). */
  windowMs: number;
  load: LoadAction[];
}

export interface Schedule {
  seed: number;
  clients: string[];
  /** The clients that join before the first cycle. */
  warmup: string[];
  cycles: Cycle[];
}

export interface ScheduleOptions {
  seed: number;
  cycles: number;
  /** Client ids, c1..cN. */
  clients: readonly string[];
  /** The agents a kill may hit (no syncer with --no-sync). */
  agents: readonly AgentName[];
  /** Clients that join before the first cycle (default: half). */
  warmupClients?: number;
  /** At most this many clients hold a lease (live or offline), so the pool never runs dry (default: all). */
  maxHolders?: number;
}

type Status = 'absent' | 'live' | 'offline';

// When the load starts within a fault's window: after a master is gone, the peer needs ~3.5 s of
// missed adverts plus the promoter's settle before it serves; a split brain serves on both sides then.
const WINDOW: Record<FaultKind, { min: number; max: number; loadFrom: number }> = {
  'split-brain': { min: 10_000, max: 14_000, loadFrom: 5_500 },
  'cut-link': { min: 8_000, max: 12_000, loadFrom: 4_500 },
  'kill-agent': { min: 5_000, max: 8_000, loadFrom: 500 },
  'stop-keepalived': { min: 8_000, max: 12_000, loadFrom: 4_500 },
  'master-reboot': { min: 8_000, max: 12_000, loadFrom: 4_500 },
  'cold-start': { min: 10_000, max: 14_000, loadFrom: 7_000 },
};

function drawFault(rng: Rng, kind: FaultKind, windowMs: number, agents: readonly AgentName[]): Fault {
  const role = (): Role => (rng.chance(0.5) ? 'master' : 'backup');
  switch (kind) {
    case 'split-brain': {
      const alsoKill = rng.chance(0.3) ? { router: rng.pick(['r1', 'r2'] as const), agent: rng.pick(agents), atMs: rng.int(4_000, windowMs - 4_000) } : undefined;
      return { kind, holdMs: windowMs, ...(alsoKill === undefined ? {} : { alsoKill }) };
    }
    case 'cut-link':
      return { kind, target: role(), holdMs: windowMs };
    case 'kill-agent':
      return { kind, target: role(), agent: rng.pick(agents) };
    case 'stop-keepalived':
      return { kind, target: role(), holdMs: windowMs };
    case 'master-reboot':
      return { kind, offMs: rng.int(10, 30) * 100 };
    case 'cold-start':
      return { kind, empty: rng.pick(['r1', 'r2'] as const), offMs: rng.int(10, 20) * 100, lagMs: rng.int(5, 15) * 100 };
  }
}

// Joins and returns are what a forgotten lease collides with; departures keep clients coming back.
function drawKind(rng: Rng, eligible: Record<LoadKind, string[]>, liveCount: number, room: boolean): LoadKind | undefined {
  const weights: [LoadKind, number][] = [
    ['join', room && eligible.join.length > 0 ? 3 : 0],
    ['return', eligible.return.length > 0 ? 3 : 0],
    ['offline', liveCount > 4 && eligible.offline.length > 0 ? 2 : 0],
    ['release', liveCount > 4 && eligible.release.length > 0 ? 2 : 0],
    ['renew', eligible.renew.length > 0 ? 1 : 0],
  ];
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  if (total === 0) return undefined;
  let x = rng.next() * total;
  for (const [kind, w] of weights) {
    if (x < w) return kind;
    x -= w;
  }
  return undefined;
}

export function buildSchedule(options: ScheduleOptions): Schedule {
  const { seed, cycles, clients, agents } = options;
  if (!Number.isInteger(cycles) || cycles < 1) throw new RangeError(`nemesis schedule: expected cycles to be a whole number >= 1, found ${cycles}`);
  if (clients.length < 5) throw new RangeError(`nemesis schedule: expected at least 5 clients, found ${clients.length}`);
  if (agents.length === 0) throw new RangeError('nemesis schedule: expected at least one agent to kill, found none');
  const rng = createRng(seed);
  const warmup = clients.slice(0, options.warmupClients ?? Math.ceil(clients.length / 2));
  const maxHolders = options.maxHolders ?? clients.length;
  if (warmup.length > maxHolders) throw new RangeError(`nemesis schedule: expected at most ${maxHolders} warm-up clients (the holders' cap), found ${warmup.length}`);
  const status = new Map<string, Status>(clients.map((c) => [c, warmup.includes(c) ? 'live' : 'absent']));
  let deck: FaultKind[] = [];
  const out: Cycle[] = [];
  for (let index = 1; index <= cycles; index++) {
    if (deck.length === 0) deck = rng.shuffle(DECK);
    const kind = deck.shift() as FaultKind;
    const w = WINDOW[kind];
    const windowMs = rng.int(w.min / 500, w.max / 500) * 500;
    const fault = drawFault(rng, kind, windowMs, agents);
    const count = rng.int(3, 5);
    const times = Array.from({ length: count }, () => rng.int(w.loadFrom / 100, (windowMs - 500) / 100) * 100).sort((a, b) => a - b);
    const acted = new Set<string>();
    const load: LoadAction[] = [];
    for (const atMs of times) {
      const by = (s: Status) => clients.filter((c) => status.get(c) === s && !acted.has(c));
      const live = by('live');
      const eligible: Record<LoadKind, string[]> = { join: by('absent'), return: by('offline'), offline: live, release: live, renew: live };
      const liveCount = clients.filter((c) => status.get(c) === 'live').length;
      const holders = clients.filter((c) => status.get(c) !== 'absent').length;
      const loadKind = drawKind(rng, eligible, liveCount, holders < maxHolders);
      if (loadKind === undefined) continue;
      const client = rng.pick(eligible[loadKind]);
      acted.add(client);
      load.push({ atMs, client, kind: loadKind });
      if (loadKind === 'join' || loadKind === 'return') status.set(client, 'live');
      if (loadKind === 'offline') status.set(client, 'offline');
      if (loadKind === 'release') status.set(client, 'absent');
    }
    out.push({ index, fault, windowMs, load });
  }
  return { seed, clients: [...clients], warmup, cycles: out };
}

/** One line naming a fault, for the narration. */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'split-brain':
      return `split brain: VRRP dropped between r1 and r2 for ${fault.holdMs / 1000} s, clients see both (each router loses half its DHCP replies)${fault.alsoKill === undefined ? '' : `; kill -9 of ${fault.alsoKill.router}'s ${fault.alsoKill.agent} at +${(fault.alsoKill.atMs / 1000).toFixed(1)} s`}`;
    case 'cut-link':
      return `cut link: the ${fault.target}'s LAN port down for ${fault.holdMs / 1000} s`;
    case 'kill-agent':
      return `kill -9 of the ${fault.target}'s ${fault.agent} (restarted after its RestartSec)`;
    case 'stop-keepalived':
      return `SIGSTOP of the ${fault.target}'s keepalived for ${fault.holdMs / 1000} s, then SIGCONT`;
    case 'master-reboot':
      return `master reboot: every process killed, /run cleared, back after ${(fault.offMs / 1000).toFixed(1)} s`;
    case 'cold-start':
      return `cold start: both routers off, ${fault.empty}'s state dir emptied; ${fault.empty} boots after ${(fault.offMs / 1000).toFixed(1)} s, its peer ${(fault.lagMs / 1000).toFixed(1)} s later`;
  }
}
