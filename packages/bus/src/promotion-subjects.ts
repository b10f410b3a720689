// The dhcp-promoter's status subjects: `routerd.<node>.promotion.<name>` (its endpoint is in endpoints.ts).
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
