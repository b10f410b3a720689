// Builds the agents and the commands before the system tests start them as `node apps/<agent>/dist/main.js`,
// or run the receiver as sshd's forced command (an executable, as `npm rebuild` leaves a bin).
// tsc -b is incremental: a no-op when dist is up to date, a rebuild of what changed when it is stale.
import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AGENT_PROJECTS, COMMAND_PROJECTS, RECEIVER_BIN, REPO_ROOT } from './integration/harness/paths.js';

export default async function setup(): Promise<void> {
  const tsc = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
  const projects = [...AGENT_PROJECTS, ...COMMAND_PROJECTS].map((project) => join(project, 'tsconfig.lib.json'));
  try {
    await promisify(execFile)(tsc, ['-b', ...projects], { cwd: REPO_ROOT, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const output = typeof error === 'object' && error !== null && 'stdout' in error ? String(error.stdout) : String(error);
    throw new Error(`system tests: building the agents with \`tsc -b ${projects.join(' ')}\` failed:\n${output}`, { cause: error });
  }
  await chmod(RECEIVER_BIN, 0o755);
}
