// Bounded waits: shutdown steps must not hang a unit that systemd is stopping.

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** Resolves as `promise` does, or rejects with TimeoutError naming `what` after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
