// One handback per (source file, target) per demotion. Two syncs of one file to one peer (a DHCPv4
// and a DHCPv6 sync of the same dnsmasq file) would otherwise each hand it back, and the second,
// landing after the new master serves, makes its promoter stop DHCP for a needless heal.
// The syncer makes one registry and gives it to every controller.

/** Where a handback goes: the source file, the target's ssh command (its port, user, options) and `[user@]host:inbox path`. */
export type HandbackKey = string;

/** Two targets that differ in any of these are two places (two sshd on one host, say): each gets its own. */
export function handbackKey(sourcePath: string, sshCommand: string, handbackDestination: string): HandbackKey {
  return JSON.stringify([sourcePath, sshCommand, handbackDestination]);
}

/** One sync's demotion, waiting to hand back or handing back: a fresh object per demotion. */
export interface HandbackTurn {
  sync: string;
  keys: readonly HandbackKey[];
  /** True when this sync's DHCP server reports Stopped (or none covers its source). */
  serverStopped(): boolean;
}

/** A handback sent by `sync`; `delivered` resolves true once the peer has it, false if it failed. */
export interface HandbackSend {
  sync: string;
  delivered: Promise<boolean>;
}

export type Claim = { kind: 'mine'; settle(delivered: boolean): void } | { kind: 'theirs'; send: HandbackSend };

interface Entry {
  send: HandbackSend;
  /** The turns this send stands for: its own, and every other one whose server had stopped when it was claimed. */
  covers: Set<HandbackTurn>;
}

export class HandbackRegistry {
  private readonly turns = new Set<HandbackTurn>();
  private readonly entries = new Map<HandbackKey, Entry>();

  /** A demotion began. */
  enter(turn: HandbackTurn): void {
    this.turns.add(turn);
  }

  /** The demotion's handback is done, or moot (the gate opened again, the syncer stops). */
  leave(turn: HandbackTurn): void {
    this.turns.delete(turn);
  }

  /** This node serves again: the next demotion of this sync hands back again. */
  reset(sync: string): void {
    for (const [key, entry] of this.entries) if (entry.send.sync === sync) this.entries.delete(key);
  }

  /**
   * Called by `turn` at its send point, before it reads the file. `mine`: it sends, and the send
   * stands for every other turn of the key whose server has stopped now (P5: the file it reads is
   * read after their server stopped too). `theirs`: a send already stands for this turn; if that
   * one fails, its entry is gone and the caller claims again (the handback must not be lost).
   */
  claim(turn: HandbackTurn, key: HandbackKey): Claim {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.covers.has(turn)) return { kind: 'theirs', send: entry.send };
    let settle!: (delivered: boolean) => void;
    const delivered = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    const covers = new Set([turn]);
    for (const other of this.turns) if (other !== turn && other.keys.includes(key) && other.serverStopped()) covers.add(other);
    const mine: Entry = { send: { sync: turn.sync, delivered }, covers };
    this.entries.set(key, mine);
    let settled = false;
    return {
      kind: 'mine',
      // The first outcome counts: a later call (the sender's cleanup) changes nothing.
      settle: (ok) => {
        if (settled) return;
        settled = true;
        if (!ok && this.entries.get(key) === mine) this.entries.delete(key);
        settle(ok);
      },
    };
  }
}
