import { poolSize } from '@routerd/model';

/** dnsmasq's own default dhcp-lease-max. */
export const DNSMASQ_DEFAULT_LEASE_MAX = 1000;
/** An IPv6 /64 pool is 2^64 addresses; no router stores more leases than this. */
export const LEASE_MAX_CAP = 1_000_000;

/**
 * dhcp-lease-max for these pools: their total size, so a promoted standby can load every lease the
 * master had ("too many stored leases" otherwise), never below dnsmasq's default, capped.
 */
export function dhcpLeaseMax(pools: readonly { start: string; end: string }[]): number {
  const cap = BigInt(LEASE_MAX_CAP);
  let total = 0n;
  for (const pool of pools) {
    total += poolSize(pool);
    if (total >= cap) return LEASE_MAX_CAP;
  }
  return Math.max(DNSMASQ_DEFAULT_LEASE_MAX, Number(total));
}
