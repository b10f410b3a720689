import { describe, expect, it } from 'vitest';
import { formatAge, formatAgeCell, formatSpan, formatTime } from './age.js';

const now = Date.parse('2024-05-01T12:00:10.000Z');

describe('routerctl › ages', () => {
  it('routerctl › spans read like kubectl ages', () => {
    expect([450, 1234, 1000, 12_000, 192_000, 180_000, 7_500_000, 3_600_000, 273_600_000].map(formatSpan)).toEqual(['450ms', '1.2s', '1s', '12s', '3m12s', '3m', '2h5m', '1h', '3d4h']);
  });

  it('routerctl › times carry their age, past or future', () => {
    expect(formatAge('2024-05-01T12:00:01.700Z', now)).toBe('8.3s ago');
    expect(formatAge('2024-05-01T12:00:15.000Z', now)).toBe('in 5s');
    expect(formatAge('yesterday', now)).toBe('unknown');
    expect(formatTime(undefined, now)).toBe('<none>');
    expect(formatTime('2024-05-01T11:58:00.000Z', now)).toBe('2024-05-01T11:58:00.000Z (2m10s ago)');
    expect(formatAgeCell('2024-05-01T11:58:00.000Z', now)).toBe('2m10s');
    expect(formatAgeCell(undefined, now)).toBe('<none>');
  });
});
