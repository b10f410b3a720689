// The vip-watcher's own flags, taken out of argv before the shared agent options are parsed:
// --notify-fifo PATH (env ROUTERD_KEEPALIVED_NOTIFY_FIFO), --keepalived-pidfile PATH (env ROUTERD_KEEPALIVED_PIDFILE).
import { WatcherOptionsError } from './errors.js';
import { DEFAULT_KEEPALIVED_PIDFILE } from './keepalived-process.js';

export interface WatcherOptions {
  /** keepalived's vrrp_notify_fifo; undefined when not used. */
  notifyFifo: string | undefined;
  keepalivedPidFile: string;
}

export interface WatcherArgs {
  options: WatcherOptions;
  /** The arguments left for the shared agent options (--config, --nats, --node, --help). */
  rest: string[];
}

const FLAGS = { '--notify-fifo': 'notifyFifo', '--keepalived-pidfile': 'keepalivedPidFile' } as const;
const ENV = { notifyFifo: 'ROUTERD_KEEPALIVED_NOTIFY_FIFO', keepalivedPidFile: 'ROUTERD_KEEPALIVED_PIDFILE' } as const;
type Key = keyof typeof ENV;

export const WATCHER_USAGE = [
  `  --notify-fifo PATH         keepalived's vrrp_notify_fifo (env ${ENV.notifyFifo}; default none)`,
  `  --keepalived-pidfile PATH  keepalived's pid file (env ${ENV.keepalivedPidFile}, default ${DEFAULT_KEEPALIVED_PIDFILE})`,
  '',
].join('\n');

function checkPath(value: string, from: string): string {
  if (!value.startsWith('/') || /[\0\n\r]/.test(value)) {
    throw new WatcherOptionsError(`${from}: expected an absolute path without newlines, found ${JSON.stringify(value)}`);
  }
  return value;
}

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
        throw new WatcherOptionsError(`${flag}: expected a path, found ${value === undefined ? 'the end of the arguments' : JSON.stringify(value)}`);
      }
    }
    if (given[key] !== undefined) throw new WatcherOptionsError(`${flag}: given twice (${JSON.stringify(given[key].value)} and ${JSON.stringify(value)})`);
    given[key] = { value: checkPath(value, flag), from: flag };
  }
  const pick = (key: Key): string | undefined => {
    const flagged = given[key];
    if (flagged !== undefined) return flagged.value;
    const fromEnv = env[ENV[key]];
    return fromEnv === undefined || fromEnv === '' ? undefined : checkPath(fromEnv, ENV[key]);
  };
  return { options: { notifyFifo: pick('notifyFifo'), keepalivedPidFile: pick('keepalivedPidFile') ?? DEFAULT_KEEPALIVED_PIDFILE }, rest };
}
