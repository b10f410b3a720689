import { loadConfig, planSyncs, requireConfig } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { benchConfigYaml } from './config-yaml.js';

const target = (port: number) => ({ host: '127.0.0.1', user: 'root', sshOptions: ['-p', String(port), '-o', 'BatchMode=yes'] });

describe('config-yaml', () => {
  it('config-yaml › a valid configuration whose plan runs the wrapper against every standby', () => {
    const text = benchConfigYaml({ targets: [target(2201), target(2202)], command: '/tmp/rdb/counting-rsync', ifname: 'rdb0' });
    const config = requireConfig(loadConfig([{ file: 'bench.yaml', text }]));
    const [job, ...others] = planSyncs(config, { dirs: { stateDir: '/tmp/rdb/state', runtimeDir: '/tmp/rdb/run' } });
    expect(others).toEqual([]);
    expect(job!.source.path).toBe('/tmp/rdb/state/dnsmasq/dnsmasq.leases');
    expect(job!.targets.map((t) => t.argv[0])).toEqual(['/tmp/rdb/counting-rsync', '/tmp/rdb/counting-rsync']);
    expect(job!.targets[1]!.sshCommand).toContain('-p 2202');
  });

  it('config-yaml › the baselines: a leaseFile override, the planned command without reuse', () => {
    const text = benchConfigYaml({ targets: [target(2201)], command: 'rsync', ifname: 'lo', leaseFile: '/tmp/rdb/state/baseline/leases' });
    const [job] = planSyncs(requireConfig(loadConfig([{ file: 'bench.yaml', text }])), { dirs: { stateDir: '/s', runtimeDir: '/r' }, reuseConnections: false });
    expect(job!.targets[0]!.argv).toEqual([
      'rsync', '-a', '--no-times', '--no-perms', '--no-owner', '--no-group', '--checksum', '--delay-updates', '--timeout=60',
      '-e', 'ssh -o ConnectTimeout=10 -o ServerAliveInterval=5 -o ServerAliveCountMax=3 -p 2201 -o BatchMode=yes',
      '/tmp/rdb/state/baseline/leases', 'root@127.0.0.1:/tmp/rdb/state/baseline/leases',
    ]);
  });

  it('config-yaml › refuses a configuration without targets', () => {
    expect(() => benchConfigYaml({ targets: [], command: 'rsync', ifname: 'lo' })).toThrow('Expected at least one standby target, got none');
  });
});
