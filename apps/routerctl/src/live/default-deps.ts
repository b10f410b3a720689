// The real world for the live commands: nats.js, the system clock, os.hostname() and SIGINT/SIGTERM.
import { hostname } from 'node:os';
import { connect } from 'nats';
import type { Interrupt, LiveDeps } from './deps.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function processInterrupt(): Interrupt {
  let dispose = (): void => undefined;
  const promise = new Promise<string>((resolve) => {
    const handlers = SIGNALS.map((signal) => [signal, () => resolve(signal)] as const);
    for (const [signal, handler] of handlers) process.once(signal, handler);
    dispose = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
  });
  return { promise, dispose: () => dispose() };
}

export const defaultLiveDeps: LiveDeps = {
  connect,
  now: () => Date.now(),
  hostname: () => hostname(),
  interrupt: processInterrupt,
};
