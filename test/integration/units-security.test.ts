// The units' sandboxing as systemd rates it: `systemd-analyze security --offline=yes` on each unit file
// of examples/systemd (what the package installs). No unit may be worse than MEDIUM; the scores are
// recorded in docs/systemd.md. (systemd-analyze verify runs on the installed units, in units.test.ts.)
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness/paths.js';

const run = promisify(execFile);
const UNIT_DIR = join(REPO_ROOT, 'examples', 'systemd');
/** systemd's words, best first; anything after MEDIUM (EXPOSED, UNSAFE) fails. */
const ACCEPTED = ['SAFE', 'OK', 'MEDIUM'];

/** The last line's score and word: "→ Overall exposure level for routerd-syncer.service: 1.7 OK 🙂". */
function overallExposure(output: string): { score: number; level: string } | undefined {
  const match = /Overall exposure level for \S+: (\d+(?:\.\d+)?) ([A-Z]+)/.exec(output);
  return match === null ? undefined : { score: Number(match[1]), level: match[2] as string };
}

describe('units sandboxing (systemd-analyze security)', () => {
  it('units security › every service scores MEDIUM or better offline', async () => {
    const services = (await readdir(UNIT_DIR)).filter((name) => name.endsWith('.service')).sort();
    expect(services.length).toBeGreaterThanOrEqual(5);
    for (const service of services) {
      // It exits non-zero only above --threshold (default 100), so a failure to run rejects here.
      const { stdout } = await run('systemd-analyze', ['security', '--offline=yes', '--no-pager', join(UNIT_DIR, service)], { maxBuffer: 4 * 1024 * 1024 });
      const exposure = overallExposure(stdout);
      expect(exposure, `${service}: no overall exposure line in:\n${stdout}`).toBeDefined();
      expect(ACCEPTED, `${service} scores ${exposure?.score} ${exposure?.level}`).toContain(exposure?.level);
    }
  });

  it('units security › the score line is read as systemd prints it', () => {
    expect(overallExposure('→ Overall exposure level for routerd-syncer.service: 1.7 OK 🙂\n')).toEqual({ score: 1.7, level: 'OK' });
    expect(overallExposure('→ Overall exposure level for x.service: 9.6 UNSAFE 😨')).toEqual({ score: 9.6, level: 'UNSAFE' });
    expect(overallExposure('nothing')).toBeUndefined();
  });
});
