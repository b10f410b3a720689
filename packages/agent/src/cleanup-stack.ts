// The stop steps of an agent, registered as it starts each part and run in reverse, like a DisposableStack.
import { errorMessage } from '@routerd/model';

/** A stop step; what a promise resolves to is ignored (a NATS service's stop resolves to Error | null). */
export type CleanupStep = () => PromiseLike<unknown> | void;

export interface CleanupStack {
  /** Registers how to stop a part just started. */
  readonly defer: (step: CleanupStep) => void;
  /**
   * Runs the registered steps, last first, each once; a step that fails does not keep the others from running.
   * Rejects with the failure (an AggregateError when several failed). A second call waits for the first.
   */
  readonly unwind: () => Promise<void>;
}

export function createCleanupStack(): CleanupStack {
  const steps: CleanupStep[] = [];
  let unwinding: Promise<void> | undefined;

  const run = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
      try {
        await step();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} stop steps failed: ${errors.map(errorMessage).join('; ')}`);
  };

  return {
    defer: (step) => void steps.push(step),
    unwind: () => {
      unwinding ??= run().finally(() => {
        unwinding = undefined;
      });
      return unwinding;
    },
  };
}
