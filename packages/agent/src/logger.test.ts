import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, fdIsJournal, prefixLines, SYSLOG_PRIORITY, withSyslogPrefix } from './logger.js';

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

  it('logger › with syslogPrefix, each line starts with its level\'s priority as sd-daemon(3) numbers them, then the JSON', () => {
    const raw: string[] = [];
    const log = createLogger({ name: 'syncer', node: 'r1', level: 'trace', syslogPrefix: true, destination: { write: (line: string) => void raw.push(line) } });
    log.fatal('f');
    log.error('e');
    log.warn('w');
    log.info('i');
    log.child({ sync: 'lan' }).debug('d');
    log.trace('t');
    expect(raw.map((line) => line.slice(0, line.indexOf('{')))).toEqual(['<2>', '<3>', '<4>', '<6>', '<7>', '<7>']);
    const parsed = raw.map((line) => JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>);
    expect(parsed.map((line) => [line.level, line.msg])).toEqual([['fatal', 'f'], ['error', 'e'], ['warn', 'w'], ['info', 'i'], ['debug', 'd'], ['trace', 't']]);
    expect(SYSLOG_PRIORITY).toEqual({ fatal: 2, error: 3, warn: 4, info: 6, debug: 7, trace: 7 });
  });

  it('logger › no prefix on a given destination unless asked; a line without a known level gets info\'s', () => {
    const { lines, destination } = capture();
    createLogger({ name: 'syncer', node: 'r1', destination }).warn('plain JSON');
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'plain JSON' });
    expect(withSyslogPrefix('{"msg":"no level"}\n')).toBe('<6>{"msg":"no level"}\n');
    expect(withSyslogPrefix('{"level":"verbose","msg":"x"}\n')).toBe('<6>{"level":"verbose","msg":"x"}\n');
  });

  it('logger › stdout is the journal only when JOURNAL_STREAM names its device and inode', () => {
    const stat = () => ({ dev: 9n, ino: 296614n });
    expect(fdIsJournal(1, '9:296614', stat)).toBe(true);
    expect(fdIsJournal(1, '9:296615', stat)).toBe(false);
    expect(fdIsJournal(1, undefined, stat)).toBe(false);
    expect(fdIsJournal(1, '', stat)).toBe(false);
    const closed = () => {
      throw Object.assign(new Error('EBADF: bad file descriptor, fstat'), { code: 'EBADF' });
    };
    expect(fdIsJournal(1, '9:296614', closed)).toBe(false);
  });

  it('logger › every line written to a journal stderr carries the priority, blank lines stay blank', () => {
    expect(prefixLines('routerd-syncer: bad flag\n\nusage: x\n', SYSLOG_PRIORITY.error)).toBe('<3>routerd-syncer: bad flag\n\n<3>usage: x\n');
  });
});
