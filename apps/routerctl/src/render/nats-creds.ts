// One nkey seed file per bus identity in the credentials directory: created 0600, reused when it is
// there and sound, replaced only with --force.
import { constants } from 'node:fs';
import { lstat, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseNatsSeed } from '@routerd/agent/credential';
import { BUS_IDENTITIES, type BusIdentity } from '@routerd/bus';
import { errorMessage } from '@routerd/model';
import { nkeys } from 'nats';
import { InputError } from '../errors.js';

export const CREDS_FILE_MODE = 0o600;

export interface NatsCredential {
  identity: BusIdentity;
  file: string;
  /** The public key ("U..."): what nats-server's configuration names the user by. */
  publicKey: string;
  /** Whether this run wrote the file (false: an existing one was reused). */
  written: boolean;
}

interface KeyPair {
  getSeed(): Uint8Array;
  getPublicKey(): string;
}
// nats re-exports nkeys.js untyped; createUser is the one call used here.
const keys = nkeys as { createUser(): KeyPair };

/** The credential file of `identity` in `dir`: "<identity>.nk". */
export function credsFile(dir: string, identity: BusIdentity): string {
  return join(dir, `${identity}.nk`);
}

/** The public key of a seed file's text (the agents read it so); throws InputError naming the file when it holds no user seed. */
export function publicKeyOfSeed(text: string, file: string): string {
  try {
    return parseNatsSeed(text, file).publicKey;
  } catch (error) {
    throw new InputError(errorMessage(error), { cause: error });
  }
}

async function existing(file: string): Promise<string | undefined> {
  const stats = await lstat(file).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new InputError(`cannot read ${file}: ${errorMessage(error)}`, { cause: error });
  });
  if (stats === undefined) return undefined;
  const force = 'remove it or pass --force to replace every credential';
  if (!stats.isFile()) throw new InputError(`${file} exists and is not a regular file; ${force}`);
  if ((stats.mode & 0o007) !== 0) throw new InputError(`${file} is readable or writable by others (mode ${(stats.mode & 0o777).toString(8).padStart(4, '0')}), so its seed may have leaked; ${force}`);
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new InputError(`cannot read ${file}: ${errorMessage(error)}; ${force}`, { cause: error });
  });
  try {
    publicKeyOfSeed(text, file);
  } catch (error) {
    throw new InputError(`${errorMessage(error)}; ${force}`, { cause: error });
  }
  return text;
}

/** Writes `text` as `file`, mode 0600: a new file only, or (replace) through a temp file renamed over it. */
async function writeSecret(file: string, text: string, replace: boolean): Promise<void> {
  const target = replace ? `${file}.tmp-${process.pid}` : file;
  const handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, CREDS_FILE_MODE);
  try {
    await handle.chmod(CREDS_FILE_MODE);
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (replace) {
    try {
      await rename(target, file);
    } catch (error) {
      await rm(target, { force: true });
      throw error;
    }
  }
}

/**
 * Every identity's credential in `dir` (created 0700 when missing): an existing sound seed file is
 * reused, so rendering again prints the same configuration; `force` replaces them all with new keys.
 */
export async function ensureCredentials(dir: string, force: boolean): Promise<NatsCredential[]> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new InputError(`cannot create the credentials directory ${dir}: ${errorMessage(error)}`, { cause: error });
  }
  const credentials: NatsCredential[] = [];
  for (const identity of BUS_IDENTITIES) {
    const file = credsFile(dir, identity);
    const found = force ? undefined : await existing(file);
    if (found !== undefined) {
      credentials.push({ identity, file, publicKey: publicKeyOfSeed(found, file), written: false });
      continue;
    }
    const pair = keys.createUser();
    const seed = new TextDecoder().decode(pair.getSeed());
    try {
      await writeSecret(file, `${seed}\n`, force);
    } catch (error) {
      throw new InputError(`cannot write ${file}: ${errorMessage(error)}`, { cause: error });
    }
    credentials.push({ identity, file, publicKey: pair.getPublicKey(), written: true });
  }
  return credentials;
}

