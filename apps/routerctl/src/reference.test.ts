import { describe, expect, it } from 'vitest';
import { referenceMarkdown } from './reference.js';

describe('routerctl › reference', () => {
  it('reference › docs/routerctl.md is the help of every command and the exit-code table, as the code has them', async () => {
    await expect(referenceMarkdown()).toMatchFileSnapshot('../../../docs/routerctl.md');
  });
});
