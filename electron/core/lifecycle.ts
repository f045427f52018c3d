// Disposables: every timer, socket and listener has an owner that releases it.

export interface Disposable {
  dispose(): void | Promise<void>;
}

export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      void item.dispose();
      throw new Error('DisposableStore is already disposed');
    }
    this.items.push(item);
    return item;
  }

  /** Registers a plain cleanup function. */
  defer(fn: () => void | Promise<void>): void {
    this.add({ dispose: fn });
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Disposes in reverse order of registration; every item is disposed even when one throws. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of this.items.reverse()) {
      try {
        await item.dispose();
      } catch (e) {
        errors.push(e);
      }
    }
    this.items.length = 0;
    if (errors.length > 0) throw new AggregateError(errors, 'errors while disposing');
  }
}

export function timeout(fn: () => void, ms: number): Disposable {
  const handle = setTimeout(fn, ms);
  return { dispose: () => clearTimeout(handle) };
}

export function interval(fn: () => void, ms: number): Disposable {
  const handle = setInterval(fn, ms);
  handle.unref();
  return { dispose: () => clearInterval(handle) };
}
