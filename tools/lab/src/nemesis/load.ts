// The nemesis's DHCP clients: one long-running busybox udhcpc per client that is on the LAN, which
// renews by itself (half the lease time) and records every event in the client's events file; the
// nemesis makes clients join, go offline, come back, release and renew.
import { appendFile, chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAlive, killQuietly, notYet, sleep, waitFor, WaitTimeoutError } from '@routerd/testkit';
import { run } from '../exec.js';
import { startRecorded } from '../lab.js';
import { setLanPort } from '../netns.js';
import { inClient } from '../router-argv.js';
import type { LabState } from '../state-file.js';
import { clientSpec, LAB_DIR } from '../topology.js';
import type { ClientRecord } from './checker.js';
import { driverLine, parseClientEvents, type ClientEvent, type DriverAction } from './client-records.js';
import type { LoadAction } from './schedule.js';

export const NEMESIS_DIR = `${LAB_DIR}/nemesis`;
const HOOK = `${NEMESIS_DIR}/udhcpc-hook.sh`;
// Every event with the host clock in ms; the address goes on the interface so the client is real.
const HOOK_TEXT = `#!/bin/sh
# udhcpc hook of the routerd lab's nemesis: record each event, configure the address.
now=$(date +%s%3N)
case "$1" in
  bound|renew)
    ip -4 addr flush dev "$interface"
    ip addr add "$ip/$mask" dev "$interface"
    echo "$now $1 $ip $serverid $lease" >> "$RDLAB_EVENTS" ;;
  deconfig)
    ip -4 addr flush dev "$interface"
    echo "$now deconfig" >> "$RDLAB_EVENTS" ;;
  nak) echo "$now nak $message" >> "$RDLAB_EVENTS" ;;
  leasefail) echo "$now leasefail" >> "$RDLAB_EVENTS" ;;
esac
`;

export function eventsFile(id: string): string {
  return `${NEMESIS_DIR}/${id}.events`;
}

type Status = 'absent' | 'live' | 'offline';

async function readEvents(id: string) {
  return parseClientEvents(await readFile(eventsFile(id), 'utf8').catch(() => ''), id);
}

/** The clients' records as their files hold them (they outlive `down`). */
export async function readClientRecords(ids: readonly string[]): Promise<ClientRecord[]> {
  const out: ClientRecord[] = [];
  for (const id of ids) out.push({ id, mac: clientSpec(id).mac, events: (await readEvents(id)).events });
  return out;
}

export interface ClientsDriver {
  /** Hook, empty events files, every client ignoring ping (so only the lease file protects an address). */
  setup(): Promise<void>;
  act(action: Pick<LoadAction, 'client' | 'kind'>): Promise<void>;
  status(id: string): Status;
  ids(): string[];
  records(): Promise<ClientRecord[]>;
  /** Unparseable lines of the events files, for the narration. */
  bad(): Promise<string[]>;
  /** Waits until each client has an event of `types` after `since`; returns the ones that had none. */
  awaitEvents(ids: readonly string[], since: number, types: readonly ClientEvent['type'][], timeoutMs: number): Promise<string[]>;
}

export function createClientsDriver(state: LabState, ids: readonly string[]): ClientsDriver {
  const status = new Map<string, Status>(ids.map((id) => [id, 'absent']));
  const pids = new Map<string, number>();

  const mark = (id: string, action: DriverAction) => appendFile(eventsFile(id), driverLine(Date.now(), action));
  const events = readEvents;
  const lastAddress = async (id: string): Promise<string | undefined> => {
    for (const e of (await events(id)).events.reverse()) if (e.type === 'bound' || e.type === 'renew') return e.address;
    return undefined;
  };

  async function start(id: string): Promise<void> {
    const c = clientSpec(id);
    await setLanPort(id, 'up');
    const last = await lastAddress(id);
    // A client asks for the address it had (busybox: a DISCOVER with the requested-IP option).
    const request = last === undefined ? [] : ['-r', last];
    const argv = inClient(c.ns, ['udhcpc', '-i', 'eth0', '-f', '-s', HOOK, '-t', '3', '-T', '2', '-A', '2', '-R', '-x', `hostname:${id}`, ...request]);
    const pid = await startRecorded(state, { name: `udhcpc-${id}`, argv, env: { RDLAB_EVENTS: eventsFile(id) } }, { logFile: `${NEMESIS_DIR}/${id}.udhcpc.log` });
    pids.set(id, pid);
  }

  async function stop(id: string, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    const pid = pids.get(id);
    pids.delete(id);
    if (pid === undefined || !isAlive(pid)) return;
    killQuietly(pid, signal);
    try {
      await waitFor(`udhcpc of ${id} (pid ${pid}) to exit`, () => (isAlive(pid) ? notYet('still running') : true), { timeoutMs: 3_000, intervalMs: 20 });
    } catch (error) {
      if (!(error instanceof WaitTimeoutError)) throw error;
      killQuietly(pid, 'SIGKILL');
    }
  }

  return {
    async setup() {
      await mkdir(NEMESIS_DIR, { recursive: true });
      await writeFile(HOOK, HOOK_TEXT);
      await chmod(HOOK, 0o755);
      for (const id of ids) {
        await writeFile(eventsFile(id), '');
        await run(['ip', 'netns', 'exec', clientSpec(id).ns, 'sysctl', '-q', '-w', 'net.ipv4.icmp_echo_ignore_all=1']);
      }
    },
    async act({ client: id, kind }) {
      const now = status.get(id);
      switch (kind) {
        case 'join':
        case 'return':
          if (now === 'live') return;
          await mark(id, kind);
          status.set(id, 'live');
          await start(id);
          return;
        case 'offline':
          if (now !== 'live') return;
          // Off the LAN without a word: no release, the lease stays the client's until it expires.
          await mark(id, 'offline');
          status.set(id, 'offline');
          await stop(id, 'SIGKILL');
          await setLanPort(id, 'down');
          return;
        case 'release':
          if (now !== 'live') return;
          await mark(id, 'release');
          status.set(id, 'absent');
          await stop(id, 'SIGTERM'); // -R: udhcpc sends a DHCPRELEASE as it exits
          await run(['ip', '-n', clientSpec(id).ns, '-4', 'addr', 'flush', 'dev', 'eth0'], { check: false });
          return;
        case 'renew': {
          const pid = pids.get(id);
          if (now !== 'live' || pid === undefined) return;
          await mark(id, 'renew');
          killQuietly(pid, 'SIGUSR1');
          return;
        }
      }
    },
    status: (id) => status.get(id) ?? 'absent',
    ids: () => [...ids],
    records: () => readClientRecords(ids),
    async bad() {
      const out: string[] = [];
      for (const id of ids) out.push(...(await events(id)).bad);
      return out;
    },
    async awaitEvents(wanted, since, types, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let missing = [...wanted];
      while (missing.length > 0 && Date.now() < deadline) {
        const still: string[] = [];
        for (const id of missing) if (!(await events(id)).events.some((e) => e.at >= since && types.includes(e.type))) still.push(id);
        missing = still;
        if (missing.length > 0) await sleep(200);
      }
      return missing;
    },
  };
}
