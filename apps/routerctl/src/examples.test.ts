// The example configurations: the published JSON Schema accepts them (as an editor would check
// them) and routerctl validate finds no error in them.
import { existsSync, readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { resolve } from 'node:path';
import { routerJsonSchema } from '@routerd/model';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './cli.js';
import { memoryIo } from './testing/memory-io.js';
import { GOLDEN_ENV, REPO_ROOT, repoFiles } from './testing/repo-files.js';

const EXAMPLES = ['examples/dhcp-lease-sync-ha.yaml', 'examples/dhcp-lease-sync-ha-standby.yaml'];
const SCHEMA_FILE = resolve(REPO_ROOT, 'packages/model/schema/router.schema.json');

/** The committed schema file editors load; before it is generated, the schema it is made from. */
function publishedSchema(): object {
  return existsSync(SCHEMA_FILE) ? (JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object) : routerJsonSchema();
}

function compile() {
  // Draft-07 is ajv's default; strict mode refuses unknown keywords. Union types are valid draft-07,
  // and the schema's two formats are checked with node:net rather than another plugin.
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  ajv.addFormat('ipv4', { type: 'string', validate: (text: string) => isIPv4(text) });
  ajv.addFormat('ipv6', { type: 'string', validate: (text: string) => isIPv6(text) });
  return ajv.compile(publishedSchema());
}

function example(path: string): string {
  return readFileSync(resolve(REPO_ROOT, path), 'utf8');
}

describe('examples', () => {
  it.each(EXAMPLES)('examples › %s names the published schema on its first line', (path) => {
    expect(example(path).split('\n')[0]).toBe('# yaml-language-server: $schema=../packages/model/schema/router.schema.json');
  });

  it.each(EXAMPLES)('examples › the JSON Schema accepts %s', (path) => {
    const validate = compile();
    const ok = validate(parse(example(path)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('examples › the JSON Schema rejects a misspelt field', () => {
    const validate = compile();
    const doc = parse(example(EXAMPLES[0] ?? '').replace('interval: 30s', 'intervall: 30s')) as unknown;
    expect(validate(doc)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('intervall');
  });

  it('examples › the JSON Schema rejects an address of the wrong family', () => {
    const validate = compile();
    const doc = parse(example(EXAMPLES[0] ?? '').replace('start: 192.0.2.100', 'start: 192.0.2.300')) as unknown;
    expect(validate(doc)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('format');
  });

  it.each(EXAMPLES)('examples › routerctl validate --replace finds no error in %s', async (path) => {
    const io = memoryIo({ cwd: REPO_ROOT, env: GOLDEN_ENV, files: repoFiles(path) });
    const code = await runCli(['validate', '-f', path, '--replace'], io);
    const problems = io.err().split('\n').filter((line) => line !== '');
    expect(problems.filter((line) => !/^\S+:\d+:\d+: warning: /.test(line))).toEqual([]);
    expect(io.out()).toMatch(/^valid: 10 resources, \d+ warnings?\n$/);
    expect(code).toBe(0);
  });
});
