// The footprint levers' table: one row per variant and agent, the sum of PSS per variant, and the
// issue's targets (idle RSS ≤ 50 MB and idle CPU ≤ 0.3 % per agent).
import { mb } from './footprint.js';
import type { MemoryRollup } from './smaps-rollup.js';

export const IDLE_RSS_TARGET_MB = 50;
export const IDLE_CPU_TARGET_PERCENT = 0.3;

export interface AgentIdle {
  agent: string;
  memory: MemoryRollup;
  /** Own CPU over the idle window, percent of one core. */
  cpuPercent: number;
}

export interface VariantResult {
  /** Short key, e.g. "b". */
  key: string;
  /** What runs: e.g. "bundle (.deb launcher)". */
  label: string;
  /** The node options passed. */
  nodeOptions: readonly string[];
  agents: AgentIdle[];
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISS');

/** Sum of the agents' PSS, in MB. */
export function pssSumMb(variant: VariantResult): number {
  return mb(variant.agents.reduce((sum, a) => sum + a.memory.pssKb, 0));
}

export function formatLeversTable(variants: readonly VariantResult[], settleMs: number, windowMs: number): string {
  const lines = [
    `Footprint levers: idle agents, sampled ${settleMs / 1000} s after start, CPU over the next ${windowMs / 1000} s`,
    `targets per agent: RSS ≤ ${IDLE_RSS_TARGET_MB} MB, CPU ≤ ${IDLE_CPU_TARGET_PERCENT} %`,
    '',
    '| variant | agent | RSS MB | PSS MB | PSS anon MB | CPU % | RSS target | CPU target |',
    '|---|---|---:|---:|---:|---:|---|---|',
  ];
  for (const v of variants) {
    for (const a of v.agents) {
      const rss = mb(a.memory.rssKb);
      lines.push(
        `| ${v.key} ${v.label} | ${a.agent} | ${rss} | ${mb(a.memory.pssKb)} | ${mb(a.memory.pssAnonKb)} | ${a.cpuPercent} | ${verdict(rss <= IDLE_RSS_TARGET_MB)} | ${verdict(a.cpuPercent <= IDLE_CPU_TARGET_PERCENT)} |`,
      );
    }
  }
  lines.push('', '| variant | node options | sum of PSS, MB | max RSS, MB | max CPU % |', '|---|---|---:|---:|---:|');
  for (const v of variants) {
    const maxRss = Math.max(...v.agents.map((a) => mb(a.memory.rssKb)));
    const maxCpu = Math.max(...v.agents.map((a) => a.cpuPercent));
    lines.push(`| ${v.key} ${v.label} | ${v.nodeOptions.join(' ') || '(none)'} | ${pssSumMb(v)} | ${maxRss} | ${maxCpu} |`);
  }
  return `${lines.join('\n')}\n`;
}
