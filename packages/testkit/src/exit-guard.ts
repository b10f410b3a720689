import { rmSync } from 'node:fs';

// Last resort when a suite forgets cleanup(): kill leftover process groups, remove temp dirs.
const groups = new Set<number>();
const dirs = new Set<string>();
let installed = false;

function onExit(): void {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', onExit);
}

export function guardGroup(pid: number): void {
  install();
  groups.add(pid);
}

export function releaseGroup(pid: number): void {
  groups.delete(pid);
}

export function guardDir(dir: string): void {
  install();
  dirs.add(dir);
}

export function releaseDir(dir: string): void {
  dirs.delete(dir);
}
