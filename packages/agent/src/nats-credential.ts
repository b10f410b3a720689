// A bus identity's credential: the nkey seed file `routerctl render nats` writes, one per agent and
// one for routerctl. Read once at start; a file that cannot be used stops the process with its fix.
// Its own entry point (@routerd/agent/credential), so routerctl takes it without the agents' runtime.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorMessage } from '@routerd/model';
import { nkeys } from 'nats';

export { DEFAULT_NATS_CREDS_DIR } from './defaults.js';

/** A user nkey seed as nats.js and the nats CLI read it: "SU" and 56 base32 characters. */
const SEED_PATTERN = /^SU[A-Z2-7]{56}$/;

interface KeyPair {
  getPublicKey(): string;
}
// nats re-exports nkeys.js untyped; fromSeed is the one call used.
const keys = nkeys as { fromSeed(seed: Uint8Array): KeyPair };

export interface NatsCredential {
  file: string;
  /** The seed, for nats.js's nkeyAuthenticator. */
  seed: Uint8Array;
  /** The public key ("U..."): the user nats-server's configuration names. */
  publicKey: string;
}

/** The credential file cannot be read or holds no user seed; the message names the file and the fix. */
export class NatsCredentialError extends Error {
  override name = 'NatsCredentialError';
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What to do about a credential that cannot be used. */
export function credentialFix(file: string): string {
  return `render it with \`routerctl render nats --creds-dir ${dirname(file)}\` (docs/operations.md, "NATS")`;
}

/** The seed and public key of a seed file's text; throws NatsCredentialError naming the file. */
export function parseNatsSeed(text: string, file: string): NatsCredential {
  const seed = text.trim();
  if (!SEED_PATTERN.test(seed)) {
    throw new NatsCredentialError(file, `NATS credential ${file}: expected one nkey user seed ("SU" and 56 base32 characters), found ${seed.length} characters that are not one`);
  }
  const bytes = new TextEncoder().encode(seed);
  try {
    return { file, seed: bytes, publicKey: keys.fromSeed(bytes).getPublicKey() };
  } catch (error) {
    throw new NatsCredentialError(file, `NATS credential ${file}: expected one nkey user seed, found one that does not decode (${errorMessage(error)})`, { cause: error });
  }
}

/** Reads and checks the seed file; throws NatsCredentialError naming the file, the problem and the fix. */
export async function readNatsCredential(file: string): Promise<NatsCredential> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : errorMessage(error);
    throw new NatsCredentialError(file, `cannot read the NATS credential ${file}: ${why}; ${credentialFix(file)}`, { cause: error });
  }
  try {
    return parseNatsSeed(text, file);
  } catch (error) {
    if (error instanceof NatsCredentialError) throw new NatsCredentialError(file, `${error.message}; ${credentialFix(file)}`, { cause: error });
    throw error;
  }
}
