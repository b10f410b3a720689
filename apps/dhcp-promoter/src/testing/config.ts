// A validated configuration with one VIP, one DHCPv4 server and a promotion whose commands are given.
import { loadConfig, type RouterConfig } from '@routerd/model';

export function promotionConfig(commands: { start: string[]; stop: string[]; check?: string[] }, extra = ''): RouterConfig {
  const list = (argv: string[]) => `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
  const text = [
    '- apiVersion: net.routerd.net/v1alpha1',
    '  kind: Interface',
    '  metadata: { name: lan }',
    '  spec: { ifname: lan0 }',
    '- apiVersion: net.routerd.net/v1alpha1',
    '  kind: VirtualAddress',
    '  metadata: { name: lan-vip }',
    '  spec: { interface: lan, family: ipv4, address: 192.0.2.1/32 }',
    '- apiVersion: net.routerd.net/v1alpha1',
    '  kind: DHCPv4Server',
    '  metadata: { name: lan-dhcpv4 }',
    '  spec: {}',
    '- apiVersion: net.routerd.net/v1alpha1',
    '  kind: DHCPServerPromotion',
    '  metadata: { name: lan-dhcp }',
    `  spec: { virtualAddress: lan-vip, start: ${list(commands.start)}, stop: ${list(commands.stop)}${commands.check ? `, check: ${list(commands.check)}` : ''}, settle: 200ms${extra} }`,
    '',
  ].join('\n');
  const { config, diagnostics } = loadConfig([{ file: 'test.yaml', text }]);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (config === undefined || errors.length > 0) throw new Error(`test configuration is invalid: ${JSON.stringify(errors)}`);
  return config;
}
