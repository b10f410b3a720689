import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from './version.js';

function versionOf(relative: string): string {
  return (JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { version: string }).version;
}

describe('version', () => {
  it("version › is the agents' service version, routerctl's package.json version and the repository's", () => {
    expect(VERSION).toBe(versionOf('../package.json'));
    expect(VERSION).toBe(versionOf('../../../package.json'));
  });
});
