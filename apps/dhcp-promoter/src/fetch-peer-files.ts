// The fetch before a new mastership serves (P5, P6), within `settle`: for each lease file, wait for
// the demoted peer's handback, pulling the peer's live file meanwhile as the fallback. A handback ends
// the wait for its file (one this node's receiver merged before the mastership began counts: it is in
// live); otherwise the wait ends at the deadline, and a pull still running then is stopped.
import type { Clock, CommandResult, RunAs } from '@routerd/agent';
import { parseReceiverReport } from '@routerd/leases';
import { errorMessage, formatDuration, inboxPaths } from '@routerd/model';
import { describeWithOutput, lastWords } from './commands.js';
import { handbackWaiting, type InboxFs } from './inbox.js';
import type { LeaseFilePlan, PeerPlan } from './lease-file-plan.js';
import type { Fetched, PullFailure } from './machine/messages.js';

/** How often the inbox is looked at for a handback while waiting. */
export const HANDBACK_POLL_MS = 150;

export interface FetchDeps {
  fs: InboxFs;
  /** Runs a pull; it never throws (promotion-machine.ts's runSafely). */
  run: (argv: readonly string[], options: { signal: AbortSignal; deadlineMs: number; as?: RunAs }) => Promise<CommandResult>;
  clock: Clock;
  pollMs?: number;
  /**
   * Whether this node's receiver merged live's handback itself (this node did not serve then) since this
   * node's server stopped and within `settle` before the fetch began (handback-trace.ts): the demoted
   * peer's last file is in live already, as if its handback had come now.
   */
  handbackMerged?: (live: string) => Promise<boolean>;
}

/** Waits `ms` on the clock, or less when `signal` aborts or the function given to `onWake` is called. */
function sleep(clock: Clock, ms: number, signal: AbortSignal, onWake?: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const cancel = clock.setTimeout(done, ms);
    function done(): void {
      cancel();
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
    onWake?.(done);
  });
}

/**
 * The inbox's changes as wake-ups for the wait: a handback that lands is seen at once rather than at
 * the next poll. A change that comes while nobody naps is kept for the next nap.
 */
function inboxWakeups(fs: InboxFs, dir: string): { nap(clock: Clock, ms: number, signal: AbortSignal): Promise<void>; close(): void } {
  let pending = false;
  let wake: (() => void) | undefined;
  const close = fs.watch?.(dir, () => {
    pending = true;
    wake?.();
  });
  return {
    async nap(clock, ms, signal) {
      if (pending) {
        pending = false;
        return;
      }
      await sleep(clock, ms, signal, (w) => (wake = w));
      wake = undefined;
      pending = false;
    },
    close: () => close?.(),
  };
}

/** Why a pull did not bring the peer's file: the receiver's refusal, a silent peer, or rsync's failure. */
export function pullFailure(peer: PeerPlan, result: CommandResult, waitMs: number): PullFailure {
  const report = parseReceiverReport(result.output);
  if (report?.type === 'refused') return { peer: peer.name, reason: report.reason, text: `${peer.name} refused the pull (${report.reason}): ${report.text}` };
  if (result.aborted || result.timedOut) return { peer: peer.name, reason: 'PeerNotAnswering', text: `${peer.name} did not answer within ${formatDuration(waitMs)}` };
  // ssh's own failures (no route, refused, host key) exit 255.
  if (result.exitCode === 255) return { peer: peer.name, reason: 'PeerNotAnswering', text: `${peer.name} does not answer: ${lastWords(result.output) || 'ssh exited with 255'}` };
  return { peer: peer.name, reason: 'Failed', text: `pulling from ${peer.name} failed: ${describeWithOutput(peer.pullArgv, result)}` };
}

function failAll(file: LeaseFilePlan, text: string): { failures: PullFailure[] } {
  return { failures: file.peers.map((peer) => ({ peer: peer.name, reason: 'Failed', text: `not pulled from ${peer.name}: ${text}` })) };
}

/** How long a round of pulls in which no peer answered waits before the next, while settle lasts. */
export const PULL_RETRY_MS = 500;

/** One pull from `peer` as `as`, its control socket dir made first; undefined when it brought the file. */
async function pullOnce(peer: PeerPlan, pulled: string, as: RunAs | undefined, left: number, waitMs: number, signal: AbortSignal, deps: FetchDeps): Promise<PullFailure | undefined> {
  if (peer.controlDir !== undefined) {
    try {
      // It lives under /run: a reboot or a restarted syncer's unit may have removed it.
      await deps.fs.ensurePrivateDir(peer.controlDir, as);
    } catch (error) {
      return { peer: peer.name, reason: 'Failed', text: `not pulled from ${peer.name}: the ssh control directory ${peer.controlDir} could not be created: ${errorMessage(error)}` };
    }
  }
  // A copy left from an earlier pull must not pass for this one.
  await deps.fs.remove(pulled).catch(() => undefined);
  const result = await deps.run(peer.pullArgv, { signal, deadlineMs: Math.ceil(left), ...(as === undefined ? {} : { as }) });
  return result.exitCode === 0 ? undefined : pullFailure(peer, result, waitMs);
}

