// The vip-watcher's core: observes every VirtualAddress, publishes each change at once and all roles
// as a heartbeat. Every heartbeat re-reads the kernel's addresses (a fresh dump from the long-running
// `ip -j -batch -`, address-reader.ts) and keepalived's process (two small file reads): a heartbeat vouches for what was read for it, so
// an event `ip monitor` missed is published by the next heartbeat, not repeated from memory.
// Monitor and FIFO lines trigger an extra re-read at once.
import type { Logger } from '@routerd/agent';
import { encode, vipRoleEventSchema, vipSubject, type VipRoleEvent } from '@routerd/bus';
import type { RouterConfig } from '@routerd/model';
import { deriveRole, type DerivedRole, type KeepalivedObservation, type KernelObservation } from './derive-role.js';
import { parseFifoLine, type FifoState } from './fifo-line.js';
import { vipForInstance } from './instance-names.js';
import type { InterfaceAddresses } from '@routerd/agent';
import { carriedTransition, type RoleStore } from './role-store.js';
import { watchedVips, type WatchedVip } from './watched-vips.js';
import { errorMessage } from '@routerd/model';

export const DEFAULT_HEARTBEAT_MS = 2_000;
/** How often the notify FIFO is checked for having been replaced on disk (keepalived recreates it). */
export const DEFAULT_FIFO_CHECK_MS = 30_000;

export interface VipWatcherDeps {
  node: string;
  config: RouterConfig;
  log: Logger;
  publish: (subject: string, data: Uint8Array) => void;
  readAddresses: () => Promise<InterfaceAddresses>;
  checkKeepalived: () => Promise<KeepalivedObservation>;
  store: RoleStore;
  now?: () => Date;
  heartbeatMs?: number;
  fifoCheckMs?: number;
  /** Called every fifoCheckMs (false) and when keepalived's pid changes (true): to reopen the notify FIFO. */
  onKeepalivedCheck?: (changed: boolean) => void;
}

export interface WatcherCounters {
  events: number;
  publishErrors: number;
  fifoLines: number;
  fifoBad: number;
  fifoIgnored: number;
  kernelReads: number;
  kernelFailures: number;
}

export interface VipWatcher {
  /** Loads stored events, observes, publishes, starts the timers. */
  start(): Promise<void>;
  /** Observes again; `rereadKernel` reads the kernel's addresses anew. Concurrent calls are folded into one more round. */
  refresh(rereadKernel: boolean): Promise<void>;
  /** One line from keepalived's notify FIFO. Never throws. */
  handleFifoLine(line: string): void;
  reload(config: RouterConfig): Promise<void>;
  /** The current event of every VirtualAddress, in configuration order. */
  events(): VipRoleEvent[];
  readonly counters: Readonly<WatcherCounters>;
  stop(): Promise<void>;
}


function sameDerived(event: VipRoleEvent, derived: DerivedRole, vip: WatchedVip): boolean {
  return (
    event.role === derived.role &&
    event.reason === derived.reason &&
    event.evidence.join(' ') === derived.evidence.join(' ') &&
    event.address === vip.address &&
    event.ifname === vip.ifname
  );
}

