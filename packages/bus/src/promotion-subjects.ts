// The dhcp-promoter's subjects: `routerd.<node>.promotion.<name>` (status) and its services API
// group `routerd.<node>.dhcp-promoter.<endpoint>`.
import { SUBJECT_ROOT } from './subjects.js';
import { encodeNameToken, nodeToken } from './tokens.js';

/** dhcp-promoter: status changes and heartbeats of the DHCPServerPromotion `name`. */
export function promotionSubject(node: string, name: string): string {
  return `${SUBJECT_ROOT}.${nodeToken(node)}.promotion.${encodeNameToken(name)}`;
}

/** Every promotion of one node, or of every node when `node` is undefined. */
export function promotionWildcard(node?: string): string {
  return `${SUBJECT_ROOT}.${node === undefined ? '*' : nodeToken(node)}.promotion.*`;
}

/** Service name shown by `nats micro ls` / `$SRV.INFO`. */
export const DHCP_PROMOTER_SERVICE_NAME = 'routerd-dhcp-promoter';
export const DHCP_PROMOTER_ENDPOINTS = { status: 'status' } as const;

/** The group every dhcp-promoter endpoint lives under: `srv.addGroup(dhcpPromoterServicePrefix(node))`. */
export function dhcpPromoterServicePrefix(node: string): string {
  return `${SUBJECT_ROOT}.${nodeToken(node)}.dhcp-promoter`;
}

/** Status of one or all promotions of `node` (request: DhcpPromoterStatusRequest, reply: DhcpPromoterStatusResponse). */
export function dhcpPromoterStatusSubject(node: string): string {
  return `${dhcpPromoterServicePrefix(node)}.${DHCP_PROMOTER_ENDPOINTS.status}`;
}
