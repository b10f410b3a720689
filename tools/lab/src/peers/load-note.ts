// The machine's load average, printed with the table: figures taken while others load the cores must say so.
import { readFile } from 'node:fs/promises';

export async function loadNote(): Promise<string> {
  const text = await readFile('/proc/loadavg', 'utf8').catch(() => '');
  return text.split(' ').slice(0, 3).join(' ') || 'unknown';
}
