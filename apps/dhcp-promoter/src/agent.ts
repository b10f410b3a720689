// Wires the dhcp-promoter for the agent bootstrap: role subscription, promoter, status service.
import type { AgentHandle, StartAgent } from '@routerd/agent';
import type { RouterConfig, RuntimeDirs } from '@routerd/model';
import { subscribeValidated, vipRoleEventSchema, vipWildcard } from '@routerd/bus';
import { runCommand, type BackoffPolicy, type RunCommand } from '@routerd/agent';
import { systemClock, type Clock } from '@routerd/agent';
import { nodeInboxFs, type InboxFs } from './inbox.js';
import { createLeaseReconciler, type LeaseFunctions } from './lease-files.js';
import { createPromoter } from './promoter.js';
import type { LeaseAccess } from './promotion-machine.js';
import { promotionPlans } from './promotion-plan.js';
import { startStatusService } from './status-service.js';

export const AGENT_NAME = 'routerd-dhcp-promoter';

export interface DhcpPromoterSettings {
  exec?: RunCommand;
  clock?: Clock;
  heartbeatMs?: number;
  backoff?: BackoffPolicy;
  commandDeadlineMs?: number;
  stopBoundMs?: number;
  /**
   * applyToLive and withLeaseLock of @routerd/leases: with them, each promotion reconciles its lease
   * files with the peer's (handback, pull, heal); without them settle is a plain wait.
   */
  leases?: LeaseFunctions;
  inboxFs?: InboxFs;
  /** How often the fetch looks for a handback (default 150 ms). */
  handbackPollMs?: number;
}

function hasLeaseFiles(config: RouterConfig, dirs: RuntimeDirs): boolean {
  try {
    return promotionPlans(config, { dirs }).some((plan) => plan.leaseFiles.length > 0);
  } catch {
    // The promoter says what is wrong with the plans when it starts.
    return false;
  }
}

function leaseAccess(settings: DhcpPromoterSettings): LeaseAccess | undefined {
  if (settings.leases === undefined) return undefined;
  const fs = settings.inboxFs ?? nodeInboxFs;
  return { fs, reconciler: createLeaseReconciler(settings.leases, fs), ...(settings.handbackPollMs === undefined ? {} : { pollMs: settings.handbackPollMs }) };
}

/** The StartAgent runAgent calls. Its stop never stops the DHCP server: an agent restart must not interrupt DHCP. */
export function dhcpPromoterAgent(settings: DhcpPromoterSettings = {}): StartAgent {
  return async ({ nc, node, config, log, defer, dirs }): Promise<AgentHandle> => {
    const leases = leaseAccess(settings);
    if (leases === undefined && hasLeaseFiles(config, dirs)) {
      log.warn("lease files are not reconciled (no lease functions given): a new master starts its DHCP server after settle without the peer's handback or pull");
    }
    const promoter = createPromoter({
      node,
      config,
      dirs,
      ...(leases === undefined ? {} : { leases }),
      exec: settings.exec ?? runCommand,
      clock: settings.clock ?? systemClock,
      log,
      publish: (subject, data) => nc.publish(subject, data),
      ...(settings.heartbeatMs === undefined ? {} : { heartbeatMs: settings.heartbeatMs }),
      ...(settings.backoff === undefined ? {} : { backoff: settings.backoff }),
      ...(settings.commandDeadlineMs === undefined ? {} : { commandDeadlineMs: settings.commandDeadlineMs }),
      ...(settings.stopBoundMs === undefined ? {} : { stopBoundMs: settings.stopBoundMs }),
    });
    promoter.start();
    defer(() => promoter.stop());
    // One subscription for every VIP of this node: role events arrive in the order they were published.
    const roles = subscribeValidated(nc, vipWildcard(node), vipRoleEventSchema, {
      onMessage: (event) => promoter.handleRole(event),
      onBad: (problem) => log.warn({ err: problem }, problem.message),
    });
    defer(() => roles.subscription.unsubscribe());
    const service = await startStatusService({ nc, node, log, statuses: () => promoter.statuses() });
    defer(() => service.stop());
    return {
      reload: (next) => Promise.resolve(promoter.reload(next)),
      drained: () => roles.done,
    };
  };
}
