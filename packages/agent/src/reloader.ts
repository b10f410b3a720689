// SIGHUP reloads, one at a time: signals that arrive during a reload fold into one more.
import { ConfigError, errorMessage, type RouterConfig } from '@routerd/model';
import type { ConfigFileLoader } from './config-file.js';
import type { Logger } from './logger.js';

export interface ReloaderOptions {
  path: string;
  loadConfig: ConfigFileLoader;
  /** Applies a valid configuration (the agent's reload). */
  apply: (config: RouterConfig) => Promise<void>;
  log: Logger;
}

export interface Reloader {
  /** Asks for a reload; runs now, or after the one in progress. */
  request(): void;
  /** Resolves when no reload is running (used before stopping). */
  idle(): Promise<void>;
  /** No more reloads after this. */
  close(): void;
}

/** Logs a configuration that could not be loaded: one line per diagnostic, then the consequence. */
export function logConfigFailure(log: Logger, error: unknown, consequence: string): void {
  if (error instanceof ConfigError) {
    for (const line of error.lines) log.error({ file: error.file }, line);
    log.error({ file: error.file, diagnostics: error.lines.length }, `invalid configuration; ${consequence}`);
  } else {
    log.error({ err: error }, `${errorMessage(error)}; ${consequence}`);
  }
}

export function createReloader({ path, loadConfig, apply, log }: ReloaderOptions): Reloader {
  let pending = 0;
  let running: Promise<void> | undefined;
  let closed = false;

  const once = async (): Promise<void> => {
    log.info({ file: path }, 'SIGHUP: reloading configuration');
    let next: RouterConfig;
    try {
      const loaded = await loadConfig(path);
      for (const warning of loaded.warnings) log.warn({ file: path }, warning);
      next = loaded.config;
    } catch (error) {
      logConfigFailure(log, error, 'keeping the previous configuration');
      return;
    }
    try {
      await apply(next);
      log.info({ resources: next.resources.length }, 'configuration reloaded');
    } catch (error) {
      log.error({ err: error }, 'the agent failed to apply the new configuration');
    }
  };

  const drainQueue = async (): Promise<void> => {
    while (pending > 0 && !closed) {
      pending = 0;
      await once();
    }
  };

  const start = (): void => {
    running = drainQueue().finally(() => {
      running = undefined;
      if (pending > 0 && !closed) start();
    });
  };

  return {
    request() {
      if (closed) return;
      pending += 1;
      if (running === undefined) start();
    },
    idle() {
      return running ?? Promise.resolve();
    },
    close() {
      closed = true;
    },
  };
}
