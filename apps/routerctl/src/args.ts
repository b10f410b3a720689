// node:util parseArgs in strict mode, with its errors turned into usage errors that name the flag.
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { errorMessage, UsageError } from '@routerd/model';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses one command's arguments; every problem becomes a UsageError naming the flag or argument. */
export function parseCommandArgs<O extends Options, P extends boolean>(
  command: string,
  args: string[],
  options: O,
  allowPositionals: P,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: P; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(usageMessage(error), { command: command });
  }
}

function usageMessage(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = errorMessage(error);
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${JSON.stringify(quoted)}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted)}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('argument missing') || message.includes('ambiguous')) {
        return `option ${quoted.replace(/ <value>$/, '')} expects a value, found ${message.includes('ambiguous') ? 'another option' : 'none'}`;
      }
      if (message.includes('does not take an argument')) return `option ${quoted} takes no value`;
      return message.split('\n')[0] ?? message;
    default:
      return message;
  }
}

/** The value of a required string flag. */
export function required(command: string, flag: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`missing required option ${flag}`, { command: command });
  if (value === '') throw new UsageError(`expected ${flag} to name a file or "-", found an empty string`, { command: command });
  return value;
}
