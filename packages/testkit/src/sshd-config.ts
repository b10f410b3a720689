import { join } from 'node:path';

/** Where a test sshd keeps its files, all under one temp dir. */
export interface SshdFiles {
  readonly dir: string;
  readonly config: string;
  readonly hostKey: string;
  readonly identityFile: string;
  readonly authorizedKeys: string;
  readonly knownHosts: string;
  readonly pidFile: string;
  readonly log: string;
}

export function sshdFiles(dir: string): SshdFiles {
  return {
    dir,
    config: join(dir, 'sshd_config'),
    hostKey: join(dir, 'ssh_host_ed25519_key'),
    identityFile: join(dir, 'id_ed25519'),
    authorizedKeys: join(dir, 'authorized_keys'),
    knownHosts: join(dir, 'known_hosts'),
    pidFile: join(dir, 'sshd.pid'),
    log: join(dir, 'sshd.log'),
  };
}

/** An sshd_config for key-only logins of one user on 127.0.0.1:port. */
export function sshdConfigText(files: SshdFiles, port: number, user: string): string {
  return [
    `ListenAddress 127.0.0.1:${port}`,
    `HostKey ${files.hostKey}`,
    `PidFile ${files.pidFile}`,
    `AuthorizedKeysFile ${files.authorizedKeys}`,
    `AllowUsers ${user}`,
    `PermitRootLogin ${user === 'root' ? 'prohibit-password' : 'no'}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'MaxStartups 100',
    'LogLevel VERBOSE',
    '',
  ].join('\n');
}

/** What a client needs: `ssh <these> user@127.0.0.1 ...`, or rsync's `-e "ssh <these>"`. */
export function clientOptions(files: SshdFiles, port: number): string[] {
  return [
    '-F', '/dev/null',
    '-p', String(port),
    '-i', files.identityFile,
    '-o', 'IdentitiesOnly=yes',
    '-o', `UserKnownHostsFile=${files.knownHosts}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'BatchMode=yes',
  ];
}
