// @routerd/bus: every contract on the NATS bus. Subjects, payload schemas, validated decoding and subscription.

// --- subjects ---
export {
  decodeNameToken,
  encodeNameToken,
  KIND_PATTERN,
  kindToken,
  NODE_PATTERN,
  nodeProblem,
  nodeToken,
  RESOURCE_NAME_PATTERN,
  resourceNameProblem,
  SubjectError,
} from './tokens.js';
export { isSourceKind, isSyncKind, SOURCE_KINDS, SYNC_KINDS_LIST } from './kinds.js';
export type { SourceKind, SyncKind } from './kinds.js';
export {
  ALL_SUBJECTS,
  leaseSubject,
  leaseWildcard,
  parseSubject,
  reconcileSubject,
  reconcileWildcard,
  SERVICE_AREAS,
  SUBJECT_ROOT,
  syncSubject,
  syncWildcard,
  vipSubject,
  vipWildcard,
} from './subjects.js';
export type { BusSubject, ServiceArea } from './subjects.js';

// --- request/reply endpoints (NATS services API): one definition, served and asked one way ---
export { decodeReply, decodeRequest, defineEndpoint, SERVICE_VERSION } from './endpoint.js';
export type { Endpoint, EndpointItem, EndpointReply, EndpointRequest, EndpointSpec, ItemFilter, ItemKey } from './endpoint.js';
export { dhcpPromoterStatusEndpoint, ENDPOINTS, leaseWatcherFilesEndpoint, syncerStatusEndpoint, vipWatcherRolesEndpoint } from './endpoints.js';
export { serveEndpoint } from './serve-endpoint.js';
export type { EndpointLog, ServeOptions } from './serve-endpoint.js';
export { askEndpoint } from './ask-endpoint.js';
export type { AskOptions, Requester } from './ask-endpoint.js';
export {
  AskError,
  BadReplyError,
  NoResponderError,
  RequestFailedError,
  RequestTimeoutError,
  ResourceNotFoundError,
  ServiceReplyError,
} from './endpoint-errors.js';

// --- who may publish and subscribe to what (nats-server authorization) ---
export { BUS_IDENTITIES, busPermissions, mayPublish, REPLY_INBOXES, SERVICE_API_SUBJECTS, subjectMatches } from './permissions.js';
export type { BusIdentity, BusPermissions } from './permissions.js';

// --- freshness (invariant 1) ---
export { freshForMs, isFresh, MISSED_HEARTBEATS, staleAt } from './freshness.js';

// --- payload schemas ---
export { nodeSchema, resourceNameSchema, timestampSchema } from './schemas/common.js';
export { vipRoleEventSchema } from './schemas/vip-role-event.js';
export type { VipRoleEvent } from './schemas/vip-role-event.js';
export { leaseFileEventSchema } from './schemas/lease-file-event.js';
export type { LeaseFileEvent } from './schemas/lease-file-event.js';
export {
  boundOutput,
  gateSchema,
  lastMergeSchema,
  MAX_OUTPUT_BYTES,
  SYNC_PHASES,
  SYNC_REASONS,
  SYNC_REASONS_BY_PHASE,
  SYNC_TARGET_REASONS,
  syncSourceSchema,
  syncStatusSchema,
  syncTargetStatusSchema,
} from './schemas/sync-status.js';
export type { SyncGate, SyncPhase, SyncReason, SyncSource, SyncStatus, SyncTargetReason, SyncTargetStatus } from './schemas/sync-status.js';
export { busEventSchema } from './schemas/bus-message.js';
export type { BusEvent } from './schemas/bus-message.js';
export {
  conflictPartySchema,
  leaseConflictSchema,
  listConflicts,
  listedConflictsSchema,
  MAX_LISTED_CONFLICTS,
  RECONCILE_ACTIONS,
  RECONCILE_REASONS,
  reconcileEventSchema,
} from './schemas/reconcile-event.js';
export type { LeaseConflictRecord, ReconcileAction, ReconcileEvent, ReconcileReason } from './schemas/reconcile-event.js';
export { sampleLeaseFileEvent, samplePromotionStatus, sampleReconcileEvent, sampleSyncStatus, sampleVipRoleEvent } from './schemas/samples.js';

// --- decoding, publishing, subscribing ---
export { BadMessageError, BusError, InvalidPayloadError, MessageHandlerError, SubscriptionError } from './errors.js';
export { decode, encode, summarizeIssues } from './codec.js';
export type { DecodeResult } from './codec.js';
export { createBusCounters } from './counters.js';
export type { BusCounters, BusCounterSnapshot } from './counters.js';
export { subscribeValidated } from './subscribe-validated.js';
export type { BusProblem, SubscribeValidatedOptions, ValidatedSubscription } from './subscribe-validated.js';

// --- promotion (dhcp-promoter: DHCPServerPromotion status) ---
export { promotionSubject, promotionWildcard } from './promotion-subjects.js';
export {
  PROMOTION_PHASES,
  PROMOTION_REASONS,
  promotionCommandSchema,
  promotionServerSchema,
  promotionStatusSchema,
  serverPhases,
} from './schemas/promotion-status.js';
export type { PromotionCommand, PromotionPhase, PromotionReason, PromotionServer, PromotionStatus } from './schemas/promotion-status.js';

// --- meaning (after shape): subject, node, configuration, heartbeat and time bounds ---
export {
  checkMeaning,
  createMeaningGuard,
  createRateLimitedReport,
  grantedHeartbeatMs,
  MAX_AGE_MS,
  MAX_FUTURE_MS,
  MAX_HEARTBEAT_MS,
  MEANING_LOG_WINDOW_MS,
  MEANING_REASONS,
  MeaningError,
} from './meaning.js';
export type { MeaningExpectations, MeaningGuardOptions, MeaningReason, RateLimitedReportOptions } from './meaning.js';
