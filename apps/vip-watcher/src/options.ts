// The vip-watcher's own flags, taken out of argv before the shared agent options are parsed:
// --notify-fifo PATH (env ROUTERD_KEEPALIVED_NOTIFY_FIFO), --keepalived-pidfile PATH (env ROUTERD_KEEPALIVED_PIDFILE),
// --netns NAME (env ROUTERD_VIP_NETNS).
import { WatcherOptionsError } from './errors.js';
import { DEFAULT_IP_COMMAND } from './ip-command.js';
import { DEFAULT_KEEPALIVED_PIDFILE } from './keepalived-process.js';

export interface WatcherOptions {
  /** keepalived's vrrp_notify_fifo; undefined when not used. */
  notifyFifo: string | undefined;
  keepalivedPidFile: string;
  /** The network namespace whose addresses are observed (`ip -n NAME`); undefined: the watcher's own. */
  netns?: string | undefined;
}

export interface WatcherArgs {
  options: WatcherOptions;
  /** The arguments left for the shared agent options (--config, --nats, --node, --help). */
  rest: string[];
}

const FLAGS = { '--notify-fifo': 'notifyFifo', '--keepalived-pidfile': 'keepalivedPidFile', '--netns': 'netns' } as const;
const ENV = { notifyFifo: 'ROUTERD_KEEPALIVED_NOTIFY_FIFO', keepalivedPidFile: 'ROUTERD_KEEPALIVED_PIDFILE', netns: 'ROUTERD_VIP_NETNS' } as const;
type Key = keyof typeof ENV;
/** A name `ip -n` resolves under /run/netns: one path segment, never read as an option. */
const NETNS_NAME = /^[A-Za-z0-9_.-]+$/;

export const WATCHER_USAGE = [
  `  --notify-fifo PATH         keepalived's vrrp_notify_fifo (env ${ENV.notifyFifo}; default none)`,
  `  --keepalived-pidfile PATH  keepalived's pid file (env ${ENV.keepalivedPidFile}, default ${DEFAULT_KEEPALIVED_PIDFILE})`,
  `  --netns NAME               observe the addresses of network namespace NAME (\`ip -n NAME\`), e.g. when`,
  `                             keepalived runs in its own namespace or VRF (env ${ENV.netns}; default this one)`,
  '',
].join('\n');

function checkNetns(value: string, from: string): string {
  if (!NETNS_NAME.test(value) || value === '.' || value === '..' || value.startsWith('-')) {
    throw new WatcherOptionsError(`${from}: expected a network namespace name of letters, digits, "_", "." and "-" (not starting with "-"), found ${JSON.stringify(value)}`);
  }
  return value;
}

function checkPath(value: string, from: string): string {
  if (!value.startsWith('/') || /[\0\n\r]/.test(value)) {
    throw new WatcherOptionsError(`${from}: expected an absolute path without newlines, found ${JSON.stringify(value)}`);
  }
  return value;
}

const CHECKS: Record<Key, (value: string, from: string) => string> = { notifyFifo: checkPath, keepalivedPidFile: checkPath, netns: checkNetns };

/** Throws WatcherOptionsError naming the flag or variable, the expectation and what was found. */
export function parseWatcherArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): WatcherArgs {
  const given: Partial<Record<Key, { value: string; from: string }>> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!Object.hasOwn(FLAGS, flag)) {
      rest.push(arg);
      continue;
    }
    const key = FLAGS[flag as keyof typeof FLAGS];
    let value: string | undefined;
    if (flag !== arg) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
      if (value === undefined || value.startsWith('--')) {
        const expected = key === 'netns' ? 'a namespace name' : 'a path';
        throw new WatcherOptionsError(`${flag}: expected ${expected}, found ${value === undefined ? 'the end of the arguments' : JSON.stringify(value)}`);
      }
    }
    if (given[key] !== undefined) throw new WatcherOptionsError(`${flag}: given twice (${JSON.stringify(given[key].value)} and ${JSON.stringify(value)})`);
    given[key] = { value: CHECKS[key](value, flag), from: flag };
  }
  const pick = (key: Key): string | undefined => {
    const flagged = given[key];
    if (flagged !== undefined) return flagged.value;
    const fromEnv = env[ENV[key]];
    return fromEnv === undefined || fromEnv === '' ? undefined : CHECKS[key](fromEnv, ENV[key]);
  };
  const options = { notifyFifo: pick('notifyFifo'), keepalivedPidFile: pick('keepalivedPidFile') ?? DEFAULT_KEEPALIVED_PIDFILE, netns: pick('netns') };
  return { options, rest };
}

/** The argv prefix of every `ip` call: `ip -n NAME` for a namespace, else plain `ip`. */
export function ipCommandFor(options: Pick<WatcherOptions, 'netns'>): readonly string[] {
  return options.netns === undefined ? DEFAULT_IP_COMMAND : [...DEFAULT_IP_COMMAND, '-n', options.netns];
}
