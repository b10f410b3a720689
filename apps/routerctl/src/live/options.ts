// The flags every live command shares: --nats, --node, -o, --timeout, --help.
import { nodeProblem } from '@routerd/bus';
import { DurationError, parseDuration, UsageError } from '@routerd/model';
import { DEFAULT_NATS_CREDS_DIR } from '@routerd/agent/credential';
import { DATA_FORMATS, OUTPUT_OPTION, outputFormat, outputHelp, type OutputFormat } from '../output/formats.js';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_TIMEOUT = '3s';
/** routerctl's own credential in the documented install (`routerctl render nats --creds-dir` writes it). */
export const DEFAULT_NATS_CREDS = `${DEFAULT_NATS_CREDS_DIR}/routerctl.nk`;

export const LIVE_OPTIONS = {
  nats: { type: 'string' },
  'nats-creds': { type: 'string' },
  node: { type: 'string' },
  ...OUTPUT_OPTION,
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The help of the live flags; `formats` are those -o accepts. */
export function liveHelp(formats: readonly OutputFormat[] = DATA_FORMATS): string {
  return `      --nats URL        the NATS server (default $ROUTERD_NATS_URL, else ${DEFAULT_NATS_URL})
      --nats-creds FILE routerctl's NATS credential (default $ROUTERD_NATS_CREDS, else
                        ${DEFAULT_NATS_CREDS} when it exists, else none)
      --node NAME       the node whose agents answer (default $ROUTERD_NODE, else the short host name)
${outputHelp(formats, 24)}      --timeout DURATION  how long to wait for NATS and the agent (default ${DEFAULT_TIMEOUT})
  -h, --help            show this help
`;
}

export interface LiveValues {
  nats?: string | undefined;
  'nats-creds'?: string | undefined;
  node?: string | undefined;
  output?: string | undefined;
  timeout?: string | undefined;
}

/** Where routerctl's credential is; `given` when the operator named it (then it must be readable). */
export interface CredsSetting {
  file: string;
  given: boolean;
}

export interface LiveSettings<F extends OutputFormat = OutputFormat> {
  url: string;
  creds: CredsSetting;
  node: string;
  format: F;
  timeoutMs: number;
}

/** Checks the live flags, filling defaults from the environment and the host name; -o must be one of `formats`. */
export function liveSettings<F extends OutputFormat>(
  command: string,
  values: LiveValues,
  env: Readonly<Record<string, string | undefined>>,
  hostname: () => string,
  formats: readonly F[],
): LiveSettings<F> {
  const format = outputFormat(command, values.output, formats);
  const url = values.nats ?? nonEmpty(env['ROUTERD_NATS_URL']) ?? DEFAULT_NATS_URL;
  if (url.trim() === '') throw new UsageError('expected --nats to be a URL like nats://127.0.0.1:4222, found an empty string', { command: command });
  const given = values['nats-creds'] ?? nonEmpty(env['ROUTERD_NATS_CREDS']);
  if (given?.trim() === '') throw new UsageError('expected --nats-creds to name a file, found an empty string', { command: command });
  const creds = { file: given ?? DEFAULT_NATS_CREDS, given: given !== undefined };
  return { url, creds, node: nodeOf(command, values.node, env, hostname), format, timeoutMs: timeoutOf(command, values.timeout) };
}

/** The node to ask: --node, else $ROUTERD_NODE, else the host name's first label. */
export function nodeOf(command: string, flag: string | undefined, env: Readonly<Record<string, string | undefined>>, hostname: () => string): string {
  const [from, node] =
    flag !== undefined ? ['--node', flag] : nonEmpty(env['ROUTERD_NODE']) !== undefined ? ['$ROUTERD_NODE', env['ROUTERD_NODE'] ?? ''] : ['the host name', hostname().split('.')[0] ?? ''];
  const problem = nodeProblem(node);
  if (problem !== undefined) throw new UsageError(`${from}: ${problem}`, { command: command });
  return node;
}

function timeoutOf(command: string, text: string | undefined): number {
  try {
    const ms = parseDuration(text ?? DEFAULT_TIMEOUT);
    if (ms > 0) return ms;
  } catch (error) {
    if (!(error instanceof DurationError)) throw error;
  }
  throw new UsageError(`expected --timeout to be a positive duration like "3s" or "500ms", found ${JSON.stringify(text)}`, { command: command });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
