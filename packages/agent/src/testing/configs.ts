// Configuration texts the bootstrap's tests load: valid interfaces, and one file with two errors.

/** One Interface resource per name, eth0, eth1, ... in order. */
export const interfacesYaml = (...names: string[]): string =>
  names.map((name, i) => `- apiVersion: net.routerd.net/v1alpha1\n  kind: Interface\n  metadata: { name: ${name} }\n  spec: { ifname: eth${i} }\n`).join('');

/** An MTU out of range on line 4 and a misspelt kind on line 6. */
export const INVALID_YAML = `- apiVersion: net.routerd.net/v1alpha1
  kind: Interface
  metadata: { name: lan }
  spec: { ifname: eth1, mtu: 5 }
- apiVersion: net.routerd.net/v1alpha1
  kind: Interfac
  metadata: { name: wan }
  spec: {}
`;
