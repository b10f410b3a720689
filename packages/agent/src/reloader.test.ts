import { ConfigError, type RouterConfig } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from './config-file.js';
import { ConfigReadError } from './errors.js';
import { createLogger } from './logger.js';
import { createReloader, logConfigFailure } from './reloader.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ name: 't', node: 'r1', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { log, messages: () => lines.map((line) => `${String(line.level)} ${String(line.msg)}`) };
}

const config = (n: number): RouterConfig => ({ name: `c${n}`, resources: [] });

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('reloader', () => {
  it('reloader › applies a valid configuration and logs its warnings', async () => {
    const { log, messages } = capture();
    const applied: RouterConfig[] = [];
    const reloader = createReloader({
      path: '/etc/r.yaml',
      log,
      loadConfig: async () => ({ config: config(1), warnings: ['/etc/r.yaml:3:1: warning: no when gate'] }),
      apply: async (next) => void applied.push(next),
    });
    reloader.request();
    await reloader.idle();
    expect(applied).toEqual([config(1)]);
    expect(messages()).toEqual(['info SIGHUP: reloading configuration', 'warn /etc/r.yaml:3:1: warning: no when gate', 'info configuration reloaded']);
  });

  it('reloader › an invalid configuration is logged line by line and nothing is applied', async () => {
    const { log, messages } = capture();
    let applied = 0;
    const reloader = createReloader({
      path: '/etc/r.yaml',
      log,
      loadConfig: () => Promise.reject(new ConfigError([], { file: '/etc/r.yaml', lines: ['/etc/r.yaml:2:3: a: bad', '/etc/r.yaml:5:1: b: bad'] })),
      apply: async () => void (applied += 1),
    });
    reloader.request();
    await reloader.idle();
    expect(applied).toBe(0);
    expect(messages().slice(1)).toEqual(['error /etc/r.yaml:2:3: a: bad', 'error /etc/r.yaml:5:1: b: bad', 'error invalid configuration; keeping the previous configuration']);
  });

  it('reloader › signals during a reload fold into one more reload', async () => {
    const { log } = capture();
    const gates = [deferred<LoadedConfig>(), deferred<LoadedConfig>()];
    let loads = 0;
    const applied: (string | undefined)[] = [];
    const reloader = createReloader({
      path: '/etc/r.yaml',
      log,
      loadConfig: () => (gates[loads++] as (typeof gates)[number]).promise,
      apply: async (next) => void applied.push(next.name),
    });
    reloader.request();
    reloader.request();
    reloader.request();
    gates[0]?.resolve({ config: config(1), warnings: [] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    gates[1]?.resolve({ config: config(2), warnings: [] });
    await reloader.idle();
    expect(loads).toBe(2);
    expect(applied).toEqual(['c1', 'c2']);
  });

  it('reloader › after close, requests are ignored', async () => {
    const { log } = capture();
    let loads = 0;
    const reloader = createReloader({ path: '/x', log, loadConfig: async () => ((loads += 1), { config: config(1), warnings: [] }), apply: async () => {} });
    reloader.close();
    reloader.request();
    await reloader.idle();
    expect(loads).toBe(0);
  });

  it('reloader › a read failure says why and what happens', () => {
    const { log, messages } = capture();
    logConfigFailure(log, new ConfigReadError('/etc/r.yaml', new Error('EACCES: permission denied')), 'not starting');
    expect(messages()).toEqual(['error cannot read configuration file "/etc/r.yaml": EACCES: permission denied; not starting']);
  });
});
