// Helpers for this app's tests: configurations, a logger that keeps its lines, the fake `ip` on PATH.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '@routerd/agent';
import type { RouterConfig } from '@routerd/model';
import { configYaml, loadTestConfig, resource } from '@routerd/model/testing';

// The captured `ip -j addr show` outputs and the fake `ip` live with the code that reads them.
export { FAKE_IP_BIN, fakeIpDir, IP_ADDR_ABSENT, IP_ADDR_PRESENT } from '@routerd/agent/testing';

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
