import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

describe('logger', () => {
  it('logger › writes JSON lines with the agent, node, level label and ISO time', () => {
    const { lines, destination } = capture();
    const log = createLogger({ name: 'syncer', node: 'r1', destination });
    log.info({ sync: 'lan-v4-leases' }, 'synced');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', agent: 'syncer', node: 'r1', sync: 'lan-v4-leases', msg: 'synced' });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('logger › honours the level', () => {
    const { lines, destination } = capture();
    const log = createLogger({ name: 'syncer', node: 'r1', level: 'warn', destination });
    log.info('hidden');
    log.warn('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });

  it('logger › serializes errors under err', () => {
    const { lines, destination } = capture();
    createLogger({ name: 'vip-watcher', node: 'r2', destination }).error({ err: new TypeError('boom') }, 'failed');
    expect(lines[0]).toMatchObject({ err: { type: 'TypeError', message: 'boom' }, agent: 'vip-watcher', node: 'r2' });
  });

  it('logger › writes stdout synchronously, so lines logged just before process.exit are neither lost nor reordered', () => {
    const log = createLogger({ name: 'syncer', node: 'r1' });
    const stream: unknown = Reflect.get(log, pino.symbols.streamSym);
    expect(stream).toMatchObject({ fd: 1, sync: true });
  });
});