export function createVipWatcher(deps: VipWatcherDeps): VipWatcher {
  const { node, log, publish, store } = deps;
  const now = deps.now ?? (() => new Date());
  const heartbeatMs = deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const fifoCheckMs = deps.fifoCheckMs ?? DEFAULT_FIFO_CHECK_MS;
  const counters: WatcherCounters = { events: 0, publishErrors: 0, fifoLines: 0, fifoBad: 0, fifoIgnored: 0, kernelReads: 0, kernelFailures: 0 };

  let vips = watchedVips(deps.config);
  const current = new Map<string, VipRoleEvent>();
  const stored = new Map<string, VipRoleEvent | undefined>();
  const seqs = new Map<string, number>();
  const fifoStates = new Map<string, FifoState>();
  const saves = new Map<string, Promise<void>>();
  let kernel: KernelObservation | undefined;
  let keepalivedPid: number | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let fifoCheckTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  const loadStored = async (names: readonly string[]) => {
    for (const name of names) {
      try {
        stored.set(name, await store.load(name));
      } catch (error) {
        log.warn({ vip: name, err: error }, `${errorMessage(error)}; starting without it`);
        stored.set(name, undefined);
      }
    }
  };

  const send = (event: VipRoleEvent) => {
    const seq = seqs.get(event.name) ?? 0;
    seqs.set(event.name, seq + 1);
    const withSeq = { ...event, seq };
    current.set(event.name, withSeq);
    let subject = '';
    try {
      subject = vipSubject(node, event.name);
      publish(subject, encode(vipRoleEventSchema, withSeq, subject));
      counters.events += 1;
    } catch (error) {
      counters.publishErrors += 1;
      log.error({ vip: event.name, subject, err: error }, `cannot publish the role of ${event.name}: ${errorMessage(error)}`);
    }
  };

  const observe = async (rereadKernel: boolean, heartbeat: boolean) => {
    if (rereadKernel || kernel === undefined) {
      counters.kernelReads += 1;
      try {
        const interfaces = await deps.readAddresses();
        if (kernel?.ok === false) log.info("the kernel's addresses are readable again");
        kernel = { ok: true, interfaces };
      } catch (error) {
        counters.kernelFailures += 1;
        if (kernel === undefined || kernel.ok) log.warn({ err: error }, `cannot read the kernel's addresses: ${errorMessage(error)}`);
        kernel = { ok: false, reason: errorMessage(error) };
      }
    }
    const keepalived = await deps.checkKeepalived();
    const pid = keepalived.state === 'running' ? keepalived.pid : undefined;
    const pidChanged = pid !== keepalivedPid;
    if (pidChanged && fifoStates.size > 0) {
      // A new (or no) keepalived: what the old one said over the FIFO no longer holds.
      log.info({ from: keepalivedPid, to: pid }, 'keepalived process changed; forgetting its FIFO states');
      fifoStates.clear();
    }
    keepalivedPid = pid;
    if (pidChanged) deps.onKeepalivedCheck?.(true);
    if (stopped) return;

    const observedAt = now().toISOString();
    for (const vip of vips) {
      const derived = deriveRole({ vip, kernel, keepalived, fifo: fifoStates.get(vip.name) });
      const previous = current.get(vip.name);
      const changed = previous === undefined || !sameDerived(previous, derived, vip);
      if (!changed && !heartbeat) {
        current.set(vip.name, { ...previous, observedAt });
        continue;
      }
      const lastRoleTransitionAt =
        previous === undefined
          ? carriedTransition(stored.get(vip.name), derived.role, observedAt)
          : previous.role === derived.role
            ? previous.lastRoleTransitionAt
            : observedAt;
      const event: VipRoleEvent = {
        type: 'vip.role',
        node,
        name: vip.name,
        role: derived.role,
        address: vip.address,
        interface: vip.interface,
        ifname: vip.ifname,
        family: vip.family,
        ...(vip.virtualRouterID === undefined ? {} : { virtualRouterID: vip.virtualRouterID }),
        ...(vip.priority === undefined ? {} : { priority: vip.priority }),
        observedAt,
        lastRoleTransitionAt,
        evidence: derived.evidence,
        ...(derived.reason === undefined ? {} : { reason: derived.reason }),
        heartbeatMs,
        seq: 0,
      };
      if (previous === undefined || previous.role !== derived.role) {
        const from = previous?.role ?? stored.get(vip.name)?.role ?? 'none';
        // unknown is a failure to observe (journalctl -p warning shows it); the other roles are routine.
        const level = derived.role === 'unknown' ? 'warn' : 'info';
        const why = derived.reason === undefined ? '' : ` (${derived.reason})`;
        log[level]({ vip: vip.name, from, to: derived.role, evidence: derived.evidence, reason: derived.reason }, `${vip.name}: ${from} → ${derived.role}${why}`);
      }
      send(event);
      if (changed) {
        const saved = current.get(vip.name);
        if (saved !== undefined) {
          stored.set(vip.name, saved);
          // One write at a time per VirtualAddress, in order.
          const previousSave = saves.get(vip.name) ?? Promise.resolve();
          saves.set(
            vip.name,
            previousSave.then(() => store.save(saved)).catch((error: unknown) => log.warn({ vip: vip.name, err: error }, errorMessage(error))),
          );
        }
      }
    }
  };

  let inFlight: Promise<void> | undefined;
  let want = { any: false, reread: false, heartbeat: false };
  const loop = async () => {
    while (want.any && !stopped) {
      const round = want;
      want = { any: false, reread: false, heartbeat: false };
      try {
        await observe(round.reread, round.heartbeat);
      } catch (error) {
        log.error({ err: error }, `observing the VirtualAddresses failed: ${errorMessage(error)}`);
      }
    }
  };
  const request = (reread: boolean, heartbeat: boolean): Promise<void> => {
    want = { any: true, reread: want.reread || reread, heartbeat: want.heartbeat || heartbeat };
    inFlight ??= loop().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    async start() {
      await loadStored(vips.map((v) => v.name));
      await request(true, false);
      heartbeatTimer = setInterval(() => void request(true, true), heartbeatMs);
      fifoCheckTimer = setInterval(() => deps.onKeepalivedCheck?.(false), fifoCheckMs);
    },
    refresh: (rereadKernel) => request(rereadKernel, false),
    handleFifoLine(line) {
      counters.fifoLines += 1;
      const parsed = parseFifoLine(line);
      if (!parsed.ok) {
        counters.fifoBad += 1;
        log.warn({ line: line.slice(0, 200) }, parsed.error);
        return;
      }
      const value = parsed.value;
      if (value.type !== 'instance') {
        counters.fifoIgnored += 1;
        log.debug({ line }, value.type === 'ignored' ? value.why : 'keepalived sync group line; roles follow the instances');
        return;
      }
      const vip = vipForInstance(vips, value.name);
      if (vip === undefined) {
        counters.fifoIgnored += 1;
        log.info({ instance: value.name }, `keepalived instance ${JSON.stringify(value.name)} matches no VirtualAddress; ignored`);
        return;
      }
      log.info({ vip: vip.name, instance: value.name, state: value.state, priority: value.priority }, `keepalived reports ${value.state} for ${vip.name}`);
      fifoStates.set(vip.name, value.state);
      void request(true, false);
    },
    async reload(config) {
      const next = watchedVips(config);
      const names = new Set(next.map((v) => v.name));
      for (const name of [...current.keys()]) {
        if (names.has(name)) continue;
        current.delete(name);
        fifoStates.delete(name);
        stored.delete(name);
        log.info({ vip: name }, `${name} is no longer configured; no longer published`);
      }
      await loadStored(next.filter((v) => !stored.has(v.name)).map((v) => v.name));
      vips = next;
      await request(true, false);
    },
    events: () => vips.map((v) => current.get(v.name)).filter((e): e is VipRoleEvent => e !== undefined),
    counters,
    async stop() {
      stopped = true;
      clearInterval(heartbeatTimer);
      clearInterval(fifoCheckTimer);
      await inFlight;
      await Promise.all(saves.values());
    },
  };
}
