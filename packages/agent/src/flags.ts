// What a flag is, the six every agent takes (--config, --nats, --nats-creds, --nats-server-name, --node, --log-level), and the usage text they make.
import { nodeProblem } from '@routerd/bus';
import { DEFAULT_RUNTIME_DIR, DEFAULT_STATE_DIR } from '@routerd/model';
import type { Level } from 'pino';
import { DEFAULT_CONFIG_FILE } from './defaults.js';
import { LOG_LEVELS } from './logger.js';

export { DEFAULT_CONFIG_FILE };
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** One `--name VALUE` flag with its environment fallback; the flag wins, an empty variable counts as unset. */
export interface AgentFlag {
  /** The value's name in the usage: FILE, URL, PATH. */
  readonly placeholder: string;
  readonly env: string;
  /** The help text; "(env VAR, default ...)" is appended. A "\n" starts an indented line. */
  readonly help: string;
  /** The value when neither the flag nor the variable is given; without one, the value is undefined. */
  readonly default?: string;
  /** How the help names the default when it is not `default` itself (e.g. "the short host name"); else "none". */
  readonly defaultHelp?: string;
  /** What the value is, in "expected a path, found the end of the arguments"; "a value" when absent. */
  readonly expects?: string;
  /**
   * The problem with a given value, as "expected ..., found ..." (the caller names the flag or variable), or
   * undefined. It sees an empty value too; a flag without a check refuses an empty value.
   */
  readonly check?: (value: string) => string | undefined;
}

export type AgentFlags = Readonly<Record<string, AgentFlag>>;
export type NoFlags = Readonly<Record<never, AgentFlag>>;

/** The parsed values, by flag name: a string where the flag has a default, else string or undefined. */
export type FlagValues<F extends AgentFlags> = { readonly [K in keyof F]: F[K] extends { readonly default: string } ? string : string | undefined };

const EMPTY = 'expected a value, found an empty string';

function natsUrlProblem(url: string): string | undefined {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !['nats:', 'tls:', 'ws:', 'wss:'].includes(parsed.protocol) || parsed.hostname === '') {
    return `expected a NATS URL like ${DEFAULT_NATS_URL}, found ${JSON.stringify(url)}`;
  }
  return undefined;
}

/** What a server_name may be: what `routerctl render nats --server-name` accepts. */
const SERVER_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

function serverNameProblem(name: string): string | undefined {
  return SERVER_NAME_PATTERN.test(name) ? undefined : `expected a server name of letters, digits, "_" and "-", found ${JSON.stringify(name)}`;
}

/** The server_name an agent expects of its node's bus unless told otherwise (routerctl render nats's default). */
export function defaultNatsServerName(node: string): string {
  return `routerd-${node}`;
}

/**
 * --config, --nats, --nats-creds, --nats-server-name, --node and --log-level; the defaults that need the host name
 * (--node's, and so --nats-server-name's) are the parser's.
 */
export const COMMON_FLAGS = {
  config: { placeholder: 'FILE', env: 'ROUTERD_CONFIG', default: DEFAULT_CONFIG_FILE, help: 'configuration file' },
  nats: { placeholder: 'URL', env: 'ROUTERD_NATS_URL', default: DEFAULT_NATS_URL, help: 'NATS server', check: (v) => (v === '' ? EMPTY : natsUrlProblem(v)) },
  'nats-creds': {
    placeholder: 'FILE',
    env: 'ROUTERD_NATS_CREDS',
    defaultHelp: 'none: connects without one',
    help: "this agent's NATS credential, the nkey seed file\n`routerctl render nats` wrote for it",
    expects: 'a file',
  },
  'nats-server-name': {
    placeholder: 'NAME',
    env: 'ROUTERD_NATS_SERVER_NAME',
    defaultHelp: 'routerd-NODE with --nats-creds, else unchecked',
    help: 'the server_name its NATS server must have; it\nrefuses any other server',
    check: (v) => (v === '' ? EMPTY : serverNameProblem(v)),
  },
  node: { placeholder: 'NAME', env: 'ROUTERD_NODE', defaultHelp: 'the short host name', help: 'node name used in subjects', check: (v) => (v === '' ? EMPTY : nodeProblem(v)) },
  'log-level': {
    placeholder: 'LEVEL',
    env: 'ROUTERD_LOG_LEVEL',
    default: 'info',
    help: `the least severe level logged: ${LOG_LEVELS.join(', ')}`,
    expects: `one of ${LOG_LEVELS.join(', ')}`,
    check: (v) => (LOG_LEVELS.includes(v as Level) ? undefined : `expected one of ${LOG_LEVELS.join(', ')}, found ${JSON.stringify(v)}`),
  },
} as const satisfies AgentFlags;

/** The problem with a value given for `spec`, as "expected ..., found ...", or undefined. */
export function flagValueProblem(spec: AgentFlag, value: string): string | undefined {
  if (spec.check !== undefined) return spec.check(value);
  return value === '' ? EMPTY : undefined;
}

/** The common flags and the agent's own in one table; throws TypeError when the agent redeclares one. */
export function allFlags(own: AgentFlags): AgentFlags {
  for (const name of Object.keys(own)) {
    if (Object.hasOwn(COMMON_FLAGS, name) || name === 'help') throw new TypeError(`agent flag --${name}: expected a name the bootstrap does not take already, found one it does`);
  }
  return { ...COMMON_FLAGS, ...own };
}

function describe(spec: AgentFlag): string[] {
  const lines = spec.help.split('\n');
  const last = lines.length - 1;
  lines[last] = `${lines[last] ?? ''} (env ${spec.env}, default ${spec.defaultHelp ?? spec.default ?? 'none'})`;
  return lines;
}

function columns(rows: readonly (readonly [string, readonly string[]])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.flatMap(([left, lines]) => lines.map((line, i) => `  ${(i === 0 ? left : '').padEnd(width)}  ${line}`));
}

/** The help text: every flag, the common ones first, and the directories read from the environment. */
export function usage(name: string, own: AgentFlags = {}): string {
  const flags = Object.entries(allFlags(own));
  return [
    `usage: ${name} ${flags.map(([flag, spec]) => `[--${flag} ${spec.placeholder}]`).join(' ')}`,
    '',
    ...columns([...flags.map(([flag, spec]) => [`--${flag} ${spec.placeholder}`, describe(spec)] as const), ['--help', ['print this help']]]),
    '',
    'environment:',
    ...columns([
      ['ROUTERD_STATE_DIR', [`state directory (default ${DEFAULT_STATE_DIR})`]],
      ['ROUTERD_RUNTIME_DIR', [`runtime directory (default ${DEFAULT_RUNTIME_DIR})`]],
    ]),
    '',
  ].join('\n');
}
