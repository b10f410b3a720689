import { describe, expect, it } from 'vitest';

import { clientOptions, sshdConfigText, sshdFiles } from './sshd-config.js';

describe('sshd config', () => {
  const files = sshdFiles('/tmp/t');

  it('sshd-config › allows key logins of one user only, with its own pid file and keys', () => {
    const text = sshdConfigText(files, 2222, 'routerd');
    for (const line of [
      'ListenAddress 127.0.0.1:2222',
      'HostKey /tmp/t/ssh_host_ed25519_key',
      'PidFile /tmp/t/sshd.pid',
      'AuthorizedKeysFile /tmp/t/authorized_keys',
      'AllowUsers routerd',
      'PermitRootLogin no',
      'PasswordAuthentication no',
      'UsePAM no',
      'StrictModes no',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    expect(sshdConfigText(files, 2222, 'root').split('\n')).toContain('PermitRootLogin prohibit-password');
  });

  it('sshd-config › gives clients the port, key and strict known_hosts, and no user config', () => {
    expect(clientOptions(files, 2222)).toEqual([
      '-F', '/dev/null',
      '-p', '2222',
      '-i', '/tmp/t/id_ed25519',
      '-o', 'IdentitiesOnly=yes',
      '-o', 'UserKnownHostsFile=/tmp/t/known_hosts',
      '-o', 'GlobalKnownHostsFile=/dev/null',
      '-o', 'StrictHostKeyChecking=yes',
      '-o', 'BatchMode=yes',
    ]);
  });
});
