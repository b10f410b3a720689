import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';

describe('lab args', () => {
  it('lab args › reads each command', () => {
    expect(parseArgs(['up'])).toEqual({ type: 'up', sync: true });
    expect(parseArgs(['up', '--no-sync'])).toEqual({ type: 'up', sync: false });
    expect(parseArgs(['down'])).toEqual({ type: 'down' });
    expect(parseArgs(['scenario', '3', '--json'])).toEqual({ type: 'scenario', id: '3', json: true });
    expect(parseArgs(['demo'])).toEqual({ type: 'demo' });
  });

  it('lab args › rejects an unknown scenario, quoting it', () => {
    expect(() => parseArgs(['scenario', '9'])).toThrow('lab scenario: expected a scenario number 1 to 7, found "9"');
  });

  it('lab args › rejects an unknown option and an unknown command', () => {
    expect(() => parseArgs(['down', '--force'])).toThrow(/^lab down: unknown option --force;/);
    expect(() => parseArgs(['explode'])).toThrow(/^lab: expected a command, found "explode";/);
  });
});
