// The VirtualAddresses of a configuration, each with its kernel interface name and keepalived instance name.
import { keepalivedInstanceNames, type RouterConfig, type VirtualAddressResource } from '@routerd/model';

export interface WatchedVip {
  name: string;
  /** The address as the configuration spells it (with or without /32, /128). */
  address: string;
  family: 'ipv4' | 'ipv6';
  /** The Interface resource name. */
  interface: string;
  ifname: string;
  mode: 'static' | 'vrrp';
  virtualRouterID?: number;
  priority?: number;
  /** The vrrp_instance name `routerctl render keepalived` gives it; undefined for static VIPs. */
  instanceName?: string;
}

/** Every VirtualAddress of `config`, in order. The loader guarantees the Interface reference. */
export function watchedVips(config: RouterConfig): WatchedVip[] {
  const ifnames = new Map<string, string>();
  for (const r of config.resources) if (r.kind === 'Interface') ifnames.set(r.metadata.name, r.spec.ifname);
  const vips = config.resources.filter((r): r is VirtualAddressResource => r.kind === 'VirtualAddress');
  const vrrp = vips.filter((v) => v.spec.mode === 'vrrp');
  const instanceNames = new Map(keepalivedInstanceNames(vrrp.map((v) => v.metadata.name)).map((n, i) => [vrrp[i]?.metadata.name, n]));
  return vips.map((vip) => {
    const { spec } = vip;
    const watched: WatchedVip = {
      name: vip.metadata.name,
      address: spec.address,
      family: spec.family,
      interface: spec.interface,
      ifname: ifnames.get(spec.interface) ?? spec.interface,
      mode: spec.mode,
    };
    if (spec.vrrp !== undefined) {
      watched.virtualRouterID = spec.vrrp.virtualRouterID;
      watched.priority = spec.vrrp.priority === undefined || spec.vrrp.priority === 0 ? 100 : spec.vrrp.priority;
    }
    const instanceName = instanceNames.get(vip.metadata.name);
    if (instanceName !== undefined) watched.instanceName = instanceName;
    return watched;
  });
}
