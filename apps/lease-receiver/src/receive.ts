// One ssh session of the peer's sync key: check the command, run the local rsync server on this
// process's stdin and stdout (the rsync protocol), then apply or hold what arrived, and say what
// happened in ONE line on stderr (formatReceiverReport), which reaches the pushing rsync's stderr.
import { mkdir, rm } from 'node:fs/promises';
import { formatReceiverReport, LeaseLockBusyError, LeaseMergeInputError, applyToLive, withLeaseLock, type ApplyResult, type ReceiverReport } from '@routerd/leases';
import { errorMessage, inboxPaths, type RouterConfig, type RuntimeDirs } from '@routerd/model';
import { splitCommandWords } from './command-words.js';
import { leaseTargets, type LeaseTarget } from './lease-targets.js';
import type { PullSource } from './pull-snapshot.js';
import { ACCEPTED_FORMS, parseRsyncRequest, type RsyncRequest } from './rsync-request.js';
import { servingState, type ServingDeps } from './serving.js';

export interface ReceiverOptions {
  configFile: string;
  dirs: RuntimeDirs;
  /** This node's name, in the texts the peer shows. */
  node: string;
  /** SSH_ORIGINAL_COMMAND; undefined when sshd set none. */
  command: string | undefined;
}

export type RsyncExit = { code: number } | { error: string };

export interface ReceiverDeps extends ServingDeps {
  loadConfig(file: string): Promise<RouterConfig>;
  /** Runs `rsync` with this argv (argv[0] is "rsync"), on this process's stdin, stdout and stderr. */
  runRsync(argv: readonly string[]): Promise<RsyncExit>;
  pullSource(live: string, whole: boolean): Promise<PullSource>;
  /** Milliseconds since the epoch. */
  now(): number;
  stderr: { write(text: string): unknown };
  lockWaitMs?: number;
}

class Refusal extends Error {
  constructor(readonly report: ReceiverReport & { type: 'refused' }) {
    super(report.text);
  }
}

const refuse = (reason: Extract<ReceiverReport, { type: 'refused' }>['reason'], text: string) => new Refusal({ type: 'refused', reason, text });

function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function configProblem(file: string, error: unknown): string {
  const lines = (error as { lines?: unknown }).lines;
  if (Array.isArray(lines) && lines.length > 0) {
    return `invalid configuration file ${file}: ${String(lines[0])}${lines.length > 1 ? ` (and ${lines.length - 1} more)` : ''}`;
  }
  return errorMessage(error);
}

function readRequest(command: string | undefined): RsyncRequest {
  const found = command === undefined || command.trim() === '' ? 'no command (an interactive login, or ssh without a command)' : JSON.stringify(clip(command));
  if (command === undefined || command.trim() === '') throw refuse('BadCommand', `expected ${ACCEPTED_FORMS}, found ${found}`);
  const words = splitCommandWords(command);
  if (!words.ok) throw refuse('BadCommand', `expected ${ACCEPTED_FORMS}, found ${found}: ${words.problem}`);
  const parsed = parseRsyncRequest(words.words);
  if (!parsed.ok) throw refuse('BadCommand', `expected ${ACCEPTED_FORMS}, found ${found}: ${parsed.problem}`);
  return parsed.request;
}

async function targetOf(options: ReceiverOptions, deps: ReceiverDeps, request: RsyncRequest): Promise<{ config: RouterConfig; target: LeaseTarget }> {
  let config: RouterConfig;
  let targets: Map<string, LeaseTarget>;
  try {
    config = await deps.loadConfig(options.configFile);
    targets = leaseTargets(config, options.dirs);
  } catch (error) {
    throw refuse('Failed', configProblem(options.configFile, error));
  }
  const target = targets.get(request.path);
  if (target === undefined) {
    const shown = request.kind === 'handback' ? `the handback of ${JSON.stringify(request.path)}` : JSON.stringify(request.path);
    const accepted = [...targets.keys()];
    const list = accepted.length === 0 ? `none: ${options.configFile} has no lease sync` : `${accepted.join(', ')} (a handback: the same with the handback suffix)`;
    throw refuse('UnknownPath', `${shown} is not a lease path of ${options.configFile}; accepted: ${list}`);
  }
  return { config, target };
}

function merged(result: ApplyResult): ReceiverReport {
  return { type: 'merged', leases: result.leases, taken: result.taken, kept: result.kept, changed: result.changed, conflicts: [...result.conflicts], conflictCount: result.conflicts.length };
}

