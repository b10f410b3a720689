// The debug-level profile of a push: the bench joins these lines with the lease-watcher's by sha256
// to show where the time from a lease write to the standby goes (docs/benchmarks.md).

/** One step of a push; the `...At` fields are ms on the host's monotonic clock (hostMonotonicMs of @routerd/agent). */
export type PushTrace = (what: 'lease event' | 'source read' | 'rsync', fields: { sha256: string } & Record<string, number | string | boolean | undefined>) => void;
