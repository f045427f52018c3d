// The bus of a single relay instance: events go straight to this process's listeners.
import type { BusEvent } from '../bus-events.js';
import type { RelayBus } from './driver.js';

export class LocalBus implements RelayBus {
  private readonly listeners = new Set<(event: BusEvent) => void>();

  publish(event: BusEvent): Promise<void> {
    // Delivered on the next tick, as NOTIFY would be: never inside the publisher's transaction.
    queueMicrotask(() => {
      for (const listener of this.listeners) listener(event);
    });
    return Promise.resolve();
  }

  subscribe(listener: (event: BusEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
}
