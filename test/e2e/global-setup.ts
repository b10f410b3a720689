// Builds the agents, routerctl and the lab before the scenarios start them; tears a leftover lab down after.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LAB_CLI, REPO_ROOT } from '@routerd/lab';

// The lease receiver is the lab's forced command once it exists (issue 10); built when present.
const PROJECTS = ['apps/vip-watcher', 'apps/dnsmasq-lease-watcher', 'apps/syncer', 'apps/dhcp-promoter', 'apps/lease-receiver', 'apps/metrics-exporter', 'apps/routerctl', 'tools/lab'];

export default async function setup(): Promise<() => Promise<void>> {
  const tsc = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
  const projects = PROJECTS.map((p) => join(p, 'tsconfig.lib.json')).filter((p) => existsSync(join(REPO_ROOT, p)));
  try {
    await promisify(execFile)(tsc, ['-b', ...projects], { cwd: REPO_ROOT, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const output = typeof error === 'object' && error !== null && 'stdout' in error ? String(error.stdout) : String(error);
    throw new Error(`e2e tests: building \`tsc -b ${projects.join(' ')}\` failed:\n${output}`, { cause: error });
  }
  return async () => {
    await promisify(execFile)(process.execPath, [LAB_CLI, 'down'], { cwd: REPO_ROOT, timeout: 60_000 });
  };
}
