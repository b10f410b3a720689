// A LAN for containers and DHCP clients: a bridge in a network namespace of its own, and one namespace per
// host on it, each holding `eth1`, a veth whose other end is a bridge port. A container boots into its
// host's namespace (bootContainer's networkNamespacePath), so its eth1 is on the bridge. Documentation
// addresses only; every namespace is named `<prefix>-<host>` and removed by remove().
import { deleteNetns, ip } from '@routerd/testkit';

export interface LanHost {
  /** The namespace's name (`ip netns`), `<prefix>-<host>`. */
  readonly netns: string;
  /** `/run/netns/<netns>`, what nspawn's --network-namespace-path takes. */
  readonly path: string;
}

export interface LanHostSpec {
  name: string;
  /** Addresses (CIDR) on its eth1; none for a DHCP client. */
  addresses?: readonly string[];
  /** eth1's MAC address, e.g. a DHCP client's, so its lease can be found. */
  mac?: string;
}

export interface Lan {
  readonly hosts: Readonly<Record<string, LanHost>>;
  /** Deletes every namespace this made (the processes still in one keep it alive until they exit). */
  remove(): Promise<void>;
}

const HOST_NAME = /^[a-z0-9-]{1,10}$/;

/** Makes `<prefix>-lan` with bridge br0, and for each host `<prefix>-<name>` with eth1 on br0, loopback up. */
export async function createLan(prefix: string, specs: readonly LanHostSpec[]): Promise<Lan> {
  const made: string[] = [];
  const remove = async () => {
    for (const ns of made.reverse()) await deleteNetns(ns);
  };
  const lan = `${prefix}-lan`;
  try {
    await ip(['netns', 'add', lan]);
    made.push(lan);
    await ip(['-n', lan, 'link', 'add', 'br0', 'type', 'bridge']);
    await ip(['-n', lan, 'link', 'set', 'br0', 'up']);
    const hosts: Record<string, LanHost> = {};
    for (const spec of specs) {
      if (!HOST_NAME.test(spec.name)) throw new Error(`LAN host name: expected 1-10 of a-z, 0-9 and "-" (it names a bridge port), found ${JSON.stringify(spec.name)}`);
      const netns = `${prefix}-${spec.name}`;
      await ip(['netns', 'add', netns]);
      made.push(netns);
      const port = `p-${spec.name}`;
      await ip(['link', 'add', 'eth1', 'netns', netns, ...(spec.mac === undefined ? [] : ['address', spec.mac]), 'type', 'veth', 'peer', 'name', port, 'netns', lan]);
      await ip(['-n', lan, 'link', 'set', port, 'master', 'br0', 'up']);
      await ip(['-n', netns, 'link', 'set', 'lo', 'up']);
      await ip(['-n', netns, 'link', 'set', 'eth1', 'up']);
      // nodad: an IPv6 address is usable at once, not after duplicate address detection.
      for (const address of spec.addresses ?? []) await ip(['-n', netns, 'addr', 'add', address, 'dev', 'eth1', ...(address.includes(':') ? ['nodad'] : [])]);
      hosts[spec.name] = { netns, path: `/run/netns/${netns}` };
    }
    return { hosts, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
