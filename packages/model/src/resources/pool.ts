import { z } from 'zod';
import { durationSchema } from '../duration.js';
import { ipToBigInt } from '../ip.js';
import { ipv4Schema, ipv6Schema } from './common.js';

function pool(address: typeof ipv4Schema | typeof ipv6Schema) {
  return z
    .strictObject({ start: address, end: address, leaseTime: durationSchema.optional() })
    .superRefine((p, ctx) => {
      if (address.safeParse(p.start).success && address.safeParse(p.end).success && ipToBigInt(p.start) > ipToBigInt(p.end)) {
        ctx.addIssue({ code: 'custom', path: ['end'], message: `expected an address at or after start ${p.start}, found ${p.end}` });
      }
    });
}

export const ipv4PoolSchema = pool(ipv4Schema).meta({ description: 'First and last address handed out.' });
export const ipv6PoolSchema = pool(ipv6Schema).meta({ description: 'First and last address handed out.' });

/** Number of addresses in a pool, inclusive. */
export function poolSize(p: { start: string; end: string }): bigint {
  return ipToBigInt(p.end) - ipToBigInt(p.start) + 1n;
}
