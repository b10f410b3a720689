import { describe, expect, it } from 'vitest';
import { errorDetail, errorMessage } from './error-message.js';

describe('errorMessage', () => {
  it('errorMessage › takes an Error’s message', () => {
    expect(errorMessage(new TypeError('bad input'))).toBe('bad input');
  });

  it('errorMessage › turns anything else thrown into text', () => {
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });

  it('errorDetail › prefers the stack, falls back to the message', () => {
    const error = new Error('boom');
    expect(errorDetail(error)).toContain('boom');
    expect(errorDetail(error)).toContain('error-message.test');
    const bare = new Error('no stack');
    delete bare.stack;
    expect(errorDetail(bare)).toBe('no stack');
    expect(errorDetail(7)).toBe('7');
  });
});
