// @routerd/dnsmasq-lease-watcher: watches the lease files the syncs read and publishes their state on NATS.

export { createDebouncer } from './debounce.js';
export type { Debouncer, DebouncerOptions } from './debounce.js';
export { watchDir } from './dir-watch.js';
export type { DirWatch, DirWatchOptions, WatchDir } from './dir-watch.js';
export { LeaseWatcherOptionError, WatchSetupError } from './errors.js';
export { addFilesService } from './files-service.js';
export type { FilesServiceOptions } from './files-service.js';
export { changed, leaseFileEvents, stateOfSnapshot } from './file-state.js';
export type { FileState, StatInfo } from './file-state.js';
export { createFileObserver, MIN_RETRY_MS } from './file-observer.js';
export type { FileObserver, FileObserverOptions } from './file-observer.js';
export { createLeaseWatcher } from './lease-watcher.js';
export type { LeaseWatcher, LeaseWatcherOptions } from './lease-watcher.js';
export type { WatchLog } from './log.js';
export { readLeaseFile, stampFile } from './read-lease-file.js';
export type { FileStamp, ReadLeaseFile, StampFile } from './read-lease-file.js';
export { AGENT_NAME, publisher, startLeaseWatcher } from './start.js';
export type { StartDeps } from './start.js';
export { DEFAULT_TIMINGS, resolveTimings } from './timings.js';
export type { WatchTimings } from './timings.js';
export { formatOf, watchedFiles } from './watched-files.js';
export type { LeaseFormat, WatchedFile, WatchedSource } from './watched-files.js';
