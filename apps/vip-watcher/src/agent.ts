// Wires the vip-watcher's parts for the agent bootstrap: monitor child, notify FIFO, core, roles service.
import type { AgentHandle, StartAgent } from '@routerd/agent';
import { runtimeDirs } from '@routerd/model';
import { createAddressMonitor, type MonitorBackoff } from './address-monitor.js';
import { readAddresses } from './ip-command.js';
import { checkKeepalived } from './keepalived-process.js';
import { createNotifyFifo, type NotifyFifo } from './notify-fifo.js';
import { ipCommandFor, type WatcherOptions } from './options.js';
import { createRoleStore } from './role-store.js';
import { startRolesService } from './roles-service.js';
import { createVipWatcher, type VipWatcher } from './vip-watcher.js';

export interface VipWatcherSettings extends WatcherOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** argv prefix of every `ip` call; default from `netns` (['ip', '-n', NS] watches namespace NS from outside). */
  ipCommand?: readonly string[];
  /** /proc, or a fixture directory in tests. */
  procDir?: string;
  heartbeatMs?: number;
  safetyRereadMs?: number;
  monitorBackoff?: MonitorBackoff;
}

/** The StartAgent runAgent calls: everything started, the handle stops all of it (no child left). */
export function vipWatcherAgent(settings: VipWatcherSettings): StartAgent {
  return async ({ nc, node, config, log }): Promise<AgentHandle> => {
    const { runtimeDir } = runtimeDirs({ ...settings.env });
    const ipCommand = settings.ipCommand ?? ipCommandFor(settings);
    let fifo: NotifyFifo | undefined;
    let ready = false;
    // Changes before the first observation are covered by it.
    const refresh = () => {
      if (ready) void watcher.refresh(true);
    };
    const monitor = createAddressMonitor({
      ipCommand,
      log,
      onChange: refresh,
      onStart: refresh,
      ...(settings.monitorBackoff === undefined ? {} : { backoff: settings.monitorBackoff }),
    });
    const watcher: VipWatcher = createVipWatcher({
      node,
      config,
      log,
      publish: (subject, data) => nc.publish(subject, data),
      readAddresses: () => readAddresses(ipCommand),
      checkKeepalived: () =>
        checkKeepalived({ pidFile: settings.keepalivedPidFile, ...(settings.procDir === undefined ? {} : { procDir: settings.procDir }) }),
      store: createRoleStore(runtimeDir),
      monitorRunning: () => monitor.running,
      onKeepalivedCheck: () => void fifo?.check(),
      ...(settings.heartbeatMs === undefined ? {} : { heartbeatMs: settings.heartbeatMs }),
      ...(settings.safetyRereadMs === undefined ? {} : { safetyRereadMs: settings.safetyRereadMs }),
    });
    if (settings.notifyFifo !== undefined) {
      fifo = createNotifyFifo({ path: settings.notifyFifo, log, onLine: (line) => watcher.handleFifoLine(line) });
    }
    monitor.start();
    fifo?.start();
    try {
      await watcher.start();
      ready = true;
      const service = await startRolesService({ nc, node, log, events: () => watcher.events(), stats: () => ({ ...watcher.counters, monitorRestarts: monitor.restarts }) });
      return {
        reload: (next) => watcher.reload(next),
        async stop() {
          await service.stop();
          fifo?.stop();
          await monitor.stop();
          await watcher.stop();
        },
      };
    } catch (error) {
      fifo?.stop();
      await monitor.stop();
      await watcher.stop();
      throw error;
    }
  };
}
