// @routerd/leases: lease-file parsing, stable snapshots of files rewritten in place, the three-way lease merge.

export { LeaseMergeInputError, LeaseOptionError, SnapshotReadError } from './errors.js';
export { mergeLeaseFiles } from './merge-leases.js';
export { MAX_PARSE_ERRORS, parseDnsmasqLeases } from './parse-dnsmasq-leases.js';
export { parsePdLease } from './parse-pd-lease.js';
export { readStableSnapshot } from './read-stable-snapshot.js';
export { formatReceiverReport, parseReceiverReport, RECEIVER_REFUSALS, RECEIVER_REPORT_PREFIX } from './receiver-report.js';
export type { ReceiverRefusal, ReceiverReport, ReportedConflict, ReportedParty } from './receiver-report.js';

export type { Lease4, Lease6, LeaseFileParse, LeaseFileParser, LineProblem, ParseResult } from './types.js';
export type { MergeInput } from './errors.js';
export type { ConflictParty, LeaseConflict, LeaseMergeInput, LeaseMergeResult, LeaseSide } from './merge-leases.js';
export type { PdParseResult } from './parse-pd-lease.js';
export type { OkSnapshot, Snapshot, SnapshotFs, SnapshotStat, StableSnapshotOptions } from './read-stable-snapshot.js';
