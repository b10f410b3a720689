import { planSyncs, type RouterConfig } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { masterExitArgv } from './ssh-masters.js';

const config = {
  resources: [
    { apiVersion: 'net.routerd.net/v1alpha1', kind: 'DHCPv4Server', metadata: { name: 'lan' }, spec: { leaseTime: '12h' } },
    {
      apiVersion: 'net.routerd.net/v1alpha1',
      kind: 'DHCPv4ServerLeaseSync',
      metadata: { name: 'lan-leases' },
      spec: {
        source: { resource: 'DHCPv4Server/lan' },
        interval: '30s',
        command: 'rsync',
        targets: [
          { host: 'standby.example', user: 'routerd', sshOptions: ['-p', '2222'] },
          { host: 'other.example', sshOptions: ['-o', 'ControlMaster=no'] },
        ],
      },
    },
  ],
} as unknown as RouterConfig;

describe('ssh-masters', () => {
  const [job] = planSyncs(config, { dirs: { stateDir: '/var/lib/routerd', runtimeDir: '/run/routerd' } });

  it('syncer › asks the master of a reusing target to exit, with the same ssh options', () => {
    const argv = masterExitArgv(job!.targets[0]!);
    expect(argv?.slice(-3)).toEqual(['-O', 'exit', 'routerd@standby.example']);
    expect(argv).toContain('ControlPath=/run/routerd/ssh/%C');
    expect(argv).toContain('2222');
  });

  it('syncer › leaves alone a target that does not reuse connections', () => {
    expect(masterExitArgv(job!.targets[1]!)).toBeUndefined();
  });
});
