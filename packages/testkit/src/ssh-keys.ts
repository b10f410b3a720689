import { readFile } from 'node:fs/promises';

import { execa } from 'execa';

import { ComponentStartError } from './errors.js';

/** Generates an ed25519 key pair at `path` (private, 0600) and `path.pub`; returns the public key line. */
export async function generateEd25519Key(path: string, comment: string): Promise<string> {
  const result = await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path], {
    reject: false,
    stdin: 'ignore',
  });
  if (result.failed) {
    throw new ComponentStartError('ssh-keygen', `could not generate ${path}: ${result.stderr || result.shortMessage}`, { cause: result });
  }
  return (await readFile(`${path}.pub`, 'utf8')).trim();
}

/** `[host]:port <type> <key>`: a known_hosts line for a host key, without its comment. */
export function knownHostsLine(host: string, port: number, publicKey: string): string {
  const [type = '', key = ''] = publicKey.split(' ');
  return `[${host}]:${port} ${type} ${key}`;
}
