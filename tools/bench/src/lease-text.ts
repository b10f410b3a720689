// Realistic dnsmasq lease files (v4 lines, the duid line, v6 lines, as in shared/samples), in
// documentation and benchmarking ranges: 198.18.0.0/15 (RFC 2544) and 2001:db8::/32.
import { BenchOptionError } from './errors.js';

export const EXPIRY_BASE = 1_795_649_016;
const SERVER_DUID = 'duid 00:01:00:01:32:9a:1c:65:02:00:00:00:30:02';

const hex2 = (n: number) => (n & 0xff).toString(16).padStart(2, '0');
const mac = (i: number) => `02:00:${hex2(i >>> 24)}:${hex2(i >>> 16)}:${hex2(i >>> 8)}:${hex2(i)}`;

function v4Line(i: number): string {
  const ip = `198.${18 + ((i >>> 16) & 1)}.${(i >>> 8) & 0xff}.${i & 0xff}`;
  // One in three clients sends neither hostname nor client id, as in the samples.
  const named = i % 3 !== 0;
  return `${EXPIRY_BASE + (i % 86_400)} ${mac(i)} ${ip} ${named ? `host-${i}` : '*'} ${named ? `01:${mac(i)}` : '*'}`;
}

function v6Line(i: number): string {
  const temporary = i % 5 === 0 ? 'T' : '';
  const ip = `2001:db8:${((i >>> 16) & 0xffff).toString(16)}::${(i & 0xffff).toString(16)}`;
  const duid = `00:01:00:01:32:9a:1c:6c:${mac(i)}`;
  return `${EXPIRY_BASE + (i % 86_400)} ${temporary}${12_304 + i} ${ip} ${i % 4 === 0 ? '*' : `host6-${i}`} ${duid}`;
}

/** `v4` v4 leases, then the server duid line and `v6` v6 leases when v6 > 0. */
export function leaseLines(v4: number, v6: number): string[] {
  for (const [name, value] of [['v4', v4], ['v6', v6]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 131_072) {
      throw new BenchOptionError(`Expected the ${name} lease count to be an integer from 0 to 131072, got ${value}`);
    }
  }
  const lines = Array.from({ length: v4 }, (_, i) => v4Line(i));
  if (v6 > 0) lines.push(SERVER_DUID, ...Array.from({ length: v6 }, (_, i) => v6Line(i)));
  return lines;
}

/** A renewal as dnsmasq writes it: the lease on `index` gets a new expiry; the file keeps its size. */
export function renew(lines: string[], index: number, expiry: number): void {
  const line = lines[index];
  if (line === undefined || line.startsWith('duid ')) {
    throw new BenchOptionError(`Expected the index of a lease line (0..${lines.length - 1}, not the duid line), got ${index}`);
  }
  const text = String(expiry);
  if (text.length !== 10) throw new BenchOptionError(`Expected a 10-digit expiry so the size stays the same, got ${expiry}`);
  lines[index] = `${text}${line.slice(line.indexOf(' '))}`;
}

export function leaseText(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
