// inotify on the lease file's DIRECTORY, filtered on its name: sees creation, deletion, rename-into-place and in-place writes.
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { WatchSetupError } from './errors.js';

export interface DirWatch {
  readonly dir: string;
  /** Inode of the directory when the watch was set up: a different one now means it was replaced. */
  readonly dirIno: number;
  close(): void;
}

export interface DirWatchOptions {
  dir: string;
  fileName: string;
  /** An event that may concern the file (its name, or a nameless event). */
  onEvent: () => void;
  /** The watch broke (the directory went away, the watch limit...); it is closed already. */
  onError: (error: Error) => void;
}

export type WatchDir = (options: DirWatchOptions) => Promise<DirWatch>;

/** Sets up the watch; rejects with WatchSetupError when the directory is missing, not a directory, or not watchable. */
export const watchDir: WatchDir = async ({ dir, fileName, onEvent, onError }) => {
  let watcher: FSWatcher;
  let dirIno: number;
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) {
      throw Object.assign(new Error(`ENOTDIR: not a directory, watch '${dir}'`), { code: 'ENOTDIR' });
    }
    dirIno = info.ino;
    watcher = fsWatch(dir, { persistent: false }, (_type, name) => {
      if (name === null || name === fileName) onEvent();
    });
  } catch (error) {
    throw new WatchSetupError(dir, error);
  }
  watcher.on('error', (error) => {
    watcher.close();
    onError(error);
  });
  return { dir, dirIno, close: () => watcher.close() };
};
