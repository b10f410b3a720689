// Leases granted per second: Kea's perfdhcp (Debian's kea-admin package) in a client namespace, as a
// relay (giaddr = its own address, outside the pool) broadcasting 4-way exchanges for many MACs.
import { ip } from '@routerd/testkit';
import { LabError } from '../errors.js';
import { run } from '../exec.js';
import { clientSpec } from '../topology.js';

/** perfdhcp's own address: outside the pool, in the LAN subnet, so both dnsmasq and Kea pick the LAN subnet by giaddr. */
export const LOAD_SOURCE = '192.0.2.250/24';
/** Distinct MACs: fewer than the 100-address pool less the lab's own clients, so no exchange fails for want of an address. */
export const LOAD_CLIENTS = 90;

export interface LoadStep {
  offeredPerS: number;
  /** perfdhcp's "Rate: N 4-way exchanges/second": DISCOVER, OFFER, REQUEST, ACK completed, i.e. leases granted (or renewed) per second. */
  grantedPerS: number;
  acksReceived: number;
  requestsSent: number;
}

export interface LoadResult {
  steps: LoadStep[];
  /** The best rate sustained over the steps. */
  bestPerS: number;
}

/** The figures of one perfdhcp run (its stdout). */
export function parsePerfdhcp(text: string, offeredPerS: number): LoadStep {
  const rate = /Rate: ([0-9.]+) 4-way exchanges\/second/.exec(text)?.[1];
  const ack = /Statistics for: REQUEST-ACK\*+\s+sent packets: (\d+)\s+received packets: (\d+)/.exec(text);
  if (rate === undefined || ack?.[1] === undefined || ack[2] === undefined) throw new LabError(`perfdhcp: expected "Rate: N 4-way exchanges/second" and REQUEST-ACK counts, found ${JSON.stringify(text.slice(0, 300))}`);
  return { offeredPerS, grantedPerS: Number(rate), requestsSent: Number(ack[1]), acksReceived: Number(ack[2]) };
}

function perfdhcp(ns: string, ratePerS: number, seconds: number): Promise<string> {
  const argv = ['nsenter', `--net=/run/netns/${ns}`, '--', 'perfdhcp', '-4', '-l', 'eth0', '-r', String(ratePerS), '-R', String(LOAD_CLIENTS), '-p', String(seconds)];
  return run(argv, { timeoutMs: (seconds + 30) * 1000, check: false }).then((r) => {
    // perfdhcp exits 3 when packets were dropped: a saturated server is a result here, not a failure.
    if (r.exitCode !== 0 && r.exitCode !== 3) throw new LabError(`perfdhcp exited ${r.exitCode}: ${r.stderr.slice(0, 300)}`);
    return r.stdout;
  });
}

/**
 * A warm-up that gives each of the MACs its lease (so no server pings a new address during the
 * measure), then one run per offered rate; the best sustained rate is the result.
 */
export async function measureLoad(clientId: string, rates: readonly number[], seconds: number): Promise<LoadResult> {
  const c = clientSpec(clientId);
  await ip(['-n', c.ns, 'addr', 'add', LOAD_SOURCE, 'dev', 'eth0']);
  await perfdhcp(c.ns, 50, 4);
  const steps: LoadStep[] = [];
  for (const rate of rates) steps.push(parsePerfdhcp(await perfdhcp(c.ns, rate, seconds), rate));
  return { steps, bestPerS: Math.max(...steps.map((s) => s.grantedPerS)) };
}
