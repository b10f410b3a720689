// The life of an agent: load config, connect, start, reload on SIGHUP, stop on SIGTERM/SIGINT, drain.
import type { EventEmitter } from 'node:events';
import type { RouterConfig, RuntimeDirs } from '@routerd/model';
import type { NatsConnection } from 'nats';
import { createCleanupStack, type CleanupStep } from './cleanup-stack.js';
import { loadConfigFile, type ConfigFileLoader } from './config-file.js';
import { connectNats, type ConnectNatsOptions } from './connect-nats.js';
import type { AgentFlags, FlagValues, NoFlags } from './flags.js';
import type { Logger } from './logger.js';
import type { NatsCredential } from './nats-credential.js';
import type { AgentOptions, Env } from './options.js';
import { createReloader, logConfigFailure, type Reloader } from './reloader.js';
import type { ServiceManager } from './service-manager.js';
import { within } from './within.js';
import { errorMessage } from '@routerd/model';

export const STOP_TIMEOUT_MS = 10_000;
export const DRAIN_TIMEOUT_MS = 5_000;
/**
 * The exit code of what only the operator can fix: a usage error, an unreadable credential, an invalid
 * configuration at start. The units say RestartPreventExitStatus=2: restarting would fail the same way.
 */
export const EXIT_OPERATOR_FIX = 2;

export interface AgentContext<F extends AgentFlags = NoFlags> {
  name: string;
  node: string;
  nc: NatsConnection;
  config: RouterConfig;
  log: Logger;
  options: AgentOptions;
  /** The agent's own flags, declared in its AgentDefinition, parsed with the common ones. */
  flags: FlagValues<F>;
  /** The environment the bootstrap read; an agent reads this, never process.env. */
  env: Env;
  /** ROUTERD_STATE_DIR and ROUTERD_RUNTIME_DIR, checked, or their defaults. */
  dirs: RuntimeDirs;
  /**
   * Registers how to stop a part just started. The bootstrap runs the steps last first: at SIGTERM (after the
   * handle's own stop), or at once when start throws, so that a failed start leaves nothing running.
   */
  defer: (step: CleanupStep) => void;
}

export interface AgentHandle {
  /** Applies a new, valid configuration. */
  reload(config: RouterConfig): Promise<void>;
  /** Stops what start did not defer; runs before the deferred steps. The bootstrap drains the connection afterwards. */
  stop?(): Promise<void>;
  /**
   * Called once the connection has drained: resolves when the agent's subscription loops have handled what the
   * drain delivered (nats.js ends an iterator after its queued messages; drain() does not wait for them).
   */
  drained?(): Promise<void>;
}

export type StartAgent<F extends AgentFlags = NoFlags> = (context: AgentContext<F>) => Promise<AgentHandle> | AgentHandle;

/** Where SIGHUP, SIGTERM and SIGINT come from: `process` in production, an EventEmitter in tests. */
export type SignalSource = Pick<EventEmitter, 'on' | 'off'>;

export interface RunAgentOptions<F extends AgentFlags = NoFlags> {
  name: string;
  options: AgentOptions;
  flags: FlagValues<F>;
  env: Env;
  dirs: RuntimeDirs;
  log: Logger;
  start: StartAgent<F>;
  /** The identity it connects as (read from options.natsCreds by agentMain). */
  credential?: NatsCredential | undefined;
  signals?: SignalSource;
  loadConfig?: ConfigFileLoader;
  connect?: (options: ConnectNatsOptions) => Promise<NatsConnection>;
  stopTimeoutMs?: number;
  drainTimeoutMs?: number;
  /** systemd, when it asked for notifications (createServiceManager): told READY, STOPPING, and fed the watchdog. */
  serviceManager?: ServiceManager | undefined;
}

