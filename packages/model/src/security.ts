// Values that end up on an ssh or rsync command line. Invariant 6: nothing may be read as an option
// or by a shell, even though commands run as argv arrays.
import { isIP } from 'node:net';
import { z } from 'zod';

// RFC 1123 host name: labels of letters, digits and inner hyphens, 253 characters at most.
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
// POSIX-portable user names, as useradd accepts them by default.
const USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$/;
const UNSAFE = /[\s;&|`$<>(){}[\]\\'"*?!#~]/;

// Code points below 0x20 and DEL; a loop, as eslint refuses control characters in regular expressions.
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function describe(value: string): string {
  return JSON.stringify(value);
}

/** Why a host is refused, or undefined when it is a host name, IPv4 or IPv6 address. */
export function hostProblem(host: string): string | undefined {
  if (host.startsWith('-')) return `must not start with "-" (ssh would read it as an option), found ${describe(host)}`;
  if (hasControlCharacter(host)) return `must not hold control characters or newlines, found ${describe(host)}`;
  // rsync destinations bracket IPv6 themselves; ssh would take the brackets literally.
  if (host.startsWith('[') && host.endsWith(']') && isIP(host.slice(1, -1)) === 6) {
    return `expected an IPv6 address without brackets, found ${describe(host)}`;
  }
  if (UNSAFE.test(host)) return `must not hold whitespace or shell metacharacters, found ${describe(host)}`;
  if (isIP(host) !== 0 || HOSTNAME.test(host)) return undefined;
  return `expected a host name, IPv4 or IPv6 address, found ${describe(host)}`;
}

/** Why a user name is refused, or undefined when it is acceptable. */
export function userProblem(user: string): string | undefined {
  if (user.startsWith('-')) return `must not start with "-" (ssh would read it as an option), found ${describe(user)}`;
  if (hasControlCharacter(user)) return `must not hold control characters or newlines, found ${describe(user)}`;
  if (UNSAFE.test(user) || user.includes('@')) return `must not hold whitespace, "@" or shell metacharacters, found ${describe(user)}`;
  if (!USER.test(user)) return `expected a user name of letters, digits, "_", "." and "-", found ${describe(user)}`;
  return undefined;
}

/** Why a single command-line argument is refused, or undefined when it is one argument. */
export function argumentProblem(arg: string): string | undefined {
  if (arg.length === 0) return 'must not be empty';
  if (arg.includes('\n') || arg.includes('\r') || arg.includes('\0')) return `must be a single argument without newlines, found ${describe(arg)}`;
  return undefined;
}

function checked(problem: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

export const hostSchema = checked(hostProblem).meta({ description: 'SSH target: host name, IPv4 or IPv6 address.' });
export const userSchema = checked(userProblem).meta({ description: 'SSH user on the target.' });
export const argumentSchema = checked(argumentProblem);
