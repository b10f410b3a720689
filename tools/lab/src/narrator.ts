// The demo's narration: one readable line per step, with the time since the run began.

export interface Narrator {
  say(text: string): void;
  step(text: string): void;
}

export function createNarrator(write: (line: string) => void, now: () => number = Date.now): Narrator {
  const start = now();
  const stamp = () => `[${((now() - start) / 1000).toFixed(1).padStart(6)} s]`;
  return {
    say: (text) => write(`${stamp()}   ${text}\n`),
    step: (text) => write(`${stamp()} ▶ ${text}\n`),
  };
}

export const silentNarrator: Narrator = { say: () => undefined, step: () => undefined };