/** Runs an agent until SIGTERM/SIGINT; resolves with the process exit code (0 clean, 1 failed, 2 invalid configuration at start). */
export async function runAgent<F extends AgentFlags = NoFlags>(run: RunAgentOptions<F>): Promise<number> {
  const { name, options, flags, env, dirs, log, start } = run;
  const stopTimeoutMs = run.stopTimeoutMs ?? STOP_TIMEOUT_MS;
  const signals = run.signals ?? process;
  const loadConfig = run.loadConfig ?? loadConfigFile;
  const connect = run.connect ?? connectNats;
  const manager = run.serviceManager;

  let requestStop: (signal: string) => void = () => {};
  const stopRequested = new Promise<string>((resolve) => {
    requestStop = resolve;
  });
  let stopping = false;
  let reloader: Reloader | undefined;
  let hupBeforeStart = false;
  const onStop = (signal: string) => {
    if (stopping) return void log.warn({ signal }, `${signal} again: already stopping`);
    stopping = true;
    reloader?.close();
    log.info({ signal }, `${signal}: stopping`);
    void manager?.stopping();
    requestStop(signal);
  };
  const onTerm = () => onStop('SIGTERM');
  const onInt = () => onStop('SIGINT');
  const onHup = () => {
    if (stopping) return;
    if (reloader !== undefined) return reloader.request();
    hupBeforeStart = true;
    log.info('SIGHUP before the agent started: reloading once it has');
  };
  signals.on('SIGTERM', onTerm);
  signals.on('SIGINT', onInt);
  signals.on('SIGHUP', onHup);
  // From the start: connecting may take as long as the bus is down, and TimeoutStartSec, not the watchdog, bounds that.
  const stopWatchdog = manager?.startWatchdog() ?? (() => {});

  try {
    let config: RouterConfig;
    try {
      const loaded = await loadConfig(options.config);
      for (const warning of loaded.warnings) log.warn({ file: options.config }, warning);
      config = loaded.config;
    } catch (error) {
      logConfigFailure(log, error, 'not starting');
      return EXIT_OPERATOR_FIX;
    }
    log.info({ file: options.config, resources: config.resources.length }, 'configuration loaded');

    const connecting = connect({ servers: options.nats, name: `${name}@${options.node}`, log, credential: run.credential, serverName: options.natsServerName });
    const first = await Promise.race([connecting.then((nc) => ({ nc })), stopRequested.then(() => undefined)]);
    if (first === undefined) {
      log.info('stopped before NATS was reachable');
      void connecting.then((nc) => nc.close()).catch(() => {});
      return 0;
    }
    const { nc } = first;

    const steps = createCleanupStack();
    let handle: AgentHandle;
    try {
      handle = await start({ name, node: options.node, nc, config, log, options, flags, env, dirs, defer: steps.defer });
    } catch (error) {
      try {
        await within(steps.unwind(), stopTimeoutMs, `stopping what ${name} started`);
      } catch (unwindError) {
        log.error({ err: unwindError }, `stopping what ${name} started failed: ${errorMessage(unwindError)}`);
      }
      await nc.close();
      throw error;
    }
    steps.defer(() => handle.stop?.());
    log.info(`${name} started`);
    reloader = createReloader({ path: options.config, loadConfig, apply: (next) => handle.reload(next), log });
    if (stopping) reloader.close();
    else if (hupBeforeStart) reloader.request();
    if (manager !== undefined && !stopping) void reportReady(nc, manager, name, log);

    const why = await Promise.race([stopRequested.then(() => undefined), nc.closed().then((error) => ({ error }))]);
    stopping = true;
    reloader.close();
    let code = 0;
    if (why !== undefined) {
      log.error({ err: why.error }, 'NATS connection closed unexpectedly; stopping');
      code = 1;
    }

    try {
      await within(
        reloader.idle().then(() => steps.unwind()),
        stopTimeoutMs,
        `stopping ${name}`,
      );
      log.info(`${name} stopped`);
    } catch (error) {
      log.error({ err: error }, `stopping ${name} failed: ${errorMessage(error)}`);
      code = 1;
    }

    if (!nc.isClosed()) {
      try {
        await within(
          nc.drain().then(() => handle.drained?.()),
          run.drainTimeoutMs ?? DRAIN_TIMEOUT_MS,
          'draining the NATS connection',
        );
        log.info('NATS connection drained');
      } catch (error) {
        log.error({ err: error }, `${errorMessage(error)}; closing`);
        if (!nc.isClosed()) await nc.close();
        code = 1;
      }
    }
    return code;
  } finally {
    stopWatchdog();
    signals.off('SIGTERM', onTerm);
    signals.off('SIGINT', onInt);
    signals.off('SIGHUP', onHup);
  }
}

/**
 * READY=1 once the agent's NATS service answers: start() has added it, and the flush's PONG proves the server
 * has processed its subscriptions, so a request sent now is answered.
 */
async function reportReady(nc: NatsConnection, manager: ServiceManager, name: string, log: Logger): Promise<void> {
  try {
    await nc.flush();
  } catch (error) {
    log.warn({ err: error }, `not telling systemd ${name} is ready: the NATS flush failed: ${errorMessage(error)}`);
    return;
  }
  if (await manager.ready(`${name}: serving on NATS`)) log.info('told systemd: ready');
}
