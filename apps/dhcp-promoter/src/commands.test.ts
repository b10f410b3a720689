import type { CommandResult } from '@routerd/agent';
import { MAX_OUTPUT_BYTES } from '@routerd/bus';
import { describe, expect, it } from 'vitest';
import { describeWithOutput, LAST_WORDS_LINES, lastWords } from './commands.js';

const exited = (exitCode: number, output: string): CommandResult => ({ exitCode, output, durationMs: 1, timedOut: false, aborted: false });

describe('dhcp-promoter › commands', () => {
  it('dhcp-promoter › last words: the last non-blank lines, trimmed, on one line', () => {
    expect(lastWords('  a  \n\n b\r\n\nc\n')).toBe('a | b | c');
    expect(lastWords('\n \n')).toBe('');
  });

  it('dhcp-promoter › last words are bounded: at most LAST_WORDS_LINES lines, and the bus output bound', () => {
    const lines = Array.from({ length: LAST_WORDS_LINES + 5 }, (_, i) => `line ${i + 1}`);
    expect(lastWords(lines.join('\n'))).toBe(lines.slice(5).join(' | '));
    const long = lastWords(`${'x'.repeat(10_000)}\nend`);
    expect(Buffer.byteLength(long, 'utf8')).toBeLessThanOrEqual(MAX_OUTPUT_BYTES);
    expect(long.endsWith('x | end')).toBe(true);
  });

  it('dhcp-promoter › a result reads with what the command printed, if anything', () => {
    expect(describeWithOutput(['dnsmasq', '-C', 'x'], exited(2, '\ndnsmasq: too many stored leases\n'))).toBe('dnsmasq -C x exited with 2: dnsmasq: too many stored leases');
    expect(describeWithOutput(['check'], exited(3, ''))).toBe('check exited with 3');
    expect(describeWithOutput(['nope'], { ...exited(0, 'spawn nope ENOENT'), exitCode: undefined, error: 'spawn nope ENOENT' })).toBe('nope could not run: spawn nope ENOENT');
  });
});
