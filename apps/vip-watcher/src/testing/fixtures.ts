// Helpers for this app's tests: configurations, a logger that keeps its lines, the fake `ip` on PATH.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, type Logger } from '@routerd/agent';
import type { RouterConfig } from '@routerd/model';
import { configYaml, loadTestConfig, resource } from '@routerd/model/testing';

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
  const interfaces = ifnames.map((ifname) => resource('Interface', `if-${ifname}`, { ifname }));
  const addresses = vips.map((vip, index) =>
    resource('VirtualAddress', vip.name, {
      interface: `if-${vip.ifname ?? 'lan0'}`,
      family: vip.family ?? (vip.address.includes(':') ? 'ipv6' : 'ipv4'),
      address: vip.address,
      ...(vip.vrrp === false ? {} : { mode: 'vrrp', vrrp: { virtualRouterID: 51 + index, priority: 150, peers: ['192.0.2.3'] } }),
    }),
  );
  return loadTestConfig(configYaml([...interfaces, ...addresses], { router: 'test' }));
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
