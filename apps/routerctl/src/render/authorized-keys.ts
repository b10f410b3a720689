// The authorized_keys line that installs the lease receiver as the forced command of the peer's sync key:
//   command="routerd-lease-receiver --config <file>",restrict,from="<peer>" <key>
// sshd runs the command with the user's shell, so each word is shell-quoted; inside command="…" sshd
// unescapes only \" , so words holding a double quote or a backslash are refused rather than escaped twice.
import { isIP } from 'node:net';
import { nodeProblem } from '@routerd/bus';
import { shellQuote } from '@routerd/model';

export const DEFAULT_RECEIVER = 'routerd-lease-receiver';

export interface AuthorizedKeyInput {
  /** The peer's addresses (IPv4, IPv6, or either with a /prefix): sshd's from= list. */
  peers: readonly string[];
  /** The public key line: type, base64 blob, optional comment. */
  publicKey: string;
  /** The configuration the receiver reads (absolute). */
  configFile: string;
  /** The receiver: a bare command name found in sshd's PATH, or an absolute path. */
  receiver: string;
  /** Where the lease paths derive from, when not the default (sshd passes no ROUTERD_STATE_DIR). */
  stateDir?: string | undefined;
  /** This node's name in the receiver's reports, when not its short host name. */
  node?: string | undefined;
}

/** An input the line cannot be made from; the message names the input, the expectation and what was found. */
export class AuthorizedKeyError extends Error {
  override name = 'AuthorizedKeyError';
}

const KEY_TYPES = [
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
] as const;

function hasControl(text: string): boolean {
  return [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

function peerProblem(peer: string): string | undefined {
  const slash = peer.indexOf('/');
  const address = slash === -1 ? peer : peer.slice(0, slash);
  const family = isIP(address);
  const prefix = slash === -1 ? undefined : peer.slice(slash + 1);
  const max = family === 4 ? 32 : 128;
  if (family !== 0 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max))) return undefined;
  return `expected --peer to be the peer's IPv4 or IPv6 address (optionally with a /prefix), found ${JSON.stringify(peer)}; a host name would need sshd's UseDNS`;
}

/** The key type the base64 blob itself names (its first length-prefixed string), or undefined. */
function blobType(blob: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return undefined;
  const bytes = Buffer.from(blob, 'base64');
  if (bytes.length < 4) return undefined;
  const length = bytes.readUInt32BE(0);
  return length > 0 && length <= 64 && bytes.length >= 4 + length ? bytes.subarray(4, 4 + length).toString('latin1') : undefined;
}

/** The checked key line: `<type> <blob>[ <comment>]`, single spaces. */
export function checkPublicKey(line: string, from: string): string {
  const text = line.trim();
  if (text.includes('PRIVATE KEY')) throw new AuthorizedKeyError(`${from}: expected a public key line, found a private key; give the .pub file`);
  if (text.includes('\n') || hasControl(text)) throw new AuthorizedKeyError(`${from}: expected one public key line, found ${text.split('\n').length} lines or control characters`);
  const [type = '', blob = '', ...comment] = text.split(/\s+/);
  if (!(KEY_TYPES as readonly string[]).includes(type)) {
    throw new AuthorizedKeyError(`${from}: expected a public key line starting with its type (${KEY_TYPES.join(', ')}), found ${JSON.stringify(text.slice(0, 40))}${type.includes('=') || type.includes(',') ? ' (a line with options already: give the bare key)' : ''}`);
  }
  const named = blobType(blob);
  if (named !== type) {
    throw new AuthorizedKeyError(`${from}: expected the base64 key data of a ${type} key, found ${named === undefined ? 'data that is not' : `a ${named} key`}`);
  }
  return [type, blob, ...comment].join(' ');
}

/** An absolute path as one shell word. */
function pathWord(value: string, flag: string): string {
  if (!value.startsWith('/') || hasControl(value) || /["\\]/.test(value)) {
    throw new AuthorizedKeyError(`expected ${flag} to be an absolute path without double quotes, backslashes or control characters, found ${JSON.stringify(value)}`);
  }
  return shellQuote(value);
}

function receiverWord(receiver: string): string {
  if (receiver.startsWith('/')) return pathWord(receiver, '--receiver');
  if (/^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/.test(receiver)) return receiver;
  throw new AuthorizedKeyError(`expected --receiver to be a command name (looked up in sshd's PATH) or an absolute path, found ${JSON.stringify(receiver)}`);
}

/** The line, newline included; throws AuthorizedKeyError for an input it cannot be made from. */
export function renderAuthorizedKey(input: AuthorizedKeyInput): string {
  if (input.peers.length === 0) throw new AuthorizedKeyError('expected --peer with the address the peer connects from');
  for (const peer of input.peers) {
    const problem = peerProblem(peer);
    if (problem !== undefined) throw new AuthorizedKeyError(problem);
  }
  const words = [receiverWord(input.receiver), '--config', pathWord(input.configFile, '--config')];
  if (input.stateDir !== undefined) words.push('--state-dir', pathWord(input.stateDir, '--state-dir'));
  if (input.node !== undefined) {
    const problem = nodeProblem(input.node);
    if (problem !== undefined) throw new AuthorizedKeyError(`--node: ${problem}`);
    words.push('--node', input.node);
  }
  return `command="${words.join(' ')}",restrict,from="${input.peers.join(',')}" ${input.publicKey}\n`;
}
