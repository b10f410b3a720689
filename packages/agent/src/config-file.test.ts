import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, RouterConfig } from '@routerd/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfigFileLoader, loadConfigFile, type ConfigFileLoaderDeps } from './config-file.js';
import { ConfigError } from '@routerd/model';
import { ConfigReadError } from './errors.js';
import { INVALID_YAML, interfacesYaml } from './testing/configs.js';

const VALID_YAML = interfacesYaml('lan');

const config: RouterConfig = { resources: [] };
const diagnostic = (severity: Diagnostic['severity'], line: number, message: string): Diagnostic => ({ severity, file: '/etc/r.yaml', line, column: 3, message });

function fake(result: { config: RouterConfig | undefined; diagnostics: Diagnostic[] }, text = 'text'): ConfigFileLoaderDeps & { seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    seen,
    readFile: async () => text,
    load: (sources) => {
      seen.push(sources);
      return result;
    },
    format: (d) => `${d.file}:${d.line}:${d.column}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`,
  };
}

describe('config file', () => {
  it('config file › hands the file name and text to the loader and returns the config with its warnings', async () => {
    const deps = fake({ config, diagnostics: [diagnostic('warning', 7, 'no when gate')] }, 'yaml text');
    await expect(createConfigFileLoader(deps)('/etc/r.yaml')).resolves.toEqual({ config, warnings: ['/etc/r.yaml:7:3: warning: no when gate'] });
    expect(deps.seen).toEqual([[{ file: '/etc/r.yaml', text: 'yaml text' }]]);
  });

  it('config file › an invalid file is a ConfigError holding every formatted diagnostic', async () => {
    const deps = fake({ config: undefined, diagnostics: [diagnostic('error', 2, 'first'), diagnostic('warning', 5, 'second'), diagnostic('error', 9, 'third')] });
    const error = await createConfigFileLoader(deps)('/etc/r.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).lines).toEqual(['/etc/r.yaml:2:3: first', '/etc/r.yaml:5:3: warning: second', '/etc/r.yaml:9:3: third']);
    expect((error as ConfigError).message).toBe('invalid configuration file "/etc/r.yaml":\n/etc/r.yaml:2:3: first\n/etc/r.yaml:5:3: warning: second\n/etc/r.yaml:9:3: third');
  });

  it('config file › a loader that says nothing is still an error with a message', async () => {
    const error = await createConfigFileLoader(fake({ config: undefined, diagnostics: [] }))('/etc/r.yaml').catch((e: unknown) => e);
    expect((error as ConfigError).message).toContain('the loader returned no configuration and no diagnostics');
  });

  it('config file › an unreadable file is a ConfigReadError naming it', async () => {
    const deps = { ...fake({ config, diagnostics: [] }), readFile: () => Promise.reject(new Error('EACCES: permission denied')) };
    const error = await createConfigFileLoader(deps)('/etc/r.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigReadError);
    expect((error as Error).message).toBe('cannot read configuration file "/etc/r.yaml": EACCES: permission denied');
  });
});

describe('loadConfigFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loadConfigFile › loads a valid file with the model loader', async () => {
    const file = join(dir, 'ok.yaml');
    await writeFile(file, VALID_YAML);
    const loaded = await loadConfigFile(file);
    expect(loaded.config.resources.map((r) => `${r.kind}/${r.metadata.name}`)).toEqual(['Interface/lan']);
  });

  it('loadConfigFile › an invalid file lists exactly the lines routerctl validate prints', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, INVALID_YAML);
    const error = await loadConfigFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).lines;
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line.startsWith(`${file}:`)).toBe(true);
    expect(lines.some((line) => line.includes('mtu'))).toBe(true);
    expect(lines.some((line) => line.includes('Interfac'))).toBe(true);
  });

  it('loadConfigFile › a missing file is a ConfigReadError', async () => {
    await expect(loadConfigFile(join(dir, 'missing.yaml'))).rejects.toThrow(`cannot read configuration file "${join(dir, 'missing.yaml')}": ENOENT`);
  });

  it('loadConfigFile › takes an injected readFile', async () => {
    const loaded = await loadConfigFile('/virtual.yaml', async () => VALID_YAML);
    expect(loaded.config.resources).toHaveLength(1);
  });
});
