// The rendered files checked by the daemons themselves, where they are installed (tools/setup.sh
// installs both): dnsmasq --test, keepalived -t.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIo } from '../testing/memory-io.js';
import { GOLDEN_ENV, REPO_ROOT, repoFiles } from '../testing/repo-files.js';

const run = promisify(execFile);
const FILES = ['examples/dhcp-lease-sync-ha.yaml', 'examples/dhcp-lease-sync-ha-standby.yaml', 'apps/routerctl/test-fixtures/variety.yaml'];
const DNSMASQ = '/usr/sbin/dnsmasq';
const KEEPALIVED = '/usr/sbin/keepalived';
const dir = mkdtempSync(join(tmpdir(), 'routerctl-render-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(file: string, target: string, ...extra: string[]): Promise<string> {
  const io = memoryIo({ cwd: REPO_ROOT, env: GOLDEN_ENV, files: repoFiles(file) });
  expect(await runCli(['render', '-f', file, '--replace', target, ...extra], io)).toBe(0);
  const path = join(dir, `${target}-${file.replace(/\W/g, '_')}.conf`);
  writeFileSync(path, io.out());
  return path;
}

/** stderr of a command that may exit non-zero. */
async function stderrOf(command: string, args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(command, args, { timeout: 20_000 });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stderr: e.stderr ?? String(error) };
  }
}

describe('rendered files and the real daemons', () => {
  it.skipIf(!existsSync(DNSMASQ)).each(FILES)('render › dnsmasq --test accepts the file rendered from %s', async (file) => {
    const path = await render(file, 'dnsmasq');
    const { code, stderr } = await stderrOf(DNSMASQ, ['--test', '-C', path]);
    expect(stderr).toContain('syntax check OK');
    expect(code).toBe(0);
  });

  // keepalived -t also checks that the interfaces exist, which they do not here: only those
  // complaints are allowed (and the exit code they cause).
  it.skipIf(!existsSync(KEEPALIVED)).each(FILES)('render › keepalived -t accepts the file rendered from %s', async (file) => {
    const path = await render(file, 'keepalived', '--notify-fifo', join(dir, 'keepalived.fifo'));
    const { stderr } = await stderrOf(KEEPALIVED, ['-t', '-n', '-l', '-f', path]);
    const problems = stderr
      .split('\n')
      .filter((line) => line.trim() !== '')
      .filter((line) => !/WARNING - interface \S+ for .* doesn't exist$/.test(line) && line !== 'Non-existent interface specified in configuration');
    expect(problems).toEqual([]);
  });
});
