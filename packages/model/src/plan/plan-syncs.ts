// What the syncer does with a configuration: one job per lease-sync resource, with exact commands.
import { parseDuration } from '../duration.js';
import { HANDBACK_SUFFIX, inboxPaths } from '../inbox-paths.js';
import { sourcePath, type RuntimeDirs } from '../paths.js';
import { resourceId, type Resource } from '../resources/kinds.js';
import { parseSourceRef, SYNC_SOURCE_KIND, type LeaseSyncResource, type SyncDelivery, type SyncKind } from '../resources/lease-sync.js';
import type { RouterConfig } from '../router.js';
import { describeWhen } from '../when/describe.js';
import type { When } from '../when/schema.js';
import { sshControlDir, sshControlPath } from './control-path.js';
import { PlanError } from './errors.js';
import { joinRshCommand } from './rsh-command.js';
import { rsyncArgv, rsyncDestination, rsyncPullArgv } from './rsync-argv.js';
import { sshCommandParts } from './ssh-command.js';

/** Every command runs under this deadline besides rsync's own --timeout. */
export const SYNC_DEADLINE_MS = 120_000;

export interface TargetPlan {
  /** target.name ?? host */
  name: string;
  host: string;
  user?: string;
  /** "[user@]host:<path>" (an IPv6 host in brackets for rsync). */
  destination: string;
  /** The push: argv[0] is spec.command; the full exact command, no shell. */
  argv: string[];
  /** The push on demotion: the same argv, to "<destination>.routerd-handback" (the target's inbox). */
  handbackArgv: string[];
  /** Pulls the target's file into the local inbox's `pulled` file (the promoter, before it serves). */
  pullArgv: string[];
  /** The -e value. */
  sshCommand: string;
  /**
   * The directory of ssh's control sockets, when connections are reused: whoever runs these commands
   * creates it first (mode 0700), since ssh fails (255) after logging in when it cannot bind there.
   */
  controlDir?: string;
}

export interface SyncJob {
  /** "Kind/name" of the sync resource. */
  id: string;
  kind: SyncKind;
  name: string;
  source: { kind: string; name: string; path: string };
  /** What the target's receiver does with a push: merge it, or replace its file. */
  delivery: SyncDelivery;
  interval: string;
  intervalMs: number;
  when: When | undefined;
  whenText: string;
  deadlineMs: number;
  targets: TargetPlan[];
}

export interface PlanOptions {
  dirs: RuntimeDirs;
  /** ssh ControlMaster/ControlPath/ControlPersist under <runtimeDir>/ssh; default true. */
  reuseConnections?: boolean;
}

function isSync(resource: Resource): resource is LeaseSyncResource {
  return Object.hasOwn(SYNC_SOURCE_KIND, resource.kind);
}

function checkDirs(dirs: RuntimeDirs): void {
  for (const key of ['stateDir', 'runtimeDir'] as const) {
    const dir: unknown = dirs[key];
    if (typeof dir !== 'string' || !dir.startsWith('/')) {
      throw new PlanError(`expected options.dirs.${key} to be an absolute path, found ${JSON.stringify(dir)}`);
    }
  }
}

function planJob(config: RouterConfig, sync: LeaseSyncResource, dirs: RuntimeDirs, controlPath: () => string | undefined): SyncJob {
  const id = resourceId(sync);
  const source = parseSourceRef(sync.kind, sync.spec.source.resource);
  const expectedKind = SYNC_SOURCE_KIND[sync.kind];
  if (source.kind !== expectedKind) {
    throw new PlanError(`${id} spec.source.resource expected a ${expectedKind}, found ${JSON.stringify(sync.spec.source.resource)}`);
  }
  if (!config.resources.some((r) => r.kind === source.kind && r.metadata.name === source.name)) {
    throw new PlanError(`${id} spec.source.resource names ${source.kind}/${source.name}, which is not declared`);
  }
  const path = sourcePath(config, source, dirs);
  const pulled = inboxPaths(path).pulled;
  let intervalMs: number;
  try {
    intervalMs = parseDuration(sync.spec.interval);
  } catch (error) {
    throw new PlanError(`${id} spec.interval ${(error as Error).message}`, { cause: error });
  }
  const targets = sync.spec.targets.map((target): TargetPlan => {
    const socket = controlPath();
    const sshCommand = joinRshCommand(sshCommandParts(target.sshOptions ?? [], socket));
    const destination = rsyncDestination(target.host, target.user, path);
    const common = { command: sync.spec.command, options: target.options ?? [], sshCommand };
    const argv = rsyncArgv({ ...common, sourcePath: path, destination });
    const handbackArgv = rsyncArgv({ ...common, sourcePath: path, destination: `${destination}${HANDBACK_SUFFIX}` });
    const pullArgv = rsyncPullArgv({ ...common, from: destination, localPath: pulled });
    const plan: TargetPlan = { name: target.name ?? target.host, host: target.host, destination, argv, handbackArgv, pullArgv, sshCommand };
    if (target.user !== undefined) plan.user = target.user;
    if (socket !== undefined) plan.controlDir = sshControlDir(dirs);
    return plan;
  });
  return {
    id: `${sync.kind}/${sync.metadata.name}`,
    kind: sync.kind,
    name: sync.metadata.name,
    source: { kind: source.kind, name: source.name, path },
    delivery: sync.spec.delivery,
    interval: sync.spec.interval,
    intervalMs,
    when: sync.spec.when,
    whenText: describeWhen(sync.spec.when),
    deadlineMs: SYNC_DEADLINE_MS,
    targets,
  };
}

/** One job per sync resource, in configuration order; throws PlanError naming the resource and field. */
export function planSyncs(config: RouterConfig, options: PlanOptions): SyncJob[] {
  checkDirs(options.dirs);
  const reuse = options.reuseConnections ?? true;
  let cached: string | undefined;
  // Computed on first use: a configuration without syncs needs no control path.
  const controlPath = (): string | undefined => (reuse ? (cached ??= sshControlPath(options.dirs)) : undefined);
  return config.resources.filter(isSync).map((sync) => planJob(config, sync, options.dirs, controlPath));
}
