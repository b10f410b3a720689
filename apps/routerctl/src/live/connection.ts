// One short-lived NATS connection per command: no reconnects, a bounded connect, always closed.
import { credentialFix, NatsCredentialError, readNatsCredential, type NatsCredential } from '@routerd/agent/credential';
import { formatDuration, errorMessage } from '@routerd/model';
import { nkeyAuthenticator } from 'nats';
import type { LiveConnection, LiveDeps } from './deps.js';
import { NatsCredentialsError, NatsUnreachableError } from './errors.js';
import type { CredsSetting } from './options.js';

export interface ConnectSettings {
  url: string;
  timeoutMs: number;
  /** routerctl's credential; absent: none. */
  creds?: CredsSetting;
}

/** The credential to sign in with: undefined when none was named and the default file does not exist. */
async function credentialOf(creds: CredsSetting | undefined): Promise<NatsCredential | undefined> {
  if (creds === undefined) return undefined;
  try {
    return await readNatsCredential(creds.file);
  } catch (error) {
    if (!(error instanceof NatsCredentialError)) throw error;
    if (!creds.given && (error.cause as { code?: unknown } | undefined)?.code === 'ENOENT') return undefined;
    throw new NatsCredentialsError(error.message, { cause: error });
  }
}

function refused(url: string, creds: CredsSetting | undefined, credential: NatsCredential | undefined, error: unknown): NatsCredentialsError {
  const file = creds?.file ?? '(none)';
  const who = credential === undefined ? `without a credential (${file} does not exist)` : `with the credential ${file}`;
  return new NatsCredentialsError(`NATS at ${url} refused routerctl ${who}: ${why(error)}; ${credentialFix(file)}, or pass the credential --nats-creds FILE`, { cause: error });
}

function why(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = errorMessage(error);
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * Connects as "routerctl" with its credential; throws NatsUnreachableError naming the URL when no server
 * answers in time, NatsCredentialsError naming the file when the credential is unreadable or refused.
 */
export async function openConnection(deps: Pick<LiveDeps, 'connect'>, { url, timeoutMs, creds }: ConnectSettings): Promise<LiveConnection> {
  const credential = await credentialOf(creds);
  const auth = credential === undefined ? {} : { authenticator: nkeyAuthenticator(credential.seed) };
  try {
    return await deps.connect({ servers: url, name: 'routerctl', maxReconnectAttempts: 0, reconnect: false, timeout: timeoutMs, ...auth });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'AUTHORIZATION_VIOLATION') throw refused(url, creds, credential, error);
    throw new NatsUnreachableError(`cannot reach NATS at ${url} within ${formatDuration(timeoutMs)}: ${why(error)}`, { cause: error });
  }
}

/** Runs `use` with an open connection and closes it afterwards, whatever happens. */
export async function withConnection<T>(deps: Pick<LiveDeps, 'connect'>, settings: ConnectSettings, use: (nc: LiveConnection) => Promise<T>): Promise<T> {
  const nc = await openConnection(deps, settings);
  try {
    return await use(nc);
  } finally {
    await nc.close();
  }
}
