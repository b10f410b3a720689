// Where the receiver, the promoter and the plan find a lease file's peer copies: an inbox beside the live file, on
// the same filesystem, so that a merged file is renamed into place atomically (docs/lease-safety.md).
import { posix } from 'node:path';
import { SourcePathError } from './paths.js';

/** The suffix a pushing node adds to a lease path to send its last file as a handback (on demotion). */
export const HANDBACK_SUFFIX = '.routerd-handback';
export const INBOX_DIR_NAME = '.routerd-inbox';

export interface InboxPaths {
  /** The live lease file the DHCP server writes. */
  live: string;
  dir: string;
  /** The last push received from the peer; kept when the push was refused. */
  incoming: string;
  /** A demoted peer's last file, waiting for this node's promoter while this node serves. */
  handback: string;
  /** The last peer file merged into live: the merge's base. */
  base: string;
  /** A file pulled from the peer before this node serves (P6). */
  pulled: string;
  /** Held while live is merged, or while the DHCP server is being started. */
  lock: string;
}

export function inboxPaths(live: string): InboxPaths {
  if (!posix.isAbsolute(live) || live.endsWith('/')) {
    throw new SourcePathError(`lease file: expected an absolute path of a file, found ${JSON.stringify(live)}`);
  }
  const dir = posix.join(posix.dirname(live), INBOX_DIR_NAME);
  const name = posix.basename(live);
  const at = (suffix: string) => posix.join(dir, `${name}.${suffix}`);
  return { live, dir, incoming: at('incoming'), handback: at('handback'), base: at('base'), pulled: at('pulled'), lock: at('lock') };
}
