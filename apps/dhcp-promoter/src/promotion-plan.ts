// What the promoter needs of each DHCPServerPromotion: commands, durations in ms, the servers it covers.
import type { PromotionServer } from '@routerd/bus';
import { errorMessage, parseDuration, planSyncs, PROMOTED_SERVER_KINDS, promotedServers, type PromotedServerKind, type RouterConfig, type RuntimeDirs, type SyncJob } from '@routerd/model';
import { LeaseSyncPlanError, PromotionPlanError } from './errors.js';
import { leaseFilePlans, type LeaseFilePlan } from './lease-file-plan.js';

export interface PromotionPlan {
  name: string;
  virtualAddress: string;
  servers: PromotionServer[];
  start: readonly string[];
  stop: readonly string[];
  /** Run right after every start (Serving only once it exits 0) and every checkInterval. */
  check: readonly string[];
  /** Prints the server's last words for an Error; none when not configured. */
  logs?: readonly string[] | undefined;
  checkIntervalMs: number;
  settleMs: number;
  /** The lease files reconciled with the peer before a mastership serves and while it serves; none: settle is a plain wait. */
  leaseFiles: LeaseFilePlan[];
}

export interface PromotionPlanOptions {
  /** Where the lease files are (their syncs are planned from it); without it no lease file is reconciled. */
  dirs?: RuntimeDirs | undefined;
}

function isServerKind(kind: string): kind is PromotedServerKind {
  return (PROMOTED_SERVER_KINDS as readonly string[]).includes(kind);
}

function syncJobs(config: RouterConfig, dirs: RuntimeDirs | undefined): SyncJob[] {
  if (dirs === undefined) return [];
  try {
    return planSyncs(config, { dirs });
  } catch (error) {
    throw new LeaseSyncPlanError(`the lease syncs, whose files the promotions reconcile, could not be planned: ${errorMessage(error)}`, { cause: error });
  }
}

/** One plan per DHCPServerPromotion of a validated configuration, in file order. */
export function promotionPlans(config: RouterConfig, options: PromotionPlanOptions = {}): PromotionPlan[] {
  const plans: PromotionPlan[] = [];
  const jobs = syncJobs(config, options.dirs);
  for (const resource of config.resources) {
    if (resource.kind !== 'DHCPServerPromotion') continue;
    const { spec } = resource;
    const servers: PromotionServer[] = [];
    for (const ref of promotedServers(spec, config.resources)) {
      if (!isServerKind(ref.kind)) {
        throw new PromotionPlanError(`DHCPServerPromotion/${resource.metadata.name}: expected servers of kind DHCPv4Server or DHCPv6Server, found ${JSON.stringify(`${ref.kind}/${ref.name}`)}`);
      }
      servers.push({ kind: ref.kind, name: ref.name });
    }
    if (servers.length === 0) throw new PromotionPlanError(`DHCPServerPromotion/${resource.metadata.name}: expected at least one DHCP server to promote, found none`);
    plans.push({
      name: resource.metadata.name,
      virtualAddress: spec.virtualAddress,
      servers,
      start: spec.start,
      stop: spec.stop,
      check: spec.check,
      ...(spec.logs === undefined ? {} : { logs: spec.logs }),
      checkIntervalMs: parseDuration(spec.checkInterval),
      settleMs: parseDuration(spec.settle),
      leaseFiles: leaseFilePlans(jobs, servers),
    });
  }
  return plans;
}
