// Commands as argv (no shell), with a deadline. Daemons: startProcess of @routerd/testkit.
import { execa } from 'execa';
import { CommandError } from './errors.js';

export interface RunOptions {
  timeoutMs?: number;
  /** false: return the result of a non-zero exit instead of throwing. */
  check?: boolean;
  env?: Record<string, string>;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export async function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new RangeError('run: expected a non-empty argv, found []');
  const result = await execa(file, args, {
    reject: false,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    stdin: 'ignore',
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1;
  const out = { exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
  if (result.failed && result.exitCode === undefined) throw new CommandError(argv, undefined, String(result.message ?? result.shortMessage ?? ""), { cause: result });
  if (options.check !== false && exitCode !== 0) throw new CommandError(argv, exitCode, `${out.stderr}\n${out.stdout}`);
  return out;
}
