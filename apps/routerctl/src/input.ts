// Reads the configuration a command works on: FILE alone (--replace) or merged into the current one.
import { resolve } from 'node:path';
import { type ConfigSource, loadConfig, type LoadResult, errorMessage } from '@routerd/model';
import { InputError } from './errors.js';
import type { Io } from './io.js';

export const DEFAULT_CONFIG_PATH = '/usr/local/etc/routerd/router.yaml';
export const STDIN_NAME = '<stdin>';

export interface InputOptions {
  /** -f: a path, or "-" for standard input. */
  file: string;
  /** --replace: FILE is the whole configuration. */
  replace: boolean;
  /** --config: the current configuration; defaults to $ROUTERD_CONFIG, then DEFAULT_CONFIG_PATH. */
  config?: string | undefined;
}

export interface Input {
  result: LoadResult;
  /** The files actually read, in merge order, as given ("<stdin>" for -). */
  files: string[];
}

/** The current configuration's path: --config, else $ROUTERD_CONFIG, else the default. */
export function currentConfigPath(io: Io, flag: string | undefined): string {
  if (flag !== undefined && flag !== '') return flag;
  const env = io.env['ROUTERD_CONFIG'];
  return env !== undefined && env !== '' ? env : DEFAULT_CONFIG_PATH;
}

/** "no such file or directory (ENOENT)" from Node's "ENOENT: no such file or directory, open '/x'". */
export function describeOsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = errorMessage(error);
  const match = /^[A-Z0-9_]+: (.*?)(?:, \w+(?: '.*')?)?$/s.exec(message);
  const text = match?.[1] ?? message;
  return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ENOENT';
}

/** One source to load; "-" reads standard input. Throws InputError naming the path and the OS error. */
export async function readSource(io: Io, file: string): Promise<ConfigSource> {
  try {
    if (file === '-') return { file: STDIN_NAME, text: await io.readStdin() };
    return { file, text: await io.readFile(resolve(io.cwd, file)) };
  } catch (error) {
    const name = file === '-' ? 'standard input' : file;
    throw new InputError(`cannot read ${name}: ${describeOsError(error)}`, { cause: error });
  }
}

/** The current configuration, or undefined when the file does not exist (an empty configuration). */
export async function readCurrent(io: Io, file: string): Promise<ConfigSource | undefined> {
  try {
    return { file, text: await io.readFile(resolve(io.cwd, file)) };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new InputError(`cannot read the current configuration ${file}: ${describeOsError(error)}`, { cause: error });
  }
}

/** Loads FILE (merged into the current configuration unless replace) and validates the result. */
export async function loadInput(io: Io, options: InputOptions): Promise<Input> {
  const incoming = await readSource(io, options.file);
  const sources: ConfigSource[] = [];
  if (!options.replace) {
    const current = await readCurrent(io, currentConfigPath(io, options.config));
    if (current !== undefined) sources.push(current);
  }
  sources.push(incoming);
  return { result: loadConfig(sources), files: sources.map((s) => s.file) };
}
