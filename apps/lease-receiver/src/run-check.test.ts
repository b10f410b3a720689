import { describe, expect, it } from 'vitest';
import { runCheck } from './run-check.js';

describe('lease receiver › a promotion check', () => {
  it('lease receiver › exit codes as they are, a hung check killed at its deadline, a missing program said so', async () => {
    expect(await runCheck(['true'], 5000)).toEqual({ exitCode: 0, timedOut: false });
    expect(await runCheck(['sh', '-c', 'exit 3'], 5000)).toEqual({ exitCode: 3, timedOut: false });
    expect(await runCheck(['sleep', '30'], 100)).toEqual({ exitCode: undefined, timedOut: true });
    expect(await runCheck(['/nonexistent/check'], 5000)).toEqual({ exitCode: undefined, timedOut: false, error: 'could not run: spawn /nonexistent/check ENOENT' });
  });
});
