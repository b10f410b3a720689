// @routerd/leases: lease-file parsing and stable snapshots of files rewritten in place.

export { LeaseOptionError, SnapshotReadError } from './errors.js';
export { MAX_PARSE_ERRORS, parseDnsmasqLeases } from './parse-dnsmasq-leases.js';
export { parsePdLease } from './parse-pd-lease.js';
export { readStableSnapshot } from './read-stable-snapshot.js';

export type { Lease4, Lease6, LeaseFileParse, LeaseFileParser, LineProblem, ParseResult } from './types.js';
export type { PdParseResult } from './parse-pd-lease.js';
export type { OkSnapshot, Snapshot, SnapshotFs, SnapshotStat, StableSnapshotOptions } from './read-stable-snapshot.js';
