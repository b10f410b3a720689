// @routerd/model: configuration schemas, the `when` language, derived paths and sync planning.
// Pure: it parses text it is given and does no other I/O.

// --- schemas and resource types ---
export { errorDetail, errorMessage } from './error-message.js';
export { UsageError } from './usage-error.js';
export { DurationError, durationSchema, formatDuration, parseDuration, positiveDurationSchema } from './duration.js';
export { ipToBigInt, ipv4ToBigInt, ipv6ToBigInt, isIPv4, isIPv6 } from './ip.js';
export { argumentProblem, argumentSchema, hostProblem, hostSchema, userProblem, userSchema } from './security.js';
export { metadataSchema, nameSchema, RESOURCE_API_VERSION, ROUTER_API_VERSION } from './resources/common.js';
export { interfaceSchema, interfaceSpecSchema } from './resources/interface.js';
export type { InterfaceResource } from './resources/interface.js';
export {
  VIRTUAL_ADDRESS_ROLES,
  VIRTUAL_ADDRESS_STATUS_FIELDS,
  vipAddress,
  virtualAddressSchema,
  virtualAddressSpecSchema,
  vrrpSchema,
} from './resources/virtual-address.js';
export type { VirtualAddressResource, VirtualAddressRole } from './resources/virtual-address.js';
export { ADDRESS_FAMILIES, checkVipAddress, vipAddressProblem } from './resources/vip-address.js';
export type { AddressFamily } from './resources/vip-address.js';
export { ipv4PoolSchema, ipv6PoolSchema, poolSize } from './resources/pool.js';
export {
  DHCPV6_MODES,
  dhcpv4ServerSchema,
  dhcpv6PrefixDelegationSchema,
  dhcpv6ServerSchema,
} from './resources/dhcp-servers.js';
export type { DHCPv4ServerResource, DHCPv6PrefixDelegationResource, DHCPv6ServerResource } from './resources/dhcp-servers.js';
export {
  DEFAULT_SYNC_DELIVERY,
  DEFAULT_SYNC_INTERVAL,
  leaseSyncSpecSchema,
  parseSourceRef,
  SYNC_DELIVERIES,
  SYNC_KINDS,
  SYNC_SOURCE_KIND,
  syncTargetSchema,
} from './resources/lease-sync.js';
export type { LeaseSyncResource, LeaseSyncSpec, SourceRef, SyncDelivery, SyncKind, SyncTarget } from './resources/lease-sync.js';
export { isKind, KIND_SCHEMAS, KINDS, resourceId } from './resources/kinds.js';
export type { Kind, Resource } from './resources/kinds.js';
export { routerSchema } from './router.js';
export type { RouterConfig } from './router.js';
export { MATCH_OPERATORS, matchSchema, whenSchema } from './when/schema.js';
export type { Match, When } from './when/schema.js';
export { formatStatusKey, parseWhenKey, WhenKeyError } from './when/key.js';
export type { StatusKey } from './when/key.js';

// --- names the daemons' configuration uses ---
export { keepalivedInstanceName, keepalivedInstanceNames } from './keepalived-names.js';

// --- loading and validation (load/) ---
export { formatDiagnostic } from './load/diagnostic.js';
export type { Diagnostic } from './load/diagnostic.js';
export type { ConfigSource, LoadedResource } from './load/loaded-resource.js';
export { parseConfigText } from './load/parse-config.js';
export type { ParsedConfig } from './load/parse-config.js';
export { mergeResources } from './load/merge-resources.js';
export { checkResources } from './load/check-resources.js';
export { ConfigError, loadConfig, requireConfig } from './load/load-config.js';
export type { LoadResult } from './load/load-config.js';
export { KIND_STATUS_FIELDS } from './load/status-fields.js';
export { routerJsonSchema, routerJsonSchemaText } from './json-schema.js';

// --- when evaluation, derived paths, sync planning (when/evaluate, paths, plan/) ---
export { allOf, anyOf, evaluateWhen, shouldRun, WhenOptionsError } from './when/evaluate.js';
export type { FieldObservation, StatusLookup, Truth, WhenOptions, WhenResult } from './when/evaluate.js';
export { canonicalKey, describeMatch, describeWhen } from './when/describe.js';
export type { ValueStyle } from './when/describe.js';
export {
  DEFAULT_RUNTIME_DIR,
  DEFAULT_STATE_DIR,
  dnsmasqLeaseFile,
  runtimeDirs,
  RuntimeDirError,
  sourcePath,
  SourcePathError,
} from './paths.js';
export type { RuntimeDirs } from './paths.js';
export { HANDBACK_SUFFIX, INBOX_DIR_NAME, inboxPaths } from './inbox-paths.js';
export type { InboxPaths } from './inbox-paths.js';
export { planSyncs, SYNC_DEADLINE_MS } from './plan/plan-syncs.js';
export type { PlanOptions, SyncJob, TargetPlan } from './plan/plan-syncs.js';
export { PlanError } from './plan/errors.js';
export { commandLine, shellQuote } from './plan/command-line.js';
export { joinRshCommand, quoteRshPart, RshCommandError, splitRshCommand } from './plan/rsh-command.js';
export { rsyncArgv, rsyncDestination, RSYNC_TIMEOUT_OPTION } from './plan/rsync-argv.js';
export type { RsyncArgvInput } from './plan/rsync-argv.js';
export { CONTROL_PERSIST, SSH_DEFAULTS, sshCommandParts, sshOptionKeys } from './plan/ssh-command.js';
export { sshControlDir, sshControlPath } from './plan/control-path.js';

// --- promotion (DHCPServerPromotion: the DHCP server follows the VIP role) ---
export {
  commandArgvSchema,
  DEFAULT_CHECK_INTERVAL,
  DEFAULT_SETTLE,
  dhcpServerPromotionSchema,
  dhcpServerPromotionSpecSchema,
  parseServerRef,
  programProblem,
  PROMOTED_SERVER_KINDS,
  promotedServers,
  serverRefSchema,
} from './resources/dhcp-promotion.js';
export type { DHCPServerPromotionResource, DHCPServerPromotionSpec, PromotedServerKind, ServerRef } from './resources/dhcp-promotion.js';
export { checkPromotions } from './load/check-promotions.js';
