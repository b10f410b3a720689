// keepalived notify FIFO lines: `INSTANCE "<name>" <STATE> <priority>` (GROUP lines for sync groups).

export const FIFO_STATES = ['MASTER', 'BACKUP', 'FAULT', 'STOP', 'DELETED'] as const;
export type FifoState = (typeof FIFO_STATES)[number];

export type FifoLine =
  | { type: 'instance' | 'group'; name: string; state: FifoState; priority: number }
  /** A well-formed line about something the role does not depend on (e.g. MASTER_RX_LOWER_PRI). */
  | { type: 'ignored'; line: string; why: string };

export type FifoParseResult = { ok: true; value: FifoLine } | { ok: false; error: string };

const LINE = /^(INSTANCE|GROUP) "([^"]+)" ([A-Z_]+) (\d{1,3})$/;
const INFORMATIONAL = new Set(['MASTER_RX_LOWER_PRI']);

function isFifoState(state: string): state is FifoState {
  return (FIFO_STATES as readonly string[]).includes(state);
}

function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Parses one line; never throws. The error names the expectation and the line found. */
export function parseFifoLine(raw: string): FifoParseResult {
  const line = raw.replace(/\r$/, '');
  const match = LINE.exec(line);
  if (match === null) {
    return { ok: false, error: `keepalived notify FIFO: expected INSTANCE "<name>" <state> <priority>, found ${JSON.stringify(clip(line))}` };
  }
  const [, kind, name = '', state = '', digits = ''] = match;
  const priority = Number(digits);
  if (priority > 255) {
    return { ok: false, error: `keepalived notify FIFO: expected a priority 0-255, found ${digits} in ${JSON.stringify(clip(line))}` };
  }
  if (INFORMATIONAL.has(state)) return { ok: true, value: { type: 'ignored', line, why: `${state} does not change the role` } };
  if (!isFifoState(state)) {
    return { ok: false, error: `keepalived notify FIFO: expected a state of ${FIFO_STATES.join(', ')}, found ${JSON.stringify(state)} in ${JSON.stringify(clip(line))}` };
  }
  return { ok: true, value: { type: kind === 'GROUP' ? 'group' : 'instance', name, state, priority } };
}
