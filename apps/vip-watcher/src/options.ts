// The vip-watcher's own flags, declared for the agent bootstrap, which parses them with the common ones and
// hands them to the agent as `context.flags`.
import { DEFAULT_IP_COMMAND, type AgentFlags } from '@routerd/agent';
import { DEFAULT_KEEPALIVED_PIDFILE } from './keepalived-process.js';

/** A name `ip -n` resolves under /run/netns: one path segment, never read as an option. */
const NETNS_NAME = /^[A-Za-z0-9_.-]+$/;

function netnsProblem(value: string): string | undefined {
  if (!NETNS_NAME.test(value) || value === '.' || value === '..' || value.startsWith('-')) {
    return `expected a network namespace name of letters, digits, "_", "." and "-" (not starting with "-"), found ${JSON.stringify(value)}`;
  }
  return undefined;
}

function pathProblem(value: string): string | undefined {
  return !value.startsWith('/') || /[\0\n\r]/.test(value) ? `expected an absolute path without newlines, found ${JSON.stringify(value)}` : undefined;
}

export const VIP_WATCHER_FLAGS = {
  'notify-fifo': { placeholder: 'PATH', env: 'ROUTERD_KEEPALIVED_NOTIFY_FIFO', expects: 'a path', check: pathProblem, help: "keepalived's vrrp_notify_fifo" },
  'keepalived-pidfile': {
    placeholder: 'PATH',
    env: 'ROUTERD_KEEPALIVED_PIDFILE',
    default: DEFAULT_KEEPALIVED_PIDFILE,
    expects: 'a path',
    check: pathProblem,
    help: "keepalived's pid file",
  },
  netns: {
    placeholder: 'NAME',
    env: 'ROUTERD_VIP_NETNS',
    defaultHelp: 'this one',
    expects: 'a namespace name',
    check: netnsProblem,
    help: 'observe the addresses of network namespace NAME (`ip -n NAME`), e.g. when\nkeepalived runs in its own namespace or VRF',
  },
} satisfies AgentFlags;

export type VipWatcherFlags = typeof VIP_WATCHER_FLAGS;

/** The argv prefix of every `ip` call: `ip -n NAME` for a namespace, else plain `ip`. */
export function ipCommandFor(netns: string | undefined): readonly string[] {
  return netns === undefined ? DEFAULT_IP_COMMAND : [...DEFAULT_IP_COMMAND, '-n', netns];
}
