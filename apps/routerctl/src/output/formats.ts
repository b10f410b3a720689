// The one output-format vocabulary of every routerctl command (-o/--output). Each command accepts
// the subset that means something for it; the flag, its check and its help line are defined here.
import { UsageError } from '@routerd/model';
import { stringify } from 'yaml';

/** table: for people (the default); wide: table with more columns; json and yaml: the data itself. */
export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What most commands accept: every format but wide (only `get` has more columns to show). */
export const DATA_FORMATS = ['table', 'json', 'yaml'] as const satisfies readonly OutputFormat[];

export const OUTPUT_OPTION = { output: { type: 'string', short: 'o' } } as const;

/** The -o value checked against what `command` accepts; the error names the flag, the set and the value. */
export function outputFormat<T extends OutputFormat>(command: string, value: string | undefined, accepted: readonly T[]): T {
  const text = value ?? 'table';
  if ((accepted as readonly string[]).includes(text)) return text as T;
  const known = (OUTPUT_FORMATS as readonly string[]).includes(text);
  const why = known ? `, which ${command} does not support` : '';
  throw new UsageError(`expected -o/--output to be one of ${accepted.join(', ')}, found ${JSON.stringify(text)}${why}`, { command });
}

/** The help line of -o for a command accepting `accepted`, its text starting at `column`. */
export function outputHelp(accepted: readonly OutputFormat[], column: number): string {
  const others = accepted.filter((f) => f !== 'table');
  return `${'  -o, --output FORMAT'.padEnd(column)}one of table (the default), ${others.join(', ')}\n`;
}

/** json and yaml: the objects exactly as they are (yaml never folds a long line). */
export function formatData(value: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value, { lineWidth: 0 });
}
