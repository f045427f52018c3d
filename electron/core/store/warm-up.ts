// Startup warm-up: caches that the first screens need are filled a slice at a time right after the
// console is ready, yielding to the event loop between slices, so a browser loading the console's
// page meanwhile is served at once instead of waiting behind one long load.

/** Lets pending I/O (HTTP requests, agent messages) run before the next slice. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Hands `items` to `handle` in slices of `size`, with a turn of the event loop between slices.
 * Returns false when `stop` said to give up (someone filled the cache synchronously meanwhile).
 */
export async function inSlices<T>(items: readonly T[], size: number, handle: (slice: readonly T[]) => void, stop: () => boolean = () => false): Promise<boolean> {
  for (let i = 0; i < items.length; i += size) {
    if (stop()) return false;
    handle(items.slice(i, i + size));
    await nextTurn();
  }
  return !stop();
}

/**
 * Reads a table a page at a time (`page` continues after the last row it was given, by the table's
 * key), with a turn of the event loop between pages. Returns false when `stop` said to give up.
 */
export async function inPages<R>(page: (last: R | null) => R[], handle: (rows: readonly R[]) => void, stop: () => boolean): Promise<boolean> {
  let last: R | null = null;
  for (;;) {
    if (stop()) return false;
    const rows = page(last);
    if (rows.length === 0) return !stop();
    handle(rows);
    last = rows[rows.length - 1]!;
    await nextTurn();
  }
}

/** Runs warm-up steps one after another in the background; a failed step is logged and skipped. */
export class WarmUp {
  private stopped = false;

  constructor(
    private readonly steps: { name: string; run: () => Promise<void> }[],
    private readonly onError: (name: string, error: unknown) => void,
  ) {}

  start(): Promise<void> {
    return (async () => {
      await nextTurn();
      for (const step of this.steps) {
        if (this.stopped) return;
        try {
          await step.run();
        } catch (error) {
          // After stop() the store may be closed under a step: that is not worth a log line.
          if (!this.stopped) this.onError(step.name, error);
        }
      }
    })();
  }

  stop(): void {
    this.stopped = true;
  }
}
