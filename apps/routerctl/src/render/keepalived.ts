// keepalived.conf for the VRRP VirtualAddresses of a configuration: every node starts as BACKUP.
import { isIPv4, isIPv6, keepalivedInstanceNames, type RouterConfig, type VirtualAddressResource } from '@routerd/model';
import { generatedHeader } from './header.js';

export interface KeepalivedOptions {
  /** The configuration files, for the header. */
  files: readonly string[];
  /** keepalived writes one line per state change here, in order (the vip-watcher reads it). */
  notifyFifo?: string | undefined;
}

export interface KeepalivedRender {
  text: string;
  /** Problems the file cannot show, e.g. a host name where keepalived needs an address. */
  warnings: string[];
}

/** 0 or unset means keepalived's default. */
const DEFAULT_PRIORITY = 100;

function ifnameOf(config: RouterConfig, name: string): string {
  for (const r of config.resources) if (r.kind === 'Interface' && r.metadata.name === name) return r.spec.ifname;
  return name; // the loader guarantees the reference; keep the name rather than fail
}

function withPrefix(address: string, family: 'ipv4' | 'ipv6'): string {
  return address.includes('/') ? address : `${address}/${family === 'ipv4' ? 32 : 128}`;
}

function instance(vip: VirtualAddressResource, name: string, ifname: string, warnings: string[]): string[] {
  const { spec } = vip;
  const vrrp = spec.vrrp;
  if (vrrp === undefined) return [];
  // keepalived skips a peer that is not an address ("malformed unicast peer"): say so, leave it commented.
  const peers = vrrp.peers.map((peer) => {
    if (isIPv4(peer) || isIPv6(peer)) return `    ${peer}`;
    warnings.push(`VirtualAddress/${vip.metadata.name}: keepalived's unicast_peer takes addresses, found host name ${JSON.stringify(peer)}`);
    return `    # ${peer}: not an address, keepalived would skip it`;
  });
  const priority = vrrp.priority === undefined || vrrp.priority === 0 ? DEFAULT_PRIORITY : vrrp.priority;
  return [
    `# VirtualAddress/${vip.metadata.name}${spec.family === 'ipv6' ? ' (IPv6)' : ''}`,
    `vrrp_instance ${name} {`,
    '  state BACKUP',
    `  interface ${ifname}`,
    ...(spec.family === 'ipv6' ? ['  native_ipv6'] : []),
    `  virtual_router_id ${vrrp.virtualRouterID}`,
    `  priority ${priority}`,
    '  advert_int 1',
    ...(vrrp.preempt === true ? [] : ['  nopreempt']),
    '  unicast_peer {',
    ...peers,
    '  }',
    '  virtual_ipaddress {',
    `    ${withPrefix(spec.address, spec.family)} dev ${ifname}`,
    '  }',
    '}',
  ];
}

export function renderKeepalived(config: RouterConfig, options: KeepalivedOptions): KeepalivedRender {
  const vips = config.resources.filter((r): r is VirtualAddressResource => r.kind === 'VirtualAddress' && r.spec.mode === 'vrrp');
  const names = keepalivedInstanceNames(vips.map((v) => v.metadata.name));
  const warnings: string[] = [];
  const global = [
    'global_defs {',
    options.notifyFifo === undefined
      ? '  # No notify FIFO: render with --notify-fifo PATH to have keepalived report each state change.'
      : `  vrrp_notify_fifo ${options.notifyFifo}`,
    '}',
  ];
  const instances = vips.map((vip, i) => instance(vip, names[i] ?? vip.metadata.name, ifnameOf(config, vip.spec.interface), warnings));
  if (instances.length === 0) instances.push(['# No VirtualAddress in vrrp mode: keepalived has nothing to run.']);
  const sections = [[generatedHeader('keepalived', options.files)], global, ...instances];
  return { text: `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`, warnings };
}
