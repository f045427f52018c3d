// Startup warm-up: caches that the first screens need are filled a slice at a time right after the
// console is ready, yielding to the event loop between slices, so a browser loading the console's
// page meanwhile is served at once instead of waiting behind one long load.

/** Lets pending I/O (HTTP requests, agent messages) run before the next slice. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Hands `items` to `handle` in slices of `size`, with a turn of the event loop between slices.
 * Returns false when `stop` said to give up (someone filled the cache synchronously meanwhile).
 */
export async function inSlices<T>(items: readonly T[], size: number, handle: (slice: readonly T[]) => void, stop: () => boolean): Promise<boolean> {
  for (let i = 0; i < items.length; i += size) {
    if (stop()) return false;
    handle(items.slice(i, i + size));
    await nextTurn();
  }
  return !stop();
}

/** Where a TableCache reads from: rows after `last` in key order, at most `limit` (-1: all). */
export interface TableSource<C, R> {
  empty(): C;
  read(last: R | null, limit: number): R[];
  add(into: C, rows: readonly R[]): void;
}

/**
 * A table held in memory, read in key order: a page at a time by the startup warm-up, or all that
 * is left at once by the first read that cannot wait. Both share one position, so a read during
 * the warm-up reads only the rows the warm-up has not reached. (Every writer of the table goes
 * through the cache first, so the rows already read stay current.)
 */
export class TableCache<C, R> {
  private value: C | null = null;
  private filling: { value: C; last: R | null } | null = null;

  constructor(private readonly source: TableSource<C, R>) {}

  /** The whole table, read now if the warm-up has not finished. */
  get(): C {
    if (this.value) return this.value;
    const fill = this.fill();
    this.take(fill, -1);
    return this.settle(fill);
  }

  /** Reads what is left a page at a time, with a turn of the event loop between pages. */
  async warm(pageSize: number): Promise<void> {
    if (this.value) return;
    const fill = this.fill();
    while (this.filling === fill) {
      const last = this.take(fill, pageSize) < pageSize;
      await nextTurn();
      // A read in the meantime may have finished (and settled) this fill already.
      if (last && this.filling === fill) this.settle(fill);
    }
  }

  private fill(): { value: C; last: R | null } {
    return (this.filling ??= { value: this.source.empty(), last: null });
  }

  private take(fill: { value: C; last: R | null }, limit: number): number {
    const rows = this.source.read(fill.last, limit);
    if (rows.length > 0) {
      this.source.add(fill.value, rows);
      fill.last = rows[rows.length - 1]!;
    }
    return rows.length;
  }

  private settle(fill: { value: C; last: R | null }): C {
    this.value = fill.value;
    this.filling = null;
    return fill.value;
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
