// Wires the vip-watcher's parts for the agent bootstrap: monitor child, notify FIFO, core, roles service.
import type { AgentHandle, StartAgent } from '@routerd/agent';
import { createAddressMonitor, type MonitorBackoff } from './address-monitor.js';
import { createAddressReader } from './address-reader.js';
import { checkKeepalived } from './keepalived-process.js';
import { createNotifyFifo, type NotifyFifo } from './notify-fifo.js';
import { ipCommandFor, type VipWatcherFlags } from './options.js';
import { createRoleStore } from './role-store.js';
import { startRolesService } from './roles-service.js';
import { createVipWatcher, type VipWatcher } from './vip-watcher.js';

export const AGENT_NAME = 'routerd-vip-watcher';

/** What tests change; the flags (--notify-fifo, --keepalived-pidfile, --netns) come in the context. */
export interface VipWatcherSettings {
  /** argv prefix of every `ip` call; default from --netns (['ip', '-n', NS] watches namespace NS from outside). */
  ipCommand?: readonly string[];
  /** /proc, or a fixture directory in tests. */
  procDir?: string;
  heartbeatMs?: number;
  fifoCheckMs?: number;
  monitorBackoff?: MonitorBackoff;
}

/** The StartAgent runAgent calls: each part's stop is deferred as it starts, so that no child is left. */
export function vipWatcherAgent(settings: VipWatcherSettings = {}): StartAgent<VipWatcherFlags> {
  return async ({ nc, node, config, log, flags, dirs, defer }): Promise<AgentHandle> => {
    const ipCommand = settings.ipCommand ?? ipCommandFor(flags.netns);
    const notifyFifo = flags['notify-fifo'];
    let fifo: NotifyFifo | undefined;
    let ready = false;
    // Changes before the first observation are covered by it.
    const refresh = () => {
      if (ready) void watcher.refresh(true);
    };
    // One `ip -j -batch -` answers every read; stopped after the watcher, whose last read it may answer.
    const reader = createAddressReader({ ipCommand, ...(flags.netns === undefined ? {} : { netns: flags.netns }) });
    defer(() => reader.stop());
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
      readAddresses: () => reader.read(),
      checkKeepalived: () =>
        checkKeepalived({ pidFile: flags['keepalived-pidfile'], ...(settings.procDir === undefined ? {} : { procDir: settings.procDir }) }),
      store: createRoleStore(dirs.runtimeDir),
      onKeepalivedCheck: () => void fifo?.check(),
      ...(settings.heartbeatMs === undefined ? {} : { heartbeatMs: settings.heartbeatMs }),
      ...(settings.fifoCheckMs === undefined ? {} : { fifoCheckMs: settings.fifoCheckMs }),
    });
    // Stopped last: the monitor and the FIFO feed it.
    defer(() => watcher.stop());
    monitor.start();
    defer(() => monitor.stop());
    if (notifyFifo !== undefined) {
      const started = createNotifyFifo({ path: notifyFifo, log, onLine: (line) => watcher.handleFifoLine(line) });
      fifo = started;
      started.start();
      defer(() => started.stop());
    }
    await watcher.start();
    ready = true;
    const service = await startRolesService({ nc, node, log, events: () => watcher.events(), stats: () => ({ ...watcher.counters, monitorRestarts: monitor.restarts }) });
    defer(() => service.stop());
    return { reload: (next) => watcher.reload(next) };
  };
}
