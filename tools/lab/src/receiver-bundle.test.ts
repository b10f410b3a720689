import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './paths.js';
import { buildReceiverLauncher, receiverLauncher } from './receiver-bundle.js';

describe('lab receiver bundle', () => {
  it('lab receiver bundle › the launcher execs node on the bundle with the arguments sshd gives, quoted', () => {
    expect(receiverLauncher('/usr/bin/node', "/run/rd lab/it's.mjs")).toBe(
      "#!/bin/sh\n# routerd-lease-receiver: the lab's copy of the packaged forced command.\nexec '/usr/bin/node' '/run/rd lab/it'\\''s.mjs' \"$@\"\n",
    );
  });

  it('lab receiver bundle › builds a launcher that runs the bundled receiver', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rdlab-receiver-'));
    try {
      const launcher = await buildReceiverLauncher(REPO_ROOT, dir, process.execPath);
      const { stdout } = await promisify(execFile)(launcher, ['--help']);
      expect(stdout).toContain('routerd-lease-receiver');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
