// Each fault of the schedule as what the lab does: an injection, timed steps within the window, and a heal.
import { readFile } from 'node:fs/promises';
import { isAlive, killQuietly, netnsPids } from '@routerd/testkit';
import { setLanPort } from '../netns.js';
import type { LabState } from '../state-file.js';
import { ROUTER_IDS, ROUTERS, type RouterId } from '../topology.js';
import { emptyStateDir, powerOff, powerOn } from './power.js';
import type { Fault } from './schedule.js';
import { healSplitBrain, splitBrain } from './split-brain.js';
import type { Supervisor } from './supervisor.js';

export interface FaultContext {
  state: LabState;
  supervisor: Supervisor;
  /** Who holds the VIP when the fault starts (the one that did at the last check). */
  master: RouterId;
  sync: boolean;
  promoter: boolean;
  /** The lab's observers in the routers' namespaces, which no fault kills. */
  spare: ReadonlySet<number>;
  say: (text: string) => void;
}

export interface FaultPlan {
  inject(): Promise<void>;
  steps: { atMs: number; run: () => Promise<void> }[];
  /** undefined for a fault that heals itself (a restart, a boot). */
  heal: (() => Promise<void>) | undefined;
}

async function killAgent(ctx: FaultContext, id: RouterId, name: string): Promise<void> {
  const p = ctx.state.processes.filter((x) => x.router === id && x.name === name).pop();
  if (p === undefined || !isAlive(p.pid)) {
    ctx.say(`kill -9 of ${id}'s ${name}: it was not running`);
    return;
  }
  ctx.supervisor.expectDeath(id, name);
  killQuietly(p.pid, 'SIGKILL');
  ctx.say(`kill -9 of ${id}'s ${name} (pid ${p.pid})`);
}

async function keepalivedPids(id: RouterId): Promise<number[]> {
  const out: number[] = [];
  for (const pid of await netnsPids(ROUTERS[id].ns)) {
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'keepalived') out.push(pid);
  }
  return out;
}

export function planFault(fault: Fault, ctx: FaultContext): FaultPlan {
  const peer = ROUTERS[ctx.master].peer;
  const byRole = (role: 'master' | 'backup') => (role === 'master' ? ctx.master : peer);
  const options = { sync: ctx.sync, promoter: ctx.promoter };
  switch (fault.kind) {
    case 'split-brain': {
      const kill = fault.alsoKill;
      return {
        inject: splitBrain,
        steps: kill === undefined ? [] : [{ atMs: kill.atMs, run: () => killAgent(ctx, kill.router, kill.agent) }],
        heal: async () => {
          await healSplitBrain();
          ctx.say('heal: VRRP flows between r1 and r2 again');
        },
      };
    }
    case 'cut-link': {
      const id = byRole(fault.target);
      return {
        inject: async () => {
          await setLanPort(id, 'down');
          ctx.say(`${id}'s LAN port is down`);
        },
        steps: [],
        heal: async () => {
          await setLanPort(id, 'up');
          ctx.say(`heal: ${id}'s LAN port is up again`);
        },
      };
    }
    case 'kill-agent': {
      const id = byRole(fault.target);
      return { inject: () => killAgent(ctx, id, fault.agent), steps: [], heal: undefined };
    }
    case 'stop-keepalived': {
      const id = byRole(fault.target);
      let stopped: number[] = [];
      return {
        inject: async () => {
          stopped = await keepalivedPids(id);
          for (const pid of stopped) killQuietly(pid, 'SIGSTOP');
          ctx.say(`SIGSTOP to ${id}'s keepalived (pids ${stopped.join(', ') || 'none found'})`);
        },
        steps: [],
        heal: async () => {
          for (const pid of stopped) killQuietly(pid, 'SIGCONT');
          ctx.say(`heal: SIGCONT to ${id}'s keepalived`);
        },
      };
    }
    case 'master-reboot': {
      const id = ctx.master;
      return {
        inject: () =>
          ctx.supervisor.exclusive(async () => {
            ctx.supervisor.setPowered(id, false);
            const killed = await powerOff(id, ctx.spare);
            ctx.say(`${id} (the master) is off: ${killed} processes killed, /run cleared`);
          }),
        steps: [
          {
            atMs: fault.offMs,
            run: () =>
              ctx.supervisor.exclusive(async () => {
                await powerOn(ctx.state, id, options);
                ctx.supervisor.setPowered(id, true);
                ctx.say(`${id} boots: nats-server, sshd, the agents, keepalived`);
              }),
          },
        ],
        heal: undefined,
      };
    }
    case 'cold-start': {
      const boot = (id: RouterId) => () =>
        ctx.supervisor.exclusive(async () => {
          await powerOn(ctx.state, id, options);
          ctx.supervisor.setPowered(id, true);
          ctx.say(`${id} boots${id === fault.empty ? ' first, with an empty state dir' : ''}`);
        });
      return {
        inject: () =>
          ctx.supervisor.exclusive(async () => {
            for (const id of ROUTER_IDS) ctx.supervisor.setPowered(id, false);
            let killed = 0;
            for (const id of ROUTER_IDS) killed += await powerOff(id, ctx.spare);
            await emptyStateDir(fault.empty);
            ctx.say(`both routers are off (${killed} processes killed, /run cleared); ${fault.empty}'s state dir is empty`);
          }),
        steps: [
          { atMs: fault.offMs, run: boot(fault.empty) },
          { atMs: fault.offMs + fault.lagMs, run: boot(ROUTERS[fault.empty].peer) },
        ],
        heal: undefined,
      };
    }
  }
}
