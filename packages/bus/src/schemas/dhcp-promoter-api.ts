// The dhcp-promoter's status endpoint (`routerd.<node>.dhcp-promoter.status`): one or all promotions.
import { z } from 'zod';
import { decode, type DecodeResult } from '../codec.js';
import { resourceNameSchema } from './common.js';
import { promotionStatusSchema } from './promotion-status.js';

export const dhcpPromoterStatusRequestSchema = z
  .strictObject({ name: resourceNameSchema.optional() })
  .meta({ title: 'DhcpPromoterStatusRequest', description: 'An empty body asks for every promotion; {"name": "lan-dhcp"} for one.' });

export const dhcpPromoterStatusResponseSchema = z
  .strictObject({ type: z.literal('dhcp-promoter.status'), node: z.string(), promotions: z.array(promotionStatusSchema) })
  .meta({ title: 'DhcpPromoterStatusResponse', description: 'The current status of each promotion that matched the request.' });

export type DhcpPromoterStatusRequest = z.infer<typeof dhcpPromoterStatusRequestSchema>;
export type DhcpPromoterStatusResponse = z.infer<typeof dhcpPromoterStatusResponseSchema>;

/** Decodes a status request; an empty body asks for every promotion. */
export function decodeDhcpPromoterStatusRequest(data: Uint8Array | string, subject: string): DecodeResult<DhcpPromoterStatusRequest> {
  const empty = typeof data === 'string' ? data.trim().length === 0 : data.length === 0;
  return decode(dhcpPromoterStatusRequestSchema, empty ? '{}' : data, subject);
}

/** Decodes a status reply (routerctl, tools). */
export function decodeDhcpPromoterStatusResponse(data: Uint8Array | string, subject: string): DecodeResult<DhcpPromoterStatusResponse> {
  return decode(dhcpPromoterStatusResponseSchema, data, subject);
}
