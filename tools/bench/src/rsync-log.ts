// The wrapper's runs since a point in time.
import { readFile } from 'node:fs/promises';
import { parseRsyncLog, type RsyncRun } from './counting-rsync.js';
import type { TransferResult } from './result.js';

export async function runsSince(logFile: string, sinceUnixMs: number, destination?: string): Promise<RsyncRun[]> {
  const runs = parseRsyncLog(await readFile(logFile, 'utf8'));
  return runs.filter((r) => r.startMs >= sinceUnixMs && (destination === undefined || r.destination === destination));
}

export function transfer(ms: number | undefined, runs: readonly RsyncRun[]): TransferResult {
  return {
    ms: ms === undefined ? undefined : Math.round(ms),
    runs: runs.length,
    bytesSent: runs.reduce((sum, r) => sum + (r.sent ?? 0), 0),
    bytesReceived: runs.reduce((sum, r) => sum + (r.received ?? 0), 0),
  };
}
