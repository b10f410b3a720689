// Waits until a file holds exactly the expected bytes: inotify on its directory (rsync renames the new
// copy into place) with a polling backstop. Resolves with performance.now() of the match.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export interface WaitOptions {
  timeoutMs: number;
  pollMs?: number;
}

/** performance.now() when `path` first equalled `expected`, or undefined after the timeout. */
export function waitForContent(path: string, expected: Buffer, { timeoutMs, pollMs = 20 }: WaitOptions): Promise<number | undefined> {
  return new Promise((resolve) => {
    let watcher: FSWatcher | undefined;
    let checking = false;
    let again = false;
    let done = false;
    const finish = (at: number | undefined) => {
      if (done) return;
      done = true;
      watcher?.close();
      clearInterval(poll);
      clearTimeout(timer);
      resolve(at);
    };
    const check = async (): Promise<void> => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      do {
        again = false;
        const content = await readFile(path).catch(() => undefined);
        if (content !== undefined && content.equals(expected)) {
          finish(performance.now());
          break;
        }
      } while (again && !done);
      checking = false;
    };
    const name = basename(path);
    try {
      watcher = watch(dirname(path), (_event, file) => {
        if (file === null || file === name) void check();
      });
      watcher.on('error', () => undefined);
    } catch {
      // No directory yet: the poll covers it.
    }
    const poll = setInterval(() => void check(), pollMs);
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    void check();
  });
}
