// `routerctl describe vip/NAME` for people: the role the vip-watcher last observed, and why.
import type { VipRoleEvent } from '@routerd/bus';
import { formatSpan, formatTime } from './age.js';
import { formatFields } from './fields.js';
import { isStale } from './heartbeat.js';

function freshness(event: VipRoleEvent, now: number): string {
  const observedAt = Date.parse(event.observedAt);
  const every = `every ${formatSpan(event.heartbeatMs)}`;
  if (isStale(event, now)) return `${every}; STALE, last one ${formatSpan(now - observedAt)} ago (gates count the role as unknown)`;
  return `${every}; fresh`;
}

export function formatVipDescribe(event: VipRoleEvent, now: number): string {
  const lines = formatFields([
    ['Name', event.name],
    ['Kind', 'VirtualAddress'],
    ['Node', event.node],
    ['Role', event.role],
    ['Address', `${event.address} (${event.family})`],
    ['Interface', `${event.interface} (${event.ifname})`],
    ['Virtual Router ID', event.virtualRouterID === undefined ? '<none>' : String(event.virtualRouterID)],
    ['Priority', event.priority === undefined ? '<none>' : String(event.priority)],
    ['Observed At', formatTime(event.observedAt, now)],
    ['Last Role Transition', formatTime(event.lastRoleTransitionAt, now)],
    ['Heartbeat', freshness(event, now)],
    ['Reason', event.reason ?? '<none>'],
  ]);
  lines.push('Evidence:', ...(event.evidence.length === 0 ? ['  <none>'] : event.evidence.map((e) => `  ${e}`)));
  return `${lines.join('\n')}\n`;
}
