// The kernel's addresses as tests see them: captured `ip -j addr show` outputs and a fake `ip` on PATH.
// Beside the package, not in src, so the same path holds from src/testing and dist/testing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../test-fixtures/kernel/', import.meta.url));
/** Holds a fake `ip`: put it first in PATH and set FAKE_IP_DIR to a fakeIpDir(). */
export const FAKE_IP_BIN = join(FIXTURES, 'bin');

/** Captured with `ip -j addr show` in a namespace: veth lan0 with 192.0.2.10/24, 2001:db8::10/64 and the VIPs 192.0.2.1/32, 2001:db8::1/128. */
export const IP_ADDR_PRESENT = readFileSync(join(FIXTURES, 'ip-addr-present.json'), 'utf8');
/** The same namespace after `ip addr del` of both VIPs. */
export const IP_ADDR_ABSENT = readFileSync(join(FIXTURES, 'ip-addr-absent.json'), 'utf8');

/** A state directory for the fake `ip`; set FAKE_IP_DIR and PATH (vi.stubEnv) to use it. */
export function fakeIpDir(addrJson = IP_ADDR_ABSENT): { path: string; remove: () => void; setAddr: (json: string) => void } {
  const path = mkdtempSync(join(tmpdir(), 'fake-ip-'));
  writeFileSync(join(path, 'addr.json'), addrJson);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }), setAddr: (json) => writeFileSync(join(path, 'addr.json'), json) };
}
