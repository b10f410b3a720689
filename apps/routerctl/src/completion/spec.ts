// What the completion scripts offer, derived from the commands themselves (their options and
// completion words), so a new flag or kind is completed without touching the scripts.
import type { Command } from '../commands/command.js';

export interface FlagSpec {
  long: string;
  short?: string | undefined;
  takesValue: boolean;
  multiple: boolean;
  /** The fixed set its value is one of; absent: a free value (files are offered). */
  values?: readonly string[] | undefined;
}

export interface CommandSpec {
  name: string;
  summary: string;
  flags: FlagSpec[];
  /** What its positional arguments may be. */
  words: readonly string[];
}

export function completionSpecs(commands: readonly Command[]): CommandSpec[] {
  return commands.map((command) => ({
    name: command.name,
    summary: command.summary,
    words: command.complete?.words ?? [],
    flags: Object.entries(command.options).map(([long, spec]) => ({
      long,
      short: spec.short,
      takesValue: spec.type === 'string',
      multiple: spec.multiple === true,
      values: command.complete?.values?.[long],
    })),
  }));
}

/** "--long" and "-s" of a flag. */
export function flagWords(flag: FlagSpec): string[] {
  return flag.short === undefined ? [`--${flag.long}`] : [`-${flag.short}`, `--${flag.long}`];
}
