// `ip -j addr show` output, validated at the edge: which addresses each interface holds.
import { z } from 'zod';
import { ipToBigInt, isIPv4, isIPv6 } from '@routerd/model';
import { IpAddrError } from '../errors.js';

// Loose objects: iproute2 adds fields between versions; only the ones read here are checked.
const addrInfoSchema = z.looseObject({
  family: z.string(),
  local: z.string().optional(),
  prefixlen: z.int().min(0).max(128).optional(),
  dadfailed: z.boolean().optional(),
});

const linkSchema = z.looseObject({
  ifname: z.string().min(1),
  addr_info: z.array(addrInfoSchema).optional(),
});

export const ipAddrOutputSchema = z.array(linkSchema);

export interface KernelAddress {
  family: 'ipv4' | 'ipv6';
  address: string;
  prefixlen: number | undefined;
}

/** Addresses per kernel interface name; an interface without addresses maps to []. */
export type InterfaceAddresses = ReadonlyMap<string, readonly KernelAddress[]>;

function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Parses `ip -j addr show`; throws IpAddrError naming what was expected and what was found. */
export function parseIpAddrJson(text: string): InterfaceAddresses {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (cause) {
    const found = text.trim() === '' ? 'empty output' : `invalid JSON ${JSON.stringify(clip(text.trim()))}`;
    throw new IpAddrError(`ip -j addr show: expected a JSON array of interfaces, found ${found}`, { cause });
  }
  const result = ipAddrOutputSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '(output)' : issue.path.map(String).join('.');
    throw new IpAddrError(
      `ip -j addr show: expected a JSON array of interfaces with "ifname" and "addr_info", found ${where}: ${issue?.message ?? 'invalid'}`,
      { cause: result.error },
    );
  }
  const byName = new Map<string, KernelAddress[]>();
  for (const link of result.data) {
    const addresses: KernelAddress[] = [];
    for (const info of link.addr_info ?? []) {
      const local = info.local;
      if (local === undefined || info.dadfailed === true) continue;
      if (info.family === 'inet' && isIPv4(local)) addresses.push({ family: 'ipv4', address: local, prefixlen: info.prefixlen });
      else if (info.family === 'inet6' && isIPv6(local)) addresses.push({ family: 'ipv6', address: local, prefixlen: info.prefixlen });
    }
    byName.set(link.ifname, addresses);
  }
  return byName;
}

/** Whether `addresses` holds `address` (no prefix), comparing numerically so IPv6 spellings agree. */
export function holdsAddress(addresses: readonly KernelAddress[], family: 'ipv4' | 'ipv6', address: string): boolean {
  const wanted = ipToBigInt(address);
  return addresses.some((a) => a.family === family && ipToBigInt(a.address) === wanted);
}
