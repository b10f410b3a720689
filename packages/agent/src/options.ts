// The command line and the environment, read once: the common flags, the agent's own, and the directories.
import { parseArgs } from 'node:util';
import type { Level } from 'pino';
import { nodeProblem } from '@routerd/bus';
import { RuntimeDirError, type RuntimeDirs, runtimeDirs, UsageError } from '@routerd/model';

import { allFlags, DEFAULT_CONFIG_FILE, DEFAULT_NATS_URL, defaultNatsServerName, flagValueProblem, type AgentFlag, type AgentFlags, type FlagValues, type NoFlags } from './flags.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface AgentOptions {
  config: string;
  nats: string;
  node: string;
  /** The agent's credential file (--nats-creds); absent: it connects without one. */
  natsCreds?: string;
  /** The server_name its NATS server must have (--nats-server-name, default routerd-<node> with a credential); absent: unchecked. */
  natsServerName?: string;
  /** The least severe level logged (--log-level); the parser always sets it, absent means info. */
  logLevel?: Level;
}

export type ParsedArgs<F extends AgentFlags = NoFlags> =
  | { type: 'run'; options: AgentOptions; flags: FlagValues<F>; dirs: RuntimeDirs }
  | { type: 'help' };

function expectedFlags(flags: AgentFlags): string {
  return `expected ${Object.keys(flags).map((name) => `--${name}`).join(', ')} or --help`;
}

/**
 * The flags given on the command line, by name, or 'help'. node:util's parseArgs splits the arguments (its
 * tokens keep the order and every repetition); the checks are ours, so that each message names the flag.
 */
function readArgv(argv: readonly string[], flags: AgentFlags): Map<string, string> | 'help' {
  const options = Object.fromEntries(Object.keys(flags).map((name) => [name, { type: 'string' as const }]));
  const { tokens } = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: false, allowPositionals: true, tokens: true });
  const given = new Map<string, string>();
  for (const token of tokens) {
    // The argument as typed: "-hx" is one unknown option, not -h and -x.
    const arg = argv[token.index] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    if (token.kind === 'positional' && !arg.startsWith('-')) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}; this command takes options only`);
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const name = flag.slice(2);
    const spec = flag.startsWith('--') && Object.hasOwn(flags, name) ? flags[name] : undefined;
    if (token.kind !== 'option' || spec === undefined) throw new UsageError(`unknown option ${JSON.stringify(flag)}; ${expectedFlags(flags)}`);
    const { value } = token;
    if (value === undefined || (!token.inlineValue && value.startsWith('--'))) {
      throw new UsageError(`${flag}: expected ${spec.expects ?? 'a value'}, found ${value === undefined ? 'the end of the arguments' : JSON.stringify(value)}`);
    }
    const before = given.get(name);
    if (before !== undefined) throw new UsageError(`${flag}: given twice (${JSON.stringify(before)} and ${JSON.stringify(value)})`);
    given.set(name, value);
  }
  return given;
}

/** The flag's value, else its variable's when not empty, with where it came from; undefined when neither is given. */
function givenValue(name: string, spec: AgentFlag, given: ReadonlyMap<string, string>, env: Env): { value: string; from: string } | undefined {
  const flagValue = given.get(name);
  if (flagValue !== undefined) return { value: flagValue, from: `--${name}` };
  const envValue = env[spec.env];
  return envValue === undefined || envValue === '' ? undefined : { value: envValue, from: spec.env };
}

function environmentDirs(env: Env): RuntimeDirs {
  try {
    return runtimeDirs(env);
  } catch (error) {
    if (error instanceof RuntimeDirError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/**
 * Parses the command line and the environment for the common flags and the agent's own `flags`; throws
 * UsageError naming the flag or variable, the expectation and what was found.
 */
export function parseAgentOptions<F extends AgentFlags = NoFlags>(argv: readonly string[], env: Env, hostname: string, flags?: F): ParsedArgs<F> {
  const all = allFlags(flags ?? {});
  const given = readArgv(argv, all);
  if (given === 'help') return { type: 'help' };

  const values: Record<string, string | undefined> = {};
  for (const [name, spec] of Object.entries(all)) {
    const found = givenValue(name, spec, given, env);
    if (found !== undefined) {
      const problem = flagValueProblem(spec, found.value);
      if (problem !== undefined) throw new UsageError(`${found.from}: ${problem}`);
    }
    values[name] = found?.value ?? spec.default;
  }
  const { config = DEFAULT_CONFIG_FILE, nats = DEFAULT_NATS_URL, node, 'nats-creds': natsCreds, 'nats-server-name': serverName, 'log-level': logLevel = 'info', ...own } = values;

  let nodeName = node;
  if (nodeName === undefined) {
    nodeName = hostname.split('.')[0] ?? '';
    const problem = nodeProblem(nodeName);
    if (problem !== undefined) throw new UsageError(`node (the short host name of ${JSON.stringify(hostname)}; pass --node): ${problem}`);
  }
  const options: AgentOptions = { config, nats, node: nodeName, logLevel: logLevel as Level };
  if (natsCreds !== undefined) options.natsCreds = natsCreds;
  // A rendered bus comes with its credentials: without one there is no product server to pin by default.
  const expected = serverName ?? (natsCreds === undefined ? undefined : defaultNatsServerName(nodeName));
  if (expected !== undefined) options.natsServerName = expected;
  return { type: 'run', options, flags: own as FlagValues<F>, dirs: environmentDirs(env) };
}
