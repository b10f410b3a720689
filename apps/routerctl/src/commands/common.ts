// What validate, plan and render share: the input flags and loading a configuration that must be valid.
import { PlanError, type RouterConfig, errorMessage, runtimeDirs, type RuntimeDirs, SourcePathError } from '@routerd/model';
import { required } from '../args.js';
import { InputError } from '../errors.js';
import { loadInput, type Input } from '../input.js';
import type { Io } from '../io.js';
import { summaryLine, writeDiagnostics } from '../output/diagnostics.js';

export const INPUT_OPTIONS = {
  file: { type: 'string', short: 'f' },
  replace: { type: 'boolean' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const INPUT_HELP = `  -f, --file FILE     the configuration file; "-" reads standard input
      --replace       FILE is the whole configuration (default: merge it into the current one,
                      a resource with the same kind and name replacing the current one)
      --config PATH   the current configuration (default $ROUTERD_CONFIG, else
                      /usr/local/etc/routerd/router.yaml; a missing file counts as empty)
  -h, --help          show this help
`;

export interface InputValues {
  file?: string | undefined;
  replace?: boolean | undefined;
  config?: string | undefined;
}

/** Loads the input the flags name (reading errors throw InputError). */
export function loadFromFlags(command: string, io: Io, values: InputValues): Promise<Input> {
  const file = required(command, '-f/--file', values.file);
  return loadInput(io, { file, replace: values.replace ?? false, config: values.config });
}

/** The validated configuration, or undefined after writing why it is invalid to stderr. Warnings go to stderr too. */
export async function loadValid(command: string, io: Io, values: InputValues): Promise<{ config: RouterConfig; files: string[] } | undefined> {
  const { result, files } = await loadFromFlags(command, io, values);
  writeDiagnostics(io.stderr, result.diagnostics);
  if (result.config === undefined || result.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr.write(`${summaryLine(result)}\n`);
    return undefined;
  }
  return { config: result.config, files };
}

/** State and runtime dirs from the environment; a bad value is an input error. */
export function dirsFromEnv(io: Io): RuntimeDirs {
  try {
    return runtimeDirs(io.env);
  } catch (error) {
    throw new InputError(errorMessage(error), { cause: error });
  }
}

/** Runs a planning step; what the planner cannot turn into commands (e.g. a runtime dir too long for
 *  ssh control sockets) is an input error, exit 2, not a crash. */
export function planning<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof PlanError || error instanceof SourcePathError) throw new InputError(`cannot plan: ${error.message}`, { cause: error });
    throw error;
  }
}
