// Times as an operator reads them: "12s ago", "in 5s", "450ms", like kubectl's AGE column.

/** A duration in milliseconds, short: "450ms", "1.2s", "3m12s", "2h5m", "3d4h". */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)}ms`;
  if (abs < 10_000) return `${Math.floor(abs / 100) / 10}s`;
  const s = Math.floor(abs / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
}

/** How long ago an ISO time was ("12s ago"), or how far ahead ("in 5s"). */
export function formatAge(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 'unknown';
  const diff = now - at;
  return diff >= 0 ? `${formatSpan(diff)} ago` : `in ${formatSpan(-diff)}`;
}

/** "2024-05-01T12:00:01.700Z (8.3s ago)", or "<none>". */
export function formatTime(iso: string | undefined, now: number): string {
  return iso === undefined ? '<none>' : `${iso} (${formatAge(iso, now)})`;
}

/** The age alone for table cells ("8.3s"), "<none>" when never. */
export function formatAgeCell(iso: string | undefined, now: number): string {
  if (iso === undefined) return '<none>';
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 'unknown' : formatSpan(now - at);
}
