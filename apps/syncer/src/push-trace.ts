// The debug-level profile of a push: the bench joins these lines with the lease-watcher's by sha256
// to show where the time from a lease write to the standby goes (docs/benchmarks.md).

/** One step of a push; the `...At` fields are ms on the host's monotonic clock (preciseNow). */
export type PushTrace = (what: 'lease event' | 'source read' | 'rsync', fields: { sha256: string } & Record<string, number | string | boolean | undefined>) => void;

/**
 * CLOCK_MONOTONIC in ms (µs precision): one clock for every process on the host, so the bench can
 * subtract the lease-watcher's stamps from the syncer's. Wall-clock stamps (performance.timeOrigin
 * plus now) drifted apart by up to 9 ms between processes started seconds apart on the bench's VM.
 */
export const preciseNow = (): number => Number(process.hrtime.bigint()) / 1e6;