/** Applies `from` to live under the lease lock; a bad file or a busy lock is a refusal that says where the file waits. */
async function apply(target: LeaseTarget, from: string, deps: ReceiverDeps, after?: () => Promise<void>): Promise<ReceiverReport> {
  const delivery = target.whole ? 'replace' : target.delivery;
  const lockOptions = deps.lockWaitMs === undefined ? {} : { waitMs: deps.lockWaitMs };
  try {
    return merged(
      await withLeaseLock(
        target.path,
        async () => {
          const result = await applyToLive({ live: target.path, from, now: Math.floor(deps.now() / 1000), delivery });
          await after?.();
          return result;
        },
        lockOptions,
      ),
    );
  } catch (error) {
    if (error instanceof LeaseLockBusyError) throw refuse('Busy', `${error.message}; the file is kept in ${from}`);
    if (error instanceof LeaseMergeInputError) throw refuse('Failed', `${error.message}; live untouched, the file is kept in ${from}`);
    throw refuse('Failed', `cannot apply ${from} to ${target.path}: ${errorMessage(error)}`);
  }
}

async function runRsync(deps: ReceiverDeps, argv: string[]): Promise<number | undefined> {
  const exit = await deps.runRsync(argv);
  if ('error' in exit) throw refuse('Failed', `cannot run rsync: ${exit.error}`);
  // rsync failed: it has told the peer over its own protocol; there is nothing of ours to report.
  return exit.code === 0 ? undefined : exit.code;
}

async function pull(request: RsyncRequest, target: LeaseTarget, deps: ReceiverDeps): Promise<number> {
  const source = await deps.pullSource(target.path, target.whole);
  if (source.kind === 'failed') throw refuse('Failed', `cannot send ${target.path}: ${source.why}`);
  const path = source.kind === 'file' ? source.path : target.path;
  try {
    return (await runRsync(deps, ['rsync', '--server', '--sender', ...request.options, '.', path])) ?? 0;
  } finally {
    if (source.kind === 'file') await source.cleanup();
  }
}

async function receiveFile(options: ReceiverOptions, deps: ReceiverDeps, request: RsyncRequest, config: RouterConfig, target: LeaseTarget): Promise<number> {
  const paths = inboxPaths(target.path);
  const dest = request.kind === 'handback' ? paths.handback : paths.incoming;
  try {
    await mkdir(paths.dir, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw refuse('Failed', `cannot create the inbox ${paths.dir}: ${errorMessage(error)}`);
  }
  const failed = await runRsync(deps, ['rsync', '--server', ...request.options, '.', dest]);
  if (failed !== undefined) return failed;

  let report: ReceiverReport;
  if (request.kind === 'push' && target.delivery === 'replace') {
    report = await apply(target, dest, deps);
  } else {
    const serving = await servingState(config, target, deps);
    if (request.kind === 'push' && serving.state === 'serving') {
      throw refuse('SplitBrain', `${options.node} serves ${target.path}: ${serving.why}; the push is kept in ${dest}`);
    }
    if (request.kind === 'push' && serving.state === 'unknown') {
      throw refuse('Failed', `cannot tell whether ${options.node} serves ${target.path}: ${serving.why}; the push is kept in ${dest}`);
    }
    if (request.kind === 'handback' && serving.state !== 'idle') {
      const why = serving.state === 'serving' ? `${options.node} serves ${target.path}: ${serving.why}` : `cannot tell whether ${options.node} serves ${target.path}: ${serving.why}`;
      report = { type: 'held', text: `${why}; the handback waits in ${dest} for its promoter` };
    } else {
      report = await apply(target, dest, deps, request.kind === 'handback' ? () => rm(dest, { force: true }) : undefined);
    }
  }
  deps.stderr.write(formatReceiverReport(report));
  return 0;
}

/** The whole session; resolves with the exit code (0 merged or held, 1 refused, rsync's own when rsync failed). */
export async function receive(options: ReceiverOptions, deps: ReceiverDeps): Promise<number> {
  try {
    const request = readRequest(options.command);
    const { config, target } = await targetOf(options, deps, request);
    if (request.kind === 'pull') return await pull(request, target, deps);
    return await receiveFile(options, deps, request, config, target);
  } catch (error) {
    const report = error instanceof Refusal ? error.report : ({ type: 'refused', reason: 'Failed', text: errorMessage(error) } as const);
    deps.stderr.write(formatReceiverReport(report));
    return 1;
  }
}
