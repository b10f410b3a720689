// What runs on this host, from /proc: leftovers after an agent stopped, orphans after a SIGKILL.
import { readdir, readFile } from 'node:fs/promises';

export interface ProcessEntry {
  pid: number;
  /** argv joined with spaces (an ssh ControlMaster shows "ssh: <socket> [mux]"). */
  cmdline: string;
}

/** Every process whose command line contains `text`, this test process excluded. */
export async function processesMentioning(text: string): Promise<ProcessEntry[]> {
  if (text.length < 4) throw new RangeError(`processesMentioning: expected a distinctive text of 4 or more characters, got ${JSON.stringify(text)}`);
  const found: ProcessEntry[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const raw = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (raw.includes(text)) found.push({ pid: Number(entry), cmdline: raw.replaceAll('\0', ' ').trim() });
  }
  return found;
}

/** rsync and ssh clients (ControlMasters included) started on the active side; the standby's `rsync --server` is not one. */
export function isSyncClient(entry: ProcessEntry): boolean {
  return /^(\S*\/)?(rsync|ssh)( |:)/.test(entry.cmdline) && !/ --server /.test(`${entry.cmdline} `);
}

/** Kills a process (or, with a negative pid, its group); never this test's own process or group. */
export function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!Number.isInteger(pid) || pid === 0 || pid === -1 || Math.abs(pid) === process.pid) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
