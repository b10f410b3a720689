// What a router's metrics exporter says: its GET /metrics, fetched from inside the router's network
// namespace (the endpoint is on the router's loopback), and the samples the scenarios read from it.
import { run } from './exec.js';
import { METRICS_LISTEN } from './router-argv.js';
import { ROUTERS, type RouterId } from './topology.js';

const FETCH = `fetch('http://${METRICS_LISTEN}/metrics').then(async (r) => { if (!r.ok) throw new Error('HTTP ' + r.status); process.stdout.write(await r.text()); })`;

/** The router's metrics in Prometheus' text format; throws when the exporter does not answer. */
export async function scrapeMetrics(id: RouterId): Promise<string> {
  return (await run(['ip', 'netns', 'exec', ROUTERS[id].ns, process.execPath, '-e', FETCH], { timeoutMs: 10_000 })).stdout;
}

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** Every sample of `name` whose labels include `match`. */
export function samples(text: string, name: string, match: Record<string, string> = {}): Sample[] {
  const found: Sample[] = [];
  for (const line of text.split('\n')) {
    const parsed = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (parsed === null || parsed[1] !== name) continue;
    const labels = Object.fromEntries([...(parsed[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1] as string, m[2] as string]));
    if (Object.entries(match).every(([key, value]) => labels[key] === value)) found.push({ labels, value: Number(parsed[3]) });
  }
  return found;
}

/** The sum of every sample of `name` whose labels include `match`; 0 when there is none. */
export function total(text: string, name: string, match: Record<string, string> = {}): number {
  return samples(text, name, match).reduce((sum, s) => sum + s.value, 0);
}
