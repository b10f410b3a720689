// Who holds a lease lock, and whether that process still runs. The record is `<pid> <start> <boot>`:
// the pid alone outlives its process (a reboot, the nemesis's master reboot, reuses low pids), so the
// process's start time (/proc/<pid>/stat, field 22) and the boot id say whether it is the same process.
import { readFile } from 'node:fs/promises';

export interface LockHolder {
  readonly pid: number;
  /** Clock ticks since boot at which the process started; undefined when not recorded. */
  readonly start?: string;
  /** /proc/sys/kernel/random/boot_id when the lock was taken; undefined when not recorded. */
  readonly boot?: string;
}

const BOOT_ID = '/proc/sys/kernel/random/boot_id';

async function readOrUndefined(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').then(
    (text) => text,
    () => undefined,
  );
}

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses, so count from its last ')'. */
async function startTicks(pid: number): Promise<string | undefined> {
  const stat = await readOrUndefined(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

export async function currentBootId(): Promise<string | undefined> {
  return (await readOrUndefined(BOOT_ID))?.trim();
}

/** This process, as written into a lock it takes. */
export async function selfHolder(): Promise<LockHolder> {
  const [start, boot] = await Promise.all([startTicks(process.pid), currentBootId()]);
  return { pid: process.pid, ...(start === undefined ? {} : { start }), ...(boot === undefined ? {} : { boot }) };
}

export function formatHolder(holder: LockHolder): string {
  return `${[holder.pid, holder.start ?? '-', holder.boot ?? '-'].join(' ')}\n`;
}

/** The record, or undefined when it is not one (a half-written or foreign file). A bare pid is accepted. */
export function parseHolder(text: string): LockHolder | undefined {
  const [pid, start, boot] = text.trim().split(/\s+/);
  if (pid === undefined || !/^[1-9]\d{0,9}$/.test(pid)) return undefined;
  return {
    pid: Number(pid),
    ...(start === undefined || start === '-' ? {} : { start }),
    ...(boot === undefined || boot === '-' ? {} : { boot }),
  };
}

function signalZero(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user (the promoter runs as root, the receiver as routerd).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the recorded process still runs: the pid exists, and where recorded, the same boot and start. */
export async function holderAlive(holder: LockHolder): Promise<boolean> {
  if (holder.boot !== undefined) {
    const boot = await currentBootId();
    if (boot !== undefined && boot !== holder.boot) return false;
  }
  if (!signalZero(holder.pid)) return false;
  if (holder.start !== undefined) {
    const start = await startTicks(holder.pid);
    if (start !== undefined && start !== holder.start) return false;
  }
  return true;
}
