import { parseDuration } from '@routerd/model';

/** dnsmasq's shortest lease; it raises anything below this to it. */
export const DNSMASQ_MIN_LEASE_SECONDS = 120;

/** A Go-style duration as a dnsmasq lease time: one unit ("12h", "90m", "45s" → "120"). */
export function dnsmasqLeaseTime(duration: string): string {
  const seconds = Math.max(DNSMASQ_MIN_LEASE_SECONDS, Math.ceil(parseDuration(duration) / 1000));
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return String(seconds);
}
