// The vip-watcher's roles endpoint (`routerd.<node>.vip-watcher.roles`): one or all VirtualAddresses.
import { z } from 'zod';
import { decode, type DecodeResult } from '../codec.js';
import { resourceNameSchema } from './common.js';
import { vipRoleEventSchema } from './vip-role-event.js';

export const vipWatcherRolesRequestSchema = z
  .strictObject({ name: resourceNameSchema.optional() })
  .meta({ title: 'VipWatcherRolesRequest', description: 'An empty body asks for every VirtualAddress; {"name": "lan-vip"} for one.' });

export const vipWatcherRolesResponseSchema = z
  .strictObject({ type: z.literal('vip-watcher.roles'), node: z.string(), events: z.array(vipRoleEventSchema) })
  .meta({ title: 'VipWatcherRolesResponse', description: 'The last role event of each VirtualAddress that matched the request.' });

export type VipWatcherRolesRequest = z.infer<typeof vipWatcherRolesRequestSchema>;
export type VipWatcherRolesResponse = z.infer<typeof vipWatcherRolesResponseSchema>;

/** Decodes a roles request; an empty body asks for every VirtualAddress. */
export function decodeVipWatcherRolesRequest(data: Uint8Array | string, subject: string): DecodeResult<VipWatcherRolesRequest> {
  const empty = typeof data === 'string' ? data.trim().length === 0 : data.length === 0;
  return decode(vipWatcherRolesRequestSchema, empty ? '{}' : data, subject);
}

/** Decodes a roles reply (routerctl, tools). */
export function decodeVipWatcherRolesResponse(data: Uint8Array | string, subject: string): DecodeResult<VipWatcherRolesResponse> {
  return decode(vipWatcherRolesResponseSchema, data, subject);
}
