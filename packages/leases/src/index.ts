// @routerd/leases: lease-file parsing, stable snapshots of files rewritten in place, the three-way lease merge,
// and applying a peer's file to the live one through the inbox, under the lease lock.

export { LeaseFileError, LeaseLockBusyError, LeaseMergeInputError, LeaseOptionError, SnapshotReadError } from './errors.js';
export { applyToLive } from './lease-inbox.js';
export { DEFAULT_LOCK_WAIT_MS, withLeaseLock } from './lease-lock.js';
export { mergeLeaseFiles } from './merge-leases.js';
export { MAX_PARSE_ERRORS, parseDnsmasqLeases } from './parse-dnsmasq-leases.js';
export { parsePdLease } from './parse-pd-lease.js';
export { readStableDigest, readStableSnapshot } from './read-stable-snapshot.js';
export { formatReceiverReport, parseReceiverReport, RECEIVER_REFUSALS, RECEIVER_REPORT_PREFIX } from './receiver-report.js';
export type { ReceiverRefusal, ReceiverReport, ReportedConflict, ReportedParty } from './receiver-report.js';

export type { Lease4, Lease6, LeaseFileCheck, LeaseFileParse, LeaseFileParser, LeaseLineCheck, LineProblem, ParseResult } from './types.js';
export type { MergeInput } from './errors.js';
export type { ConflictParty, LeaseConflict, LeaseMergeInput, LeaseMergeResult, LeaseSide } from './merge-leases.js';
export type { ApplyOptions, ApplyResult, LeaseDelivery } from './lease-inbox.js';
export type { LeaseLockOptions } from './lease-lock.js';
export type { PdParseResult } from './parse-pd-lease.js';
export type { KnownStable, OkSnapshot, Snapshot, SnapshotFs, SnapshotStat, StableSnapshotOptions } from './read-stable-snapshot.js';
