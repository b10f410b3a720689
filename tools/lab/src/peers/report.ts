// One row per run (ours with sync, ours without, Kea HA) and the table `peers` prints (pure, so it is tested).
import type { PeerRunId } from './args.js';
import type { LoadResult } from './load.js';
import { percentile } from './stats.js';

/** maintenance: Kea only, `ha-maintenance-start` to the standby, then the graceful stop (Kea's documented procedure). */
export type FailoverKind = 'graceful' | 'cut' | 'maintenance';

/** One failover, in ms after the fault (keepalived/Kea stopped, or the link cut). */
export interface FailoverSample {
  kind: FailoverKind;
  /** The failover decided: the VIP on the new master (ours), the standby in partner-down (Kea). */
  decidedMs: number;
  /** The prober's first OFFER from the new server. */
  answeredMs: number;
}

export interface ProofOutcome {
  /** The offline client came back to the new server and kept its address, and the new client got another. */
  kept: boolean;
  conflict: boolean;
  text: string;
}

export interface PeerRow {
  run: PeerRunId;
  label: string;
  proof: ProofOutcome | undefined;
  failovers: FailoverSample[];
  load: LoadResult | undefined;
  failures: string[];
}

export const RUN_LABELS: Readonly<Record<PeerRunId, string>> = {
  ours: 'ours: dnsmasq + sync',
  'ours-nosync': 'ours without sync (dnsmasq + keepalived)',
  kea: 'Kea 2.2 HA hot-standby',
  'kea-solo': 'Kea 2.2 alone (no HA; load only)',
};

function pair(values: number[]): string {
  const p50 = percentile(values, 50);
  const p99 = percentile(values, 99);
  return p50 === undefined || p99 === undefined ? '-' : `${p50} / ${p99}`;
}

export function summary(row: PeerRow) {
  const of = (kind: FailoverKind) => row.failovers.filter((f) => f.kind === kind);
  return {
    gracefulAnswered: pair(of('graceful').map((f) => f.answeredMs)) + (of('maintenance').length === 0 ? '' : `; ha-maintenance-start first: ${pair(of('maintenance').map((f) => f.answeredMs))}`),
    cutAnswered: pair(of('cut').map((f) => f.answeredMs)),
    gracefulDecided: pair(of('graceful').map((f) => f.decidedMs)),
    cutDecided: pair(of('cut').map((f) => f.decidedMs)),
    // Apart: a graceful move finds the demoted peer's handback, a cut link waits `settle` (docs/promotion.md).
    decidedToAnswered: `${pair(of('graceful').map((f) => f.answeredMs - f.decidedMs))}; ${pair(of('cut').map((f) => f.answeredMs - f.decidedMs))}`,
    leasesPerS: row.load === undefined ? '-' : String(Math.round(row.load.bestPerS)),
  };
}

export function peersTable(rows: readonly PeerRow[], header: { cycles: number; note: string }): string {
  const lines = [
    `Peers in the HA lab: ${header.cycles} failover cycle(s) per run (one graceful stop and one cut link each; Kea HA also one ha-maintenance-start); ms, p50 / p99 (nearest rank: with 10 samples p99 is the largest). ${header.note}`,
    '',
    '| run | offline-client proof | takeover graceful: fault → first OFFER | takeover cut: fault → first OFFER | fault → decision (VIP moved / partner-down), graceful; cut | decision → first OFFER, graceful; cut | leases/s (perfdhcp, best step) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const s = summary(row);
    lines.push(`| ${row.label} | ${row.proof?.text ?? '-'} | ${s.gracefulAnswered} | ${s.cutAnswered} | ${s.gracefulDecided}; ${s.cutDecided} | ${s.decidedToAnswered} | ${s.leasesPerS} |`);
  }
  const failed = rows.filter((r) => r.failures.length > 0);
  for (const row of failed) lines.push('', `${row.label}: ${row.failures.length} failure(s): ${row.failures.join('; ')}`);
  const steps = rows.filter((r) => r.load !== undefined).map((r) => `${r.label}: ${(r.load?.steps ?? []).map((s) => `${s.offeredPerS}/s offered → ${Math.round(s.grantedPerS)}/s (${s.acksReceived}/${s.requestsSent} ACKed)`).join(', ')}`);
  if (steps.length > 0) lines.push('', 'load steps:', ...steps.map((s) => `- ${s}`));
  return `${lines.join('\n')}\n`;
}
