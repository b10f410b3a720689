// Test doubles for the machine and the promoter: a clock advanced by hand, an exec that records
// argv and answers as told (at once, or when the test releases it), a logger that keeps its lines.
import { createLogger, type Clock, type CommandResult, type Logger, type RunCommand, type RunOptions } from '@routerd/agent';

/** The fake wall clock's start. */
export const T0 = Date.parse('2024-05-01T12:00:00.000Z');
/** The fake monotonic clock's start: an origin of its own, as performance.now has, so a mix-up shows. */
export const M0 = 50_000;

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

export interface FakeClock extends Clock {
  /** Lets `ms` pass (both clocks move), firing due timers in order and letting their promises settle. */
  advance(ms: number): Promise<void>;
  /** Steps the wall clock alone (NTP, an operator), as the monotonic clock and the timers never are. */
  stepWall(ms: number): void;
  /**
   * From now on timers fire up to `ms` before they are due, though never within 1 ms of being set, as
   * Node's do: it counts them from its event loop's cached time, which lags while a tick runs.
   */
  fireEarly(ms: number): void;
  pending(): number;
}

export function fakeClock(start = T0, monotonicStart = M0): FakeClock {
  let mono = monotonicStart;
  let wallOffset = start - monotonicStart;
  let seq = 0;
  let early = 0;
  const timers: { at: number; seq: number; fn: () => void }[] = [];
  return {
    monotonic: () => mono,
    wall: () => mono + wallOffset,
    setTimeout(fn, ms) {
      const delay = Math.max(0, ms);
      const timer = { at: mono + Math.max(Math.min(delay, 1), delay - early), seq: (seq += 1), fn };
      timers.push(timer);
      return () => {
        const index = timers.indexOf(timer);
        if (index !== -1) timers.splice(index, 1);
      };
    },
    async advance(ms) {
      const target = mono + ms;
      await flush();
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers[0];
        if (next === undefined || next.at > target) break;
        timers.shift();
        mono = next.at;
        next.fn();
        await flush();
      }
      mono = target;
      await flush();
    },
    stepWall(ms) {
      wallOffset += ms;
    },
    fireEarly(ms) {
      early = ms;
    },
    pending: () => timers.length,
  };
}

export interface ExecCall {
  argv: string[];
  options: RunOptions;
  /** Ends a held call with this exit code (undefined: could not run). */
  finish(exitCode: number | undefined, output?: string): void;
  done: boolean;
}

/** An exit code (undefined: could not run), one with what the command printed, or 'hold': wait for finish() or the abort. */
export type Answer = number | undefined | { exitCode: number | undefined; output: string } | 'hold';

export interface FakeExec {
  run: RunCommand;
  calls: ExecCall[];
  /** Argv of every call, joined with spaces. */
  lines(): string[];
  /** How many calls have not finished. */
  inFlight(): number;
  /** The answer per call when not held; default exit 0. */
  answer: (argv: readonly string[]) => Answer;
  /** When true, calls wait for finish(). */
  hold: boolean;
}

export function fakeExec(): FakeExec {
  const exec: FakeExec = {
    calls: [],
    answer: () => 0,
    hold: false,
    lines: () => exec.calls.map((c) => c.argv.join(' ')),
    inFlight: () => exec.calls.filter((c) => !c.done).length,
    run: (argv, options) =>
      new Promise<CommandResult>((resolve) => {
        const call: ExecCall = {
          argv: [...argv],
          options,
          done: false,
          finish(exitCode, output = '') {
            if (call.done) return;
            call.done = true;
            resolve({
              exitCode,
              output,
              durationMs: 5,
              timedOut: false,
              aborted: options.signal.aborted,
              ...(exitCode === undefined ? { error: 'spawn ENOENT' } : {}),
            });
          },
        };
        exec.calls.push(call);
        options.signal.addEventListener('abort', () => call.finish(undefined), { once: true });
        if (exec.hold) return;
        const answer = exec.answer(argv);
        if (answer === 'hold') return;
        if (typeof answer === 'object') call.finish(answer.exitCode, answer.output);
        else call.finish(answer);
      }),
  };
  return exec;
}

/**
 * Makes `exec` play a DHCP server: a program named start… runs it, stop… ends it, check… exits 0
 * while it runs and 3 while not; anything else exits 0. The server starts stopped.
 */
export function playServer(exec: FakeExec): { running: boolean } {
  const server = { running: false };
  exec.answer = ([program = '']) => {
    if (program.startsWith('start')) server.running = true;
    if (program.startsWith('stop')) server.running = false;
    return program.startsWith('check') && !server.running ? 3 : 0;
  };
  return server;
}

export interface MemoryLog {
  log: Logger;
  messages: (level?: string) => string[];
}

export function memoryLogger(): MemoryLog {
  const raw: string[] = [];
  const log = createLogger({ name: 'dhcp-promoter', node: 'r1', level: 'debug', destination: { write: (line: string) => void raw.push(line) } });
  const lines = () => raw.map((line) => JSON.parse(line) as { level: number | string; msg: string });
  const LEVELS: Record<string, number> = { debug: 20, info: 30, warn: 40, error: 50 };
  return {
    log,
    messages: (wanted) =>
      lines()
        .filter((l) => wanted === undefined || l.level === wanted || l.level === LEVELS[wanted])
        .map((l) => l.msg),
  };
}
