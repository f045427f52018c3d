// The core's outgoing events: announced only after the state they describe is written.
import type { ConsoleEvent } from '../../shared/api/events.js';

export type EventListener = (event: ConsoleEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  emit(event: ConsoleEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed socket) must not stop the others or the core.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
