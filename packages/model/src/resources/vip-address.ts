// One check for a virtual address against its family, shared by the VirtualAddress spec and the
// vip-watcher's role event: a host address of that family, bare or with its full-length prefix.
import type { z } from 'zod';
import { isIPv4, isIPv6 } from '../ip.js';

export const ADDRESS_FAMILIES = ['ipv4', 'ipv6'] as const;
export type AddressFamily = (typeof ADDRESS_FAMILIES)[number];

/** Why `address` is not one host address of `family` ("192.0.2.1" or "192.0.2.1/32"), or undefined when it is. */
export function vipAddressProblem(family: AddressFamily, address: string): string | undefined {
  const [ip = '', prefix, extra] = address.split('/');
  const want = family === 'ipv4' ? '32' : '128';
  const ok = family === 'ipv4' ? isIPv4(ip) : isIPv6(ip);
  if (ok && extra === undefined && (prefix === undefined || prefix === want)) return undefined;
  return `expected an ${family} address with prefix /${want} (or none), found ${JSON.stringify(address)}`;
}

/** A superRefine step: reports the problem of `value.address` as an issue at `address`. */
export function checkVipAddress(value: { family: AddressFamily; address: string }, ctx: z.core.$RefinementCtx): void {
  const message = vipAddressProblem(value.family, value.address);
  if (message !== undefined) ctx.addIssue({ code: 'custom', path: ['address'], message });
}
