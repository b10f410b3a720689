// Host and user keys per router, the peer's restricted authorized key and a known_hosts without keyscan.
import { chmod, chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { run } from './exec.js';
import { ROUTERS, routerDirs, type RouterId } from './topology.js';

/** `routerctl render authorized-keys` for router `id`: the peer's key, the receiver as its forced command (docs/operations.md). */
export function authorizedKeyArgv(id: RouterId, tools: { node: string; routerctl: string; receiver: string }): string[] {
  const peer = ROUTERS[id].peer;
  return [tools.node, tools.routerctl, 'render', 'authorized-keys', '--peer', ROUTERS[peer].v4, '--key', `${userKeyPath(peer)}.pub`, '--config', `${routerDirs(id).etc}/router.yaml`, '--receiver', tools.receiver, '--node', ROUTERS[id].node];
}

/** Replaces each router's authorized_keys with the documented key line, verbatim as routerctl renders it. */
export async function installReceiverKeys(tools: { node: string; routerctl: string; receiver: string }): Promise<void> {
  // sshd runs the forced command with the routerd user's shell: the receiver must be executable itself.
  await chmod(tools.receiver, 0o755);
  for (const id of ['r1', 'r2'] as const) {
    const line = (await run(authorizedKeyArgv(id, tools))).stdout.trim();
    await writeFile(`${routerDirs(id).state}/.ssh/authorized_keys`, `${line}\n`, { mode: 0o600 });
  }
}

export function hostKeyPath(id: RouterId): string {
  return `${routerDirs(id).etc}/ssh_host_ed25519_key`;
}

export function userKeyPath(id: RouterId): string {
  return `${routerDirs(id).state}/.ssh/id_ed25519`;
}

async function keygen(path: string, comment: string): Promise<void> {
  await run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
}

/** Both routers' keys, then each one's authorized_keys (the peer's key, restricted) and known_hosts. */
export async function prepareSshKeys(owner: { uid: number; gid: number }): Promise<void> {
  for (const id of ['r1', 'r2'] as const) {
    const sshDir = `${routerDirs(id).state}/.ssh`;
    await mkdir(sshDir, { recursive: true });
    await keygen(hostKeyPath(id), `rdlab-${id}-host`);
    await keygen(userKeyPath(id), `routerd@rdlab-${id}`);
  }
  for (const id of ['r1', 'r2'] as const) {
    const peer = ROUTERS[ROUTERS[id].peer];
    const sshDir = `${routerDirs(id).state}/.ssh`;
    const peerUserKey = (await readFile(`${userKeyPath(peer.id)}.pub`, 'utf8')).trim();
    const peerHostKey = (await readFile(`${hostKeyPath(peer.id)}.pub`, 'utf8')).trim().split(' ').slice(0, 2).join(' ');
    await writeFile(`${sshDir}/authorized_keys`, `restrict ${peerUserKey}\n`, { mode: 0o600 });
    await writeFile(`${sshDir}/known_hosts`, `${peer.hostName},${peer.v4} ${peerHostKey}\n`, { mode: 0o644 });
    // sshd's StrictModes: the routerd user owns its .ssh; the pushing side's ssh runs as root and reads its key.
    await chown(sshDir, owner.uid, owner.gid);
    await chmod(sshDir, 0o700);
    await chown(`${sshDir}/authorized_keys`, owner.uid, owner.gid);
  }
}
