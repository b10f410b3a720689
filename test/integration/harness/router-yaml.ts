// The configuration file the three agents share: one VIP on the namespace's veth, one DHCPv4 server,
// and a lease sync to every standby gated on that VIP being master here.
export interface StandbyTarget {
  name: string;
  host: string;
  user: string;
  sshOptions: readonly string[];
}

const quote = (text: string) => JSON.stringify(text);

export function routerYaml(ifname: string, vip: string, targets: readonly StandbyTarget[]): string {
  const targetLines = targets.flatMap((t) => [
    `      - name: ${quote(t.name)}`,
    `        host: ${quote(t.host)}`,
    `        user: ${quote(t.user)}`,
    `        sshOptions: [${t.sshOptions.map(quote).join(', ')}]`,
    '        options: ["--timeout=10"]',
  ]);
  return [
    'apiVersion: routerd.net/v1alpha1',
    'kind: Router',
    'metadata: { name: system-test }',
    'spec:',
    '  resources:',
    '  - apiVersion: net.routerd.net/v1alpha1',
    '    kind: Interface',
    '    metadata: { name: lan }',
    `    spec: { ifname: ${quote(ifname)} }`,
    '  - apiVersion: net.routerd.net/v1alpha1',
    '    kind: VirtualAddress',
    '    metadata: { name: lan-vip }',
    `    spec: { interface: lan, family: ipv4, address: ${quote(vip)}, mode: static }`,
    '  - apiVersion: net.routerd.net/v1alpha1',
    '    kind: DHCPv4Server',
    '    metadata: { name: lan-dhcpv4 }',
    '    spec: { interface: lan, addressPool: { start: 192.0.2.100, end: 192.0.2.199 } }',
    '  - apiVersion: net.routerd.net/v1alpha1',
    '    kind: DHCPv4ServerLeaseSync',
    '    metadata: { name: lan-v4-leases }',
    '    spec:',
    '      source: { resource: DHCPv4Server/lan-dhcpv4 }',
    '      interval: 30s',
    '      targets:',
    ...targetLines.map((line) => `  ${line}`),
    '      when:',
    '        state:',
    '          VirtualAddress/lan-vip.role: { equals: master }',
    '',
  ].join('\n');
}
