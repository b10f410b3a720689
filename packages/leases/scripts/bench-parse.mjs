// Times parseDnsmasqLeases on a generated 100,000-line lease file (v4 and v6).
// Run after a build: `npm run bench -w @routerd/leases` (or `node scripts/bench-parse.mjs [lines]`).
import { performance } from 'node:perf_hooks';
import { parseDnsmasqLeases } from '../dist/index.js';

const total = Number(process.argv[2] ?? 100_000);
const hex = (n) => n.toString(16).padStart(2, '0');
const lines = [];
const v4 = Math.floor(total * 0.6);
for (let i = 0; i < v4; i++) {
  const mac = `02:00:${hex((i >> 16) & 255)}:${hex((i >> 8) & 255)}:${hex(i & 255)}:10`;
  const host = i % 3 === 0 ? '*' : `host-${i}`;
  const clid = i % 2 === 0 ? '*' : `01:${mac}`;
  lines.push(`${1795649000 + i} ${mac} 192.0.${(i >> 8) & 255}.${i & 255} ${host} ${clid}`);
}
lines.push('duid 00:01:00:01:32:9a:1c:65:02:00:00:00:30:02');
for (let i = v4 + 1; i < total; i++) {
  const iaid = i % 5 === 0 ? `T${i}` : String(i);
  lines.push(`${1795649000 + i} ${iaid} 2001:db8:30::${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)} * 00:01:00:01:32:9a:1c:6c:02:00:${hex((i >> 8) & 255)}:${hex(i & 255)}`);
}
const text = `${lines.join('\n')}\n`;

const runs = [];
let result;
for (let run = 0; run < 7; run++) {
  const start = performance.now();
  result = parseDnsmasqLeases(text);
  runs.push(performance.now() - start);
}
if (!result.ok) throw new Error(`generated file did not parse: ${result.errors[0]?.message}`);
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)];
process.stdout.write(
  `${total} lines, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB: v4 ${result.v4.length}, v6 ${result.v6.length}; ` +
    `runs (sorted) ${runs.map((r) => r.toFixed(0)).join('/')} ms, median ${median.toFixed(0)} ms\n`,
);
