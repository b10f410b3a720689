// @routerd/lease-receiver: the forced command of the sync key on the standby. main.ts runs it; the
// system tests run the built bin through a real sshd.

export { receiverMain, productionDeps } from './receiver-main.js';
export type { ReceiverIO } from './receiver-main.js';
export { receive } from './receive.js';
export type { ReceiverDeps, ReceiverOptions, RsyncExit } from './receive.js';
export { parseReceiverArgs, RECEIVER_NAME, USAGE } from './options.js';
export { splitCommandWords } from './command-words.js';
export { ACCEPTED_FORMS, parseRsyncRequest, SAFE_FLAG_LETTERS } from './rsync-request.js';
export type { RequestKind, RsyncRequest } from './rsync-request.js';
export { leaseTargets } from './lease-targets.js';
export type { LeaseTarget } from './lease-targets.js';
export { CHECK_DEADLINE_MS, servingState } from './serving.js';
