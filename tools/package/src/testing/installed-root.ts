// Runs a command as if the package and Debian's nodejs were installed: in a mount namespace of its own,
// an overlay puts their unpacked usr/ trees over the host's /usr. The host's files stay untouched.
import { PackageInputError } from '../errors.js';

/**
 * The argv that runs `argv` with `layers` (folders holding a usr/, the first on top) over /usr. As
 * unshare and sh exec, the PID of the spawned process ends up being the command's. Needs root.
 */
export function overUsr(layers: readonly string[], argv: readonly string[]): string[] {
  for (const layer of layers) {
    if (/[:,\s]/.test(layer)) throw new PackageInputError(`overlay layer ${JSON.stringify(layer)}: expected a path without ":", "," or spaces (mount's lowerdir syntax), found one`);
  }
  const lowerdir = [...layers.map((layer) => `${layer}/usr`), '/usr'].join(':');
  return ['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', 'mount -t overlay overlay -o "lowerdir=$1" /usr && shift && exec "$@"', 'sh', lowerdir, ...argv];
}
