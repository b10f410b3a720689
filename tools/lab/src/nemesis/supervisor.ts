// systemd's part in the lab: a router's service that exits is started again after its unit's
// RestartSec (Restart=always), while the router is powered. A death the nemesis did not cause is
// counted, so a crash of an agent under the faults shows.
import { isAlive } from '@routerd/testkit';
import { routerServices, startRouterProcess } from '../lab.js';
import type { Narrator } from '../narrator.js';
import { keepalived, type ProcessSpec } from '../router-argv.js';
import type { LabState } from '../state-file.js';
import { ROUTER_IDS, ROUTERS, type RouterId } from '../topology.js';

/** examples/systemd: routerd-nats 100 ms (its RestartSec=100ms), the agents 2 s; sshd and keepalived as their packages' units restart on failure. */
export function restartSecMs(name: string): number {
  if (name === 'nats-server') return 100;
  return name === 'sshd' ? 1_000 : 2_000;
}

export interface Supervisor {
  /** Runs `fn` with no restart in between (power transitions). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  setPowered(id: RouterId, on: boolean): void;
  /** The nemesis is about to kill this service: its death is no surprise. */
  expectDeath(id: RouterId, name: string): void;
  /** The services of each powered router, all running. */
  allRunning(): { ok: boolean; down: string[] };
  unexpectedDeaths(): string[];
  stop(): Promise<void>;
}

export function createSupervisor(options: { state: LabState; sync: boolean; promoter: boolean; narrator: Narrator; tickMs?: number }): Supervisor {
  const { state, narrator } = options;
  const powered: Record<RouterId, boolean> = { r1: true, r2: true };
  const deadSince = new Map<string, number>();
  const expected = new Set<string>();
  const surprises: string[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const specs = (id: RouterId): ProcessSpec[] => [...routerServices(id, { sync: options.sync, promoter: options.promoter }), keepalived(ROUTERS[id])];
  const latest = (id: RouterId, name: string) => state.processes.filter((p) => p.router === id && p.name === name).pop();

  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  }

  async function tick(): Promise<void> {
    for (const id of ROUTER_IDS) {
      if (!powered[id] || stopped) continue;
      for (const spec of specs(id)) {
        const key = `${id}/${spec.name}`;
        const p = latest(id, spec.name);
        if (p !== undefined && isAlive(p.pid)) {
          deadSince.delete(key);
          continue;
        }
        const since = deadSince.get(key) ?? Date.now();
        deadSince.set(key, since);
        if (Date.now() - since < restartSecMs(spec.name)) continue;
        if (stopped) return;
        deadSince.delete(key);
        const surprise = !expected.delete(key);
        if (surprise) surprises.push(`${key} (pid ${p?.pid ?? '?'}, log ${p?.log ?? '?'})`);
        const pid = await startRouterProcess(state, id, spec);
        narrator.say(`${surprise ? 'UNEXPECTED: ' : ''}${id}'s ${spec.name} (pid ${p?.pid ?? '?'}) had exited: started again as pid ${pid}, ${restartSecMs(spec.name) / 1000} s later, as systemd would`);
      }
    }
  }

  const loop = (async () => {
    while (!stopped) {
      await exclusive(tick).catch((error: unknown) => narrator.say(`supervisor: ${error instanceof Error ? error.message : String(error)}`));
      await new Promise((resolve) => setTimeout(resolve, options.tickMs ?? 250));
    }
  })();

  return {
    exclusive,
    setPowered: (id, on) => {
      powered[id] = on;
      for (const spec of specs(id)) deadSince.delete(`${id}/${spec.name}`);
    },
    expectDeath: (id, name) => void expected.add(`${id}/${name}`),
    allRunning() {
      const down: string[] = [];
      for (const id of ROUTER_IDS) {
        if (!powered[id]) continue;
        for (const spec of specs(id)) {
          const p = latest(id, spec.name);
          if (p === undefined || !isAlive(p.pid)) down.push(`${id}/${spec.name}`);
        }
      }
      return { ok: down.length === 0, down };
    },
    unexpectedDeaths: () => [...surprises],
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
