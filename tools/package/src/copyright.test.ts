import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyrightFile, readBundledPackage } from './copyright.js';

describe('copyright', () => {
  it("copyright › each bundled package's license text in full, empty lines as \" .\"; Apache-2.0 by Debian's copy", () => {
    const text = copyrightFile('The authors', [
      { name: 'a', version: '1.0.0', license: 'MIT', text: 'Copyright (c) A\n\nPermission is hereby granted\n' },
      { name: 'n', version: '2.0.0', license: 'Apache-2.0', text: 'Apache License\n...' },
    ]);
    expect(text).toContain('\nLicense: Apache-2.0 and MIT\n');
    expect(text).toContain('\nLicense: MIT\n The license of a 1.0.0:\n .\n Copyright (c) A\n .\n Permission is hereby granted\n');
    expect(text).toContain('\nLicense: Apache-2.0\n n 2.0.0: /usr/share/common-licenses/Apache-2.0.\n');
    expect(text).not.toContain('...');
  });

  it('copyright › a bundled package without a LICENSE file is refused, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'routerd-package-lic-'));
    try {
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0', license: 'MIT' }));
      await expect(readBundledPackage(dir)).rejects.toThrow(`${dir}: expected a LICENSE file to copy into the copyright file (x is bundled), found none`);
      await writeFile(join(dir, 'LICENSE.md'), 'MIT text');
      expect(await readBundledPackage(dir)).toEqual({ name: 'x', version: '1.0.0', license: 'MIT', text: 'MIT text' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
