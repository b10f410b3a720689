import { describe, expect, it } from 'vitest';
import { dnsmasqLeaseFile, runtimeDirs, RuntimeDirError, sourcePath, SourcePathError } from './paths.js';
import type { RouterConfig } from './router.js';
import { routerSchema } from './router.js';

const dirs = { stateDir: '/var/lib/routerd', runtimeDir: '/run/routerd' };

function configOf(resources: unknown[]): RouterConfig {
  const doc = routerSchema.parse({ apiVersion: 'routerd.net/v1alpha1', kind: 'Router', metadata: { name: 't' }, spec: { resources } });
  return { name: doc.metadata.name, resources: doc.spec.resources };
}

const server = (kind: 'DHCPv4Server' | 'DHCPv6Server', name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'net.routerd.net/v1alpha1',
  kind,
  metadata: { name },
  spec,
});

describe('runtimeDirs', () => {
  it('paths › defaults to /var/lib/routerd and /run/routerd', () => {
    expect(runtimeDirs({})).toEqual({ stateDir: '/var/lib/routerd', runtimeDir: '/run/routerd' });
  });

  it('paths › reads ROUTERD_STATE_DIR and ROUTERD_RUNTIME_DIR', () => {
    expect(runtimeDirs({ ROUTERD_STATE_DIR: '/tmp/lab/state', ROUTERD_RUNTIME_DIR: '/tmp/lab/run' })).toEqual({
      stateDir: '/tmp/lab/state',
      runtimeDir: '/tmp/lab/run',
    });
  });

  it('paths › normalizes trailing slashes and dot segments', () => {
    expect(runtimeDirs({ ROUTERD_STATE_DIR: '/tmp//lab/./state/', ROUTERD_RUNTIME_DIR: '/' })).toEqual({ stateDir: '/tmp/lab/state', runtimeDir: '/' });
  });

  it('paths › an empty variable counts as unset', () => {
    expect(runtimeDirs({ ROUTERD_STATE_DIR: '', ROUTERD_RUNTIME_DIR: undefined })).toEqual(runtimeDirs({}));
  });

  it('paths › rejects a relative state dir, naming the variable', () => {
    expect(() => runtimeDirs({ ROUTERD_STATE_DIR: 'state' })).toThrow(new RuntimeDirError('ROUTERD_STATE_DIR must be an absolute path, found "state"'));
  });

  it('paths › rejects a relative runtime dir, naming the variable', () => {
    expect(() => runtimeDirs({ ROUTERD_RUNTIME_DIR: './run' })).toThrow('ROUTERD_RUNTIME_DIR must be an absolute path, found "./run"');
  });

  it('paths › rejects a newline', () => {
    expect(() => runtimeDirs({ ROUTERD_STATE_DIR: '/tmp/a\nb' })).toThrow('ROUTERD_STATE_DIR must be a path without newlines or NUL, found "/tmp/a\\nb"');
  });
});

describe('dnsmasqLeaseFile', () => {
  it('paths › derives <stateDir>/dnsmasq/dnsmasq.leases', () => {
    expect(dnsmasqLeaseFile(configOf([server('DHCPv4Server', 'lan')]), dirs)).toBe('/var/lib/routerd/dnsmasq/dnsmasq.leases');
    expect(dnsmasqLeaseFile(configOf([]), { ...dirs, stateDir: '/tmp/s' })).toBe('/tmp/s/dnsmasq/dnsmasq.leases');
  });

  it('paths › uses the common leaseFile override from either server', () => {
    const config = configOf([server('DHCPv4Server', 'lan'), server('DHCPv6Server', 'lan6', { leaseFile: '/srv/leases' })]);
    expect(dnsmasqLeaseFile(config, dirs)).toBe('/srv/leases');
  });

  it('paths › accepts overrides that agree', () => {
    const config = configOf([server('DHCPv4Server', 'a', { leaseFile: '/srv/l' }), server('DHCPv6Server', 'b', { leaseFile: '/srv/l' })]);
    expect(dnsmasqLeaseFile(config, dirs)).toBe('/srv/l');
  });

  it('paths › refuses overrides that disagree, naming both', () => {
    const config = configOf([server('DHCPv4Server', 'a', { leaseFile: '/srv/a' }), server('DHCPv6Server', 'b', { leaseFile: '/srv/b' })]);
    expect(() => dnsmasqLeaseFile(config, dirs)).toThrow(
      new SourcePathError(
        'one dnsmasq serves every DHCP server, so their leaseFile values must agree: DHCPv4Server/a sets "/srv/a", DHCPv6Server/b sets "/srv/b"',
      ),
    );
  });
});

describe('sourcePath', () => {
  const config = configOf([server('DHCPv4Server', 'lan')]);

  it('paths › DHCPv4Server and DHCPv6Server share the dnsmasq file', () => {
    expect(sourcePath(config, { kind: 'DHCPv4Server', name: 'lan' }, dirs)).toBe('/var/lib/routerd/dnsmasq/dnsmasq.leases');
    expect(sourcePath(config, { kind: 'DHCPv6Server', name: 'lan6' }, dirs)).toBe('/var/lib/routerd/dnsmasq/dnsmasq.leases');
  });

  it('paths › DHCPv6PrefixDelegation reads the PD client lease', () => {
    expect(sourcePath(config, { kind: 'DHCPv6PrefixDelegation', name: 'wan-pd' }, dirs)).toBe('/var/lib/routerd/dhcpv6-client/wan-pd/lease.json');
  });

  it('paths › refuses a PD name that is not one path segment', () => {
    expect(() => sourcePath(config, { kind: 'DHCPv6PrefixDelegation', name: '../x' }, dirs)).toThrow(
      'expected a DHCPv6PrefixDelegation name that is one path segment, found "../x"',
    );
  });

  it('paths › refuses an unknown source kind', () => {
    expect(() => sourcePath(config, { kind: 'Interface', name: 'lan' }, dirs)).toThrow(
      'expected a source kind of DHCPv4Server, DHCPv6Server or DHCPv6PrefixDelegation, found "Interface" (source Interface/lan)',
    );
  });
});
