// /usr/bin/<bin>: a sh script that runs the bin's bundle on the system's node, with the Node options
// a long-running agent needs.
import { bundlePath, NODE } from './layout.js';

/**
 * The bins that run as services: those with a unit of their own name (routerd-syncer.service runs
 * routerd-syncer). The others (routerctl, the ssh forced command) run briefly with Node's defaults.
 */
export function agentBins(bins: readonly string[], unitFiles: readonly string[]): Set<string> {
  const units = new Set(unitFiles);
  return new Set(bins.filter((bin) => units.has(`${bin}.service`)));
}

/** The launcher's text: exec replaces the shell, so systemd's main PID and the signals are node's. */
export function launcherScript(bin: string, nodeOptions: readonly string[]): string {
  const argv = [NODE, ...nodeOptions, bundlePath(bin)].join(' ');
  return `#!/bin/sh\n# ${bin}: the bundled command of the routerd-lease-sync package.\nexec ${argv} "$@"\n`;
}
