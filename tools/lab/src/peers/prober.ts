// The host's side of the DISCOVER prober: starts it in a client namespace (recorded, so `down` ends it)
// and reads the OFFERs it logged, from where it last read.
import { open, writeFile } from 'node:fs/promises';
import { notYet, waitFor } from '@routerd/testkit';
import { ip } from '@routerd/testkit';
import { startRecorded } from '../lab.js';
import { REPO_ROOT } from '../paths.js';
import type { LabState } from '../state-file.js';
import { clientDir, clientSpec, LAB_DIR } from '../topology.js';

export interface ProbeLine {
  event: 'bound' | 'offer';
  t: number;
  server: string;
  address: string;
}

/** The prober's own address: outside the pool (192.0.2.100-199), so no server hands it out. */
export const PROBE_SOURCE = '192.0.2.240/24';
export const PROBE_INTERVAL_MS = 20;

export class Prober {
  private offset = 0;
  private pending = '';
  readonly lines: ProbeLine[] = [];
  constructor(readonly out: string) {}

  /** Reads the lines appended since the last call. */
  async poll(): Promise<ProbeLine[]> {
    const handle = await open(this.out, 'r');
    try {
      const { size } = await handle.stat();
      if (size <= this.offset) return [];
      const buffer = Buffer.alloc(size - this.offset);
      await handle.read(buffer, 0, buffer.length, this.offset);
      this.offset = size;
      const text = this.pending + buffer.toString('utf8');
      const parts = text.split('\n');
      this.pending = parts.pop() ?? '';
      const fresh = parts.filter((l) => l !== '').map((l) => JSON.parse(l) as ProbeLine);
      this.lines.push(...fresh);
      return fresh;
    } finally {
      await handle.close();
    }
  }

  async bound(timeoutMs = 20_000): Promise<ProbeLine> {
    return waitFor('the prober bound to a lease', async () => {
      await this.poll();
      return this.lines.find((l) => l.event === 'bound') ?? notYet(`${this.lines.length} lines`);
    }, { timeoutMs, intervalMs: 50 });
  }

  /** The arrival time of the first OFFER from `server` at or after `after` (ms since the epoch). */
  async firstOfferFrom(server: string, after: number, timeoutMs = 30_000): Promise<number> {
    return waitFor(`an OFFER from ${server} to the prober`, async () => {
      await this.poll();
      const found = this.lines.find((l) => l.event === 'offer' && l.server === server && l.t >= after);
      const last = this.lines[this.lines.length - 1];
      return found?.t ?? notYet(last === undefined ? 'no line yet' : `last: ${JSON.stringify(last)}`);
    }, { timeoutMs, intervalMs: 20 });
  }
}

/** Starts the prober in the client's namespace (an address outside the pool and a route for 255.255.255.255 first). */
export async function startProber(state: LabState, clientId: string): Promise<Prober> {
  const c = clientSpec(clientId);
  await ip(['-n', c.ns, 'addr', 'add', PROBE_SOURCE, 'dev', 'eth0']);
  await ip(['-n', c.ns, 'route', 'add', '255.255.255.255/32', 'dev', 'eth0']);
  const out = `${LAB_DIR}/probe-${clientId}.jsonl`;
  await writeFile(out, '');
  const argv = ['nsenter', `--net=/run/netns/${c.ns}`, '--', process.execPath, `${REPO_ROOT}/tools/lab/dist/peers/probe.js`, '--mac', c.mac, '--interval-ms', String(PROBE_INTERVAL_MS), '--out', out];
  await startRecorded(state, { name: `probe-${clientId}`, argv, env: {} }, { logFile: `${clientDir(clientId)}.probe.log` });
  return new Prober(out);
}
