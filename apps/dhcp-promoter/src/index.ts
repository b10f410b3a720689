// @routerd/dhcp-promoter: the DHCP server follows the VIP role (DHCPServerPromotion). main.ts runs it;
// tests start it in-process through dhcpPromoterAgent.

export { AGENT_NAME, dhcpPromoterAgent } from './agent.js';
export type { DhcpPromoterSettings } from './agent.js';
export type { InboxFs } from './inbox.js';
export type { ApplyOutcome, LeaseFunctions } from './lease-files.js';
export { PromotionPlanError } from './errors.js';
