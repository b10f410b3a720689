import { describe, expect, it } from 'vitest';
import { isSyncClient } from './sync-clients.js';

describe('system harness › sync clients', () => {
  it('system harness › rsync and ssh clients and ControlMasters count; the standby rsync server does not', () => {
    expect(isSyncClient({ pid: 1, cmdline: 'rsync -a --delay-updates /tmp/rdsys-x/state/f 127.0.0.1:/tmp/rdsys-x/state/f' })).toBe(true);
    expect(isSyncClient({ pid: 1, cmdline: '/usr/bin/ssh -o ControlPath=/tmp/rdsys-x/run/ssh/%C root@127.0.0.1 rsync' })).toBe(true);
    expect(isSyncClient({ pid: 1, cmdline: 'ssh: /tmp/rdsys-x/run/ssh/0123abcd [mux]' })).toBe(true);
    expect(isSyncClient({ pid: 1, cmdline: 'rsync --server -logDtpre.iLsfxCIvu --delay-updates . /tmp/rdsys-x/state/f' })).toBe(false);
    expect(isSyncClient({ pid: 1, cmdline: 'node apps/syncer/dist/main.js --config /tmp/rdsys-x/router.yaml' })).toBe(false);
  });
});
