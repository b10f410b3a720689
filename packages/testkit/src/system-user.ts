import { execa } from 'execa';

import { ComponentStartError, TestkitOptionError } from './errors.js';

/** Marks the users the testkit created, so it only ever unlocks its own. */
export const TESTKIT_GECOS = 'routerd testkit';
const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

export function checkUserName(user: unknown): string {
  if (typeof user !== 'string' || !USER_NAME.test(user)) {
    throw new TestkitOptionError(`Expected the \`user\` option to be a user name like "routerd" ([a-z_][a-z0-9_-]*, 32 chars at most), got ${JSON.stringify(user)}`);
  }
  return user;
}

async function passwdEntry(user: string): Promise<string[] | undefined> {
  const result = await execa('getent', ['passwd', user], { reject: false, stdin: 'ignore' });
  return result.exitCode === 0 ? result.stdout.trim().split(':') : undefined;
}

async function run(file: string, args: string[], okCodes: number[] = [0]): Promise<void> {
  const result = await execa(file, args, { reject: false, stdin: 'ignore' });
  if (result.exitCode === undefined || !okCodes.includes(result.exitCode)) {
    throw new ComponentStartError(file, `${[file, ...args].join(' ')} failed: ${result.stderr || result.shortMessage}`, { cause: result });
  }
}

/**
 * Makes sure a login user exists for the test sshd: creates it (home, /bin/sh) when missing and,
 * for users the testkit created, sets the password to `*` (a `!` lock is refused under UsePAM no).
 * Returns the home directory. Users that existed before are left untouched.
 */
export async function ensureUser(user: string): Promise<string> {
  checkUserName(user);
  let entry = await passwdEntry(user);
  if (entry === undefined) {
    // 9: created meanwhile by a parallel suite.
    await run('useradd', ['-m', '-s', '/bin/sh', '-c', TESTKIT_GECOS, user], [0, 9]);
    entry = await passwdEntry(user);
  }
  if (entry === undefined) throw new ComponentStartError('useradd', `user ${user} still missing after useradd`);
  if (entry[4] === TESTKIT_GECOS) await run('usermod', ['-p', '*', user]);
  return entry[5] ?? '/';
}
