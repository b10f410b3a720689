// `--config FILE --nats URL --node NAME`, with environment fallbacks and defaults; flags win.
import { nodeProblem } from '@routerd/bus';
import { UsageError } from './errors.js';

export const DEFAULT_CONFIG_FILE = '/usr/local/etc/routerd/router.yaml';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export interface AgentOptions {
  config: string;
  nats: string;
  node: string;
}

export type ParsedArgs = { type: 'run'; options: AgentOptions } | { type: 'help' };

const FLAGS = { '--config': 'config', '--nats': 'nats', '--node': 'node' } as const satisfies Record<string, keyof AgentOptions>;
type Flag = keyof typeof FLAGS;
const ENV = { config: 'ROUTERD_CONFIG', nats: 'ROUTERD_NATS_URL', node: 'ROUTERD_NODE' } as const satisfies Record<keyof AgentOptions, string>;

export function usage(name: string): string {
  return [
    `usage: ${name} [--config FILE] [--nats URL] [--node NAME]`,
    '',
    `  --config FILE  configuration file (env ${ENV.config}, default ${DEFAULT_CONFIG_FILE})`,
    `  --nats URL     NATS server (env ${ENV.nats}, default ${DEFAULT_NATS_URL})`,
    `  --node NAME    node name used in subjects (env ${ENV.node}, default the short host name)`,
    '  --help         print this help',
    '',
  ].join('\n');
}

function isFlag(arg: string): arg is Flag {
  return Object.hasOwn(FLAGS, arg);
}

function checkNatsUrl(url: string, from: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !['nats:', 'tls:', 'ws:', 'wss:'].includes(parsed.protocol) || parsed.hostname === '') {
    throw new UsageError(`${from}: expected a NATS URL like ${DEFAULT_NATS_URL}, found ${JSON.stringify(url)}`);
  }
}

/** Parses the command line; throws UsageError naming the flag or variable, the expectation and what was found. */
export function parseAgentOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, hostname: string): ParsedArgs {
  const given: Partial<Record<keyof AgentOptions, string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { type: 'help' };
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!isFlag(flag)) {
      throw new UsageError(arg.startsWith('-') ? `unknown option ${JSON.stringify(flag)}; expected --config, --nats, --node or --help` : `unexpected argument ${JSON.stringify(arg)}; this command takes options only`);
    }
    const key = FLAGS[flag];
    let value: string | undefined;
    if (flag !== arg) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag}: expected a value, found ${value === undefined ? 'the end of the arguments' : JSON.stringify(value)}`);
    }
    if (value === '') throw new UsageError(`${flag}: expected a value, found an empty string`);
    if (given[key] !== undefined) throw new UsageError(`${flag}: given twice (${JSON.stringify(given[key])} and ${JSON.stringify(value)})`);
    given[key] = value;
  }

  const pick = (key: keyof AgentOptions): { value: string | undefined; from: string } => {
    const flagValue = given[key];
    if (flagValue !== undefined) return { value: flagValue, from: `--${key}` };
    const envValue = env[ENV[key]];
    if (envValue !== undefined && envValue !== '') return { value: envValue, from: ENV[key] };
    return { value: undefined, from: 'default' };
  };

  const config = pick('config').value ?? DEFAULT_CONFIG_FILE;
  const nats = pick('nats');
  const natsUrl = nats.value ?? DEFAULT_NATS_URL;
  checkNatsUrl(natsUrl, nats.from);

  const node = pick('node');
  const shortHost = hostname.split('.')[0] ?? '';
  const nodeName = node.value ?? shortHost;
  const problem = nodeProblem(nodeName);
  if (problem !== undefined) {
    const from = node.value === undefined ? `node (the short host name of ${JSON.stringify(hostname)}; pass --node)` : node.from;
    throw new UsageError(`${from}: ${problem}`);
  }
  return { type: 'run', options: { config, nats: natsUrl, node: nodeName } };
}
