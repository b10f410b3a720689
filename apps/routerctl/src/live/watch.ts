// `get --watch`: the agent's list first, then each change its status subjects carry, the table
// redrawn (or, for json and yaml, the changed object printed) until SIGINT or SIGTERM.
import { busEventSchema, checkMeaning, decode } from '@routerd/bus';
import { stringify } from 'yaml';
import { EXIT_OK } from '../exit-codes.js';
import type { Io } from '../io.js';
import { formatBadLine } from '../output/event-line.js';
import type { OutputFormat } from '../output/formats.js';
import type { LiveConnection, LiveDeps } from './deps.js';
import { NatsUnreachableError } from './errors.js';
import type { GetView, Listed } from './get-views.js';

/** Clears a terminal and puts the cursor home, so the table is redrawn in place. */
const CLEAR = '\x1b[H\x1b[2J';

export interface WatchSettings {
  url: string;
  node: string;
  timeoutMs: number;
  format: OutputFormat;
}

/** What an item says, without the fields every heartbeat changes: equal means nothing changed. */
function meaning(item: Listed): string {
  const { observedAt: _observedAt, seq: _seq, ...rest } = item as Listed & { seq?: number };
  return JSON.stringify(rest);
}

function newer(item: Listed, than: Listed | undefined): boolean {
  return than === undefined || Date.parse(item.observedAt) >= Date.parse(than.observedAt);
}

class Screen<T extends Listed> {
  private last = '';

  constructor(
    private readonly io: Io,
    private readonly view: GetView<T>,
    private readonly format: OutputFormat,
    private readonly now: () => number,
  ) {}

  /** Table formats redraw everything; json and yaml print the objects that changed, one document each. */
  draw(items: ReadonlyMap<string, T>, changed: readonly T[]): void {
    if (this.format === 'json') for (const item of changed) this.io.stdout.write(`${JSON.stringify(item)}\n`);
    else if (this.format === 'yaml') for (const item of changed) this.io.stdout.write(`---\n${stringify(item, { lineWidth: 0 })}`);
    else {
      const text = this.view.table([...items.values()], this.now(), this.format === 'wide');
      const tty = this.io.stdout.isTTY === true;
      this.io.stdout.write(tty ? `${CLEAR}${text}` : `${this.last === '' ? '' : '\n'}${text}`);
      this.last = text;
    }
  }
}

/** Watches until interrupted (exit 0); a lost connection is NatsUnreachableError (exit 3). */
export async function watchView<T extends Listed>(nc: LiveConnection, view: GetView<T>, settings: WatchSettings, io: Io, deps: Pick<LiveDeps, 'interrupt' | 'now'>): Promise<number> {
  const subject = view.subject(settings.node);
  // Subscribed before the list is asked for, so no change falls between the two.
  const sub = nc.subscribe(subject);
  const interrupt = deps.interrupt();
  let draining: Promise<void> | undefined;
  void interrupt.promise.then(() => {
    draining = nc.drain().catch(() => undefined);
  });
  try {
    await nc.flush();
    const items = new Map<string, T>();
    const listed = await view.fetch(nc, settings);
    for (const item of listed) items.set(view.key(item), item);
    const screen = new Screen(io, view, settings.format, deps.now);
    screen.draw(items, listed);
    io.stderr.write(`watching ${subject} on ${settings.url}; Ctrl-C stops\n`);
    for await (const msg of sub) {
      const decoded = decode(busEventSchema, msg.data, msg.subject);
      const problem = decoded.ok ? checkMeaning(msg.subject, decoded.value) : decoded.error;
      if (!decoded.ok || problem !== undefined) {
        io.stderr.write(`${formatBadLine(msg.subject, problem?.message ?? 'bad message', deps.now())}\n`);
        continue;
      }
      const item = view.pick(decoded.value);
      if (item === undefined) continue;
      const key = view.key(item);
      const before = items.get(key);
      if (!newer(item, before)) continue;
      items.set(key, item);
      if (before === undefined || meaning(before) !== meaning(item)) screen.draw(items, [item]);
    }
    if (draining !== undefined) {
      await draining;
      return EXIT_OK;
    }
    throw new NatsUnreachableError(`lost the connection to NATS at ${settings.url} while watching ${subject}`);
  } catch (error) {
    // Interrupted while the list was still being asked for: the drain closed the connection under it.
    if (draining === undefined) throw error;
    await draining;
    return EXIT_OK;
  } finally {
    interrupt.dispose();
  }
}
