// Wires the dhcp-promoter for the agent bootstrap: role subscription, promoter, status service.
import type { AgentHandle, StartAgent } from '@routerd/agent';
import { subscribeValidated, vipRoleEventSchema, vipWildcard } from '@routerd/bus';
import { runCommand, type BackoffPolicy, type RunCommand } from '@routerd/agent';
import { systemClock, type Clock } from '@routerd/agent';
import { nodeInboxFs, type InboxFs } from './inbox.js';
import { applyToLive, withLeaseLock } from '@routerd/leases';
import { createHandbackTrace } from './handback-trace.js';
import { createLeaseReconciler, type LeaseFunctions } from './lease-files.js';
import { createPromoter } from './promoter.js';
import type { LeaseAccess } from './promotion-machine.js';
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
   * How the lease files are merged and locked; default applyToLive and withLeaseLock of @routerd/leases
   * (tests inject their own).
   */
  leases?: LeaseFunctions;
  inboxFs?: InboxFs;
  /** How often the fetch looks for a handback (default 150 ms). */
  handbackPollMs?: number;
}

function leaseAccess(settings: DhcpPromoterSettings, clock: Clock): LeaseAccess {
  const fs = settings.inboxFs ?? nodeInboxFs;
  return {
    fs,
    reconciler: createLeaseReconciler(settings.leases ?? { applyToLive, withLeaseLock }, fs),
    trace: createHandbackTrace(fs, clock),
    ...(settings.handbackPollMs === undefined ? {} : { pollMs: settings.handbackPollMs }),
  };
}

/** The StartAgent runAgent calls. Its stop never stops the DHCP server: an agent restart must not interrupt DHCP. */
export function dhcpPromoterAgent(settings: DhcpPromoterSettings = {}): StartAgent {
  return async ({ nc, node, config, log, defer, dirs }): Promise<AgentHandle> => {
    const clock = settings.clock ?? systemClock;
    const leases = leaseAccess(settings, clock);
    defer(() => leases.trace?.close());
    const promoter = createPromoter({
      node,
      config,
      dirs,
      leases,
      exec: settings.exec ?? runCommand,
      clock,
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
      counters: promoter.counters,
      onMessage: (event, msg) => promoter.handleRole(event, msg.subject),
      onBad: (problem) => promoter.report(problem),
    });
    defer(() => roles.subscription.unsubscribe());
    const service = await startStatusService({ nc, node, log, statuses: () => promoter.statuses(), counters: promoter.counters });
    defer(() => service.stop());
    return {
      reload: (next) => Promise.resolve(promoter.reload(next)),
      drained: () => roles.done,
    };
  };
}
