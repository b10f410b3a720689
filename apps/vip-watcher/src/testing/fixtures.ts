// Helpers for this app's tests: configurations, a logger that keeps its lines, the fake `ip` on PATH.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, type Logger } from '@routerd/agent';
import { loadConfig, type RouterConfig } from '@routerd/model';

export const FIXTURES = fileURLToPath(new URL('../test-fixtures/', import.meta.url));
export const FAKE_IP_BIN = join(FIXTURES, 'bin');

/** Captured with `ip -j addr show` in a namespace: veth lan0 with 192.0.2.10/24, 2001:db8::10/64 and the VIPs 192.0.2.1/32, 2001:db8::1/128. */
export const IP_ADDR_PRESENT = readFileSync(join(FIXTURES, 'ip-addr-present.json'), 'utf8');
/** The same namespace after `ip addr del` of both VIPs. */
export const IP_ADDR_ABSENT = readFileSync(join(FIXTURES, 'ip-addr-absent.json'), 'utf8');

export interface VipSpec {
  name: string;
  address: string;
  family?: 'ipv4' | 'ipv6';
  ifname?: string;
  vrrp?: boolean;
}

/** A validated configuration with one Interface per ifname and the given VirtualAddresses (VRIDs 51, 52...). */
export function configWith(vips: readonly VipSpec[]): RouterConfig {
  const ifnames = [...new Set(vips.map((v) => v.ifname ?? 'lan0'))];
  const lines = ['apiVersion: routerd.net/v1alpha1', 'kind: Router', 'metadata: { name: test }', 'spec:', '  resources:'];
  for (const ifname of ifnames) {
    lines.push('    - apiVersion: net.routerd.net/v1alpha1', '      kind: Interface', `      metadata: { name: if-${ifname} }`, `      spec: { ifname: ${ifname} }`);
  }
  for (const [index, vip] of vips.entries()) {
    const family = vip.family ?? (vip.address.includes(':') ? 'ipv6' : 'ipv4');
    lines.push(
      '    - apiVersion: net.routerd.net/v1alpha1',
      '      kind: VirtualAddress',
      `      metadata: { name: ${vip.name} }`,
      '      spec:',
      `        interface: if-${vip.ifname ?? 'lan0'}`,
      `        family: ${family}`,
      `        address: "${vip.address}"`,
    );
    if (vip.vrrp !== false) lines.push('        mode: vrrp', `        vrrp: { virtualRouterID: ${51 + index}, priority: 150, peers: [192.0.2.3] }`);
  }
  const { config, diagnostics } = loadConfig([{ file: 'test.yaml', text: `${lines.join('\n')}\n` }]);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (config === undefined || errors.length > 0) throw new Error(`test configuration is invalid: ${JSON.stringify(errors)}`);
  return config;
}

export interface MemoryLog {
  log: Logger;
  lines: () => { level: string; msg: string; [key: string]: unknown }[];
  messages: (level?: string) => string[];
}

export function memoryLogger(level: 'debug' | 'info' = 'debug'): MemoryLog {
  const raw: string[] = [];
  const log = createLogger({ name: 'vip-watcher', node: 'r1', level, destination: { write: (line: string) => void raw.push(line) } });
  const lines = () => raw.map((line) => JSON.parse(line) as { level: string; msg: string });
  return { log, lines, messages: (wanted) => lines().filter((l) => wanted === undefined || l.level === wanted).map((l) => l.msg) };
}

export function tempDir(prefix = 'vip-watcher-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A state directory for the fake `ip`; set FAKE_IP_DIR and PATH (vi.stubEnv) to use it. */
export function fakeIpDir(addrJson = IP_ADDR_ABSENT): { path: string; remove: () => void; setAddr: (json: string) => void } {
  const dir = tempDir('fake-ip-');
  writeFileSync(join(dir.path, 'addr.json'), addrJson);
  return { ...dir, setAddr: (json) => writeFileSync(join(dir.path, 'addr.json'), json) };
}
