// @routerd/dhcp-promoter: the DHCP server follows the VIP role (DHCPServerPromotion). The bin is main.ts.

export { dhcpPromoterAgent } from './agent.js';
export type { DhcpPromoterSettings } from './agent.js';
export { createPromoter, DEFAULT_HEARTBEAT_MS, STOP_BOUND_MS } from './promoter.js';
export type { Promoter, PromoterDeps } from './promoter.js';
export { createPromotionMachine } from './promotion-machine.js';
export type { MachineDeps, MachineStatus, PromotionMachine, RoleObservation } from './promotion-machine.js';
export { promotionPlans } from './promotion-plan.js';
export type { PromotionPlan } from './promotion-plan.js';
export { COMMAND_DEADLINE_MS, DEFAULT_BACKOFF, describeResult } from './commands.js';
export { startStatusService } from './status-service.js';
export type { StatusServiceOptions } from './status-service.js';
export { PromotionPlanError } from './errors.js';
