// One class per failure mode of the dhcp-promoter.

/** A DHCPServerPromotion of a validated configuration could not be turned into a plan. */
export class PromotionPlanError extends Error {
  override name = 'PromotionPlanError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The lease syncs, whose files the promotions reconcile, could not be planned: the promotions go on without reconciling. */
export class LeaseSyncPlanError extends PromotionPlanError {
  override name = 'LeaseSyncPlanError';
}