/**
 * Pulls from each peer in turn until one answers, while time is left; `signal` stops the one running.
 * A round in which no peer answered is tried again after PULL_RETRY_MS: at a cold start both routers
 * boot together, and the peer's sshd may come up a moment after this node asks. A refusal or rsync's
 * own failure is an answer, and ends the wait.
 */
async function pullFromPeers(file: LeaseFilePlan, until: number, waitMs: number, signal: AbortSignal, deps: FetchDeps): Promise<{ peer?: string; failures: PullFailure[] }> {
  const { clock, fs } = deps;
  const { pulled, dir } = inboxPaths(file.live);
  let as: RunAs | undefined;
  try {
    await fs.ensureDir(dir);
  } catch (error) {
    return failAll(file, `the inbox ${dir} could not be created: ${errorMessage(error)}`);
  }
  try {
    // A root promoter pulls as the user the syncer runs as (ROUTERD_SSH_USER): its ssh key and sockets.
    as = await fs.pullUser();
  } catch (error) {
    return failAll(file, errorMessage(error));
  }
  for (;;) {
    const failures: PullFailure[] = [];
    for (const peer of file.peers) {
      const left = until - clock.monotonic();
      if (signal.aborted || left <= 0) {
        failures.push({ peer: peer.name, reason: 'PeerNotAnswering', text: `${peer.name} was not asked: the ${formatDuration(waitMs)} settle had passed` });
        continue;
      }
      const failure = await pullOnce(peer, pulled, as, left, waitMs, signal, deps);
      if (failure === undefined) return { peer: peer.name, failures };
      failures.push(failure);
    }
    const left = until - clock.monotonic();
    if (signal.aborted || left <= PULL_RETRY_MS || failures.some((f) => f.reason !== 'PeerNotAnswering')) return { failures };
    await sleep(clock, PULL_RETRY_MS, signal);
  }
}

async function fetchFile(file: LeaseFilePlan, until: number, waitMs: number, signal: AbortSignal, deps: FetchDeps): Promise<Fetched> {
  const { clock, fs } = deps;
  const { dir } = inboxPaths(file.live);
  // Watched before the first look, so that a handback landing between the look and the wait wakes it.
  await fs.ensureDir(dir).catch(() => undefined);
  const inbox = inboxWakeups(fs, dir);
  try {
    const came = async () => (await handbackWaiting(fs, file.live)) || ((await deps.handbackMerged?.(file.live)) ?? false);
    // A handback that already waits (or that the receiver merged) is the peer's last file: nothing to pull.
    if (await came()) return { live: file.live, source: 'handback' };
    const stopPull = new AbortController();
    const abort = () => stopPull.abort();
    signal.addEventListener('abort', abort, { once: true });
    const pulling = pullFromPeers(file, until, waitMs, stopPull.signal, deps);
    let handback = false;
    while (!signal.aborted) {
      if (await came()) {
        handback = true;
        break;
      }
      const left = until - clock.monotonic();
      if (left <= 0) break;
      // The poll stays: an inotify event can be lost (a full queue), and some file systems send none.
      await inbox.nap(clock, Math.min(deps.pollMs ?? HANDBACK_POLL_MS, left), signal);
    }
    // The handback came (it is the newer file), or time is up: a pull still running did not answer in time.
    stopPull.abort();
    signal.removeEventListener('abort', abort);
    // With the handback, the stopped pull's end changes nothing and is not waited for: its rsync and ssh
    // take their time to go (about 0.5 s seen on a router), and a copy it still leaves in `pulled` is
    // removed before the next pull.
    if (handback) return { live: file.live, source: 'handback' };
    const pulled = await pulling;
    if (pulled.peer !== undefined) return { live: file.live, source: 'pull', peer: pulled.peer, failures: pulled.failures };
    return { live: file.live, source: 'none', failures: pulled.failures };
  } finally {
    inbox.close();
  }
}

/** Every file's peer copy within `waitMs`; `aborted` when `signal` stopped it (nothing is to be merged then). */
export async function fetchPeerFiles(files: readonly LeaseFilePlan[], waitMs: number, signal: AbortSignal, deps: FetchDeps): Promise<{ files: Fetched[]; aborted: boolean }> {
  const until = deps.clock.monotonic() + waitMs;
  const fetched = await Promise.all(files.map((file) => fetchFile(file, until, waitMs, signal, deps)));
  return { files: fetched, aborted: signal.aborted };
}
