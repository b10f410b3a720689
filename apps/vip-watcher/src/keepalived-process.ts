// Is keepalived running? Its pid file, then /proc/<pid>/comm (pgrep would see other namespaces' keepalived).
import { readFile as fsReadFile } from 'node:fs/promises';
import { posix } from 'node:path';
import type { KeepalivedObservation } from './derive-role.js';
import { errorMessage } from '@routerd/model';

export const DEFAULT_KEEPALIVED_PIDFILE = '/run/keepalived.pid';

export interface KeepalivedCheckOptions {
  pidFile: string;
  /** Where process entries live; a fixture directory in tests. */
  procDir?: string;
  readFile?: (path: string) => Promise<string>;
}

function code(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}


/** Never throws: a missing pid file or process is `stopped`, an unreadable one `unknown`. */
export async function checkKeepalived({ pidFile, procDir = '/proc', readFile = (p) => fsReadFile(p, 'utf8') }: KeepalivedCheckOptions): Promise<KeepalivedObservation> {
  let text: string;
  try {
    text = await readFile(pidFile);
  } catch (error) {
    if (code(error) === 'ENOENT') return { state: 'stopped', detail: `no pid file ${pidFile}` };
    return { state: 'unknown', reason: `cannot read keepalived pid file ${pidFile}: ${errorMessage(error)}` };
  }
  const trimmed = text.trim();
  if (!/^[1-9]\d{0,9}$/.test(trimmed)) {
    return { state: 'unknown', reason: `keepalived pid file ${pidFile}: expected a process id, found ${JSON.stringify(trimmed.slice(0, 40))}` };
  }
  const pid = Number(trimmed);
  let comm: string;
  try {
    comm = (await readFile(posix.join(procDir, String(pid), 'comm'))).trim();
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ESRCH') return { state: 'stopped', detail: `pid ${pid} from ${pidFile} is not running` };
    return { state: 'unknown', reason: `cannot read ${posix.join(procDir, String(pid), 'comm')}: ${errorMessage(error)}` };
  }
  if (comm !== 'keepalived') return { state: 'stopped', detail: `pid ${pid} from ${pidFile} is ${JSON.stringify(comm)}, not keepalived` };
  return { state: 'running', pid };
}
