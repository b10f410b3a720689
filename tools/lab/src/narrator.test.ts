import { describe, expect, it } from 'vitest';
import { createNarrator } from './narrator.js';

describe('lab narrator', () => {
  it('lab narrator › stamps each line with the seconds since the start', () => {
    const lines: string[] = [];
    let t = 1_000;
    const n = createNarrator((line) => lines.push(line), () => t);
    n.step('up');
    t += 2_500;
    n.say('VIP on r1');
    expect(lines).toEqual(['[   0.0 s] ▶ up\n', '[   2.5 s]   VIP on r1\n']);
  });
});
