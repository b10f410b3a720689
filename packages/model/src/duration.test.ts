import { describe, expect, it } from 'vitest';
import { DurationError, durationSchema, formatDuration, parseDuration, positiveDurationSchema } from './duration.js';

describe('duration', () => {
  it('duration › parses Go-style durations', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('250us')).toBe(0.25);
    expect(parseDuration('0')).toBe(0);
  });

  it('duration › refuses text that is not a duration, naming it', () => {
    expect(() => parseDuration('5x')).toThrow(new DurationError('expected a duration such as "500ms", "30s", "1m30s" or "1h", found "5x" (cannot read "5x")'));
    expect(() => parseDuration('30s and more')).toThrow('found "30s and more" (cannot read " and more")');
    expect(() => parseDuration('')).toThrow('found an empty string');
    expect(() => parseDuration('30')).toThrow('found "30" (cannot read "30")');
    expect(() => parseDuration('-1s')).toThrow('found "-1s"');
  });

  it('duration › throws a named error class', () => {
    try {
      parseDuration('soon');
    } catch (error) {
      expect(error).toBeInstanceOf(DurationError);
      expect((error as Error).name).toBe('DurationError');
    }
    expect.assertions(2);
  });

  it('duration › formats milliseconds in the shortest form', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(30_000)).toBe('30s');
    expect(formatDuration(3_600_500)).toBe('1h500ms');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(0.4)).toBe('0s');
    expect(formatDuration(-1500)).toBe('-1s500ms');
  });

  it('duration › round-trips through parse and format', () => {
    for (const text of ['1h', '1m30s', '500ms', '2h5m7s']) expect(formatDuration(parseDuration(text))).toBe(text);
  });

  it('duration › schema keeps the text and explains bad values', () => {
    expect(durationSchema.parse('1m')).toBe('1m');
    expect(durationSchema.safeParse('5x').error?.issues[0]?.message).toBe('expected a duration such as "500ms", "30s", "1m30s" or "1h", found "5x" (cannot read "5x")');
    expect(durationSchema.safeParse(30).error?.issues[0]?.message).toBe('expected a duration such as "500ms", "30s", "1m30s" or "1h"');
  });

  it('duration › positive schema refuses zero', () => {
    expect(positiveDurationSchema.safeParse('0s').error?.issues[0]?.message).toBe('expected a positive duration');
    expect(positiveDurationSchema.safeParse('1s').success).toBe(true);
  });
});
