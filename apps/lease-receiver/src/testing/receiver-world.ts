// The world of the receiver's unit tests: a temp state on disk, a configuration, and fakes for what
// runs beside it (rsync "transfers" a given text into the named file; `ip` prints a captured output).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIpAddrJson } from '@routerd/agent/command';
import { IP_ADDR_ABSENT, IP_ADDR_PRESENT } from '@routerd/agent/testing';
import type { RouterConfig } from '@routerd/model';
import { haLanResources, loadTestConfig, configYaml } from '@routerd/model/testing';
import { pullSource } from '../pull-snapshot.js';
import type { CheckResult } from '../run-check.js';
import type { ReceiverDeps, ReceiverOptions, RsyncExit } from '../receive.js';

export const NOW_MS = 1_800_000_000_000;
const LATER = 1_800_000_000 + 3600;
export const PEER_A = `${LATER} 02:00:00:00:30:10 192.0.2.130 cl-a *\n`;
export const PEER_B = `${LATER} 02:00:00:00:30:11 192.0.2.131 * *\n`;
export const LOCAL = `${LATER + 60} 02:00:00:00:30:20 192.0.2.140 mine *\n`;

export interface ReceiverWorld {
  dir: string;
  live: string;
  config: RouterConfig;
  options(command: string | undefined): ReceiverOptions;
  deps: ReceiverDeps;
  /** What the next rsync run transfers into its target; undefined: it transfers nothing. */
  pushed: string | undefined;
  rsyncExit: RsyncExit;
  rsyncCalls: string[][];
  /** For a pull: the content of the file rsync was asked to send. */
  sentContent: string | undefined;
  vipHeld: boolean;
  checkExit: number | undefined;
  checkCalls: string[][];
  stderr(): string;
  read(path: string): Promise<string | undefined>;
  remove(): Promise<void>;
}

export interface WorldOptions {
  /** Adds DHCPServerPromotion/lan-dhcp with this check. */
  check?: string[];
  delivery?: 'merge' | 'replace';
}

export async function receiverWorld(options: WorldOptions = {}): Promise<ReceiverWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'lease-receiver-'));
  const live = join(dir, 'dnsmasq', 'dnsmasq.leases');
  await mkdir(join(dir, 'dnsmasq'));
  const promotion = options.check === undefined ? undefined : { start: ['true'], stop: ['true'], check: options.check };
  const resources = haLanResources({ ifname: 'lan0', targets: [{ host: '198.51.100.2' }], leaseFile: live, ...(promotion === undefined ? {} : { promotion }) });
  const config = loadTestConfig(configYaml(resources));
  // spec.delivery is set on the loaded object: the receiver reads it whether or not the model's schema has it yet.
  if (options.delivery !== undefined) for (const r of config.resources) if (r.kind === 'DHCPv4ServerLeaseSync') Object.assign(r.spec, { delivery: options.delivery });
  let err = '';
  const world: ReceiverWorld = {
    dir,
    live,
    config,
    options: (command) => ({ configFile: join(dir, 'router.yaml'), dirs: { stateDir: join(dir, 'state'), runtimeDir: join(dir, 'run') }, node: 'router-b', command }),
    pushed: undefined,
    rsyncExit: { code: 0 },
    rsyncCalls: [],
    sentContent: undefined,
    vipHeld: false,
    checkExit: 1,
    checkCalls: [],
    deps: {
      loadConfig: () => Promise.resolve(config),
      readAddresses: () => Promise.resolve(parseIpAddrJson(world.vipHeld ? IP_ADDR_PRESENT : IP_ADDR_ABSENT)),
      runCheck: (argv) => {
        world.checkCalls.push([...argv]);
        const result: CheckResult = { exitCode: world.checkExit, timedOut: world.checkExit === undefined };
        return Promise.resolve(result);
      },
      runRsync: async (argv) => {
        world.rsyncCalls.push([...argv]);
        const target = argv.at(-1) ?? '';
        if (argv.includes('--sender')) world.sentContent = await readFile(target, 'utf8').catch(() => undefined);
        else if (world.pushed !== undefined && 'code' in world.rsyncExit && world.rsyncExit.code === 0) await writeFile(target, world.pushed);
        return world.rsyncExit;
      },
      pullSource,
      now: () => NOW_MS,
      stderr: { write: (text: string) => (err += text) },
      lockWaitMs: 0,
    },
    stderr: () => err,
    read: (path) => readFile(path, 'utf8').catch(() => undefined),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  return world;
}

