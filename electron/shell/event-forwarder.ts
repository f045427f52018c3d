// Forwards the core's events to one window, like /api/events does for a browser: everything but log
// lines, and the log lines only of sessions the window subscribed to (or '*').
import type { ConsoleEvent } from '../../shared/api/events.js';
import { IPC } from './ipc-channels.js';
import type { RendererTarget } from './renderer-target.js';
import type { Subscription } from './subscription.js';

/** The core's EventBus. */
export interface EventSource {
  subscribe(listener: (event: ConsoleEvent) => void): Subscription;
}

/** A renderer that leaks subscriptions must not grow the main process without bound. */
const MAX_LOG_SUBSCRIPTIONS = 1000;

export class EventForwarder implements Subscription {
  /** Session id → how many subscriptions the renderer holds for it (two views may follow one session). */
  private readonly logSessions = new Map<string, number>();
  private readonly subscription: Subscription;

  constructor(
    bus: EventSource,
    private readonly target: RendererTarget,
  ) {
    this.subscription = bus.subscribe((event) => this.forward(event));
  }

  subscribeLogs(sessionId: string): void {
    const count = this.logSessions.get(sessionId);
    if (count === undefined && this.logSessions.size >= MAX_LOG_SUBSCRIPTIONS) return;
    this.logSessions.set(sessionId, (count ?? 0) + 1);
  }

  unsubscribeLogs(sessionId: string): void {
    const count = this.logSessions.get(sessionId) ?? 0;
    if (count <= 1) this.logSessions.delete(sessionId);
    else this.logSessions.set(sessionId, count - 1);
  }

  /** The page reloaded: its subscriptions went with it. */
  reset(): void {
    this.logSessions.clear();
  }

  private forward(event: ConsoleEvent): void {
    if (event.type === 'log' && !this.logSessions.has(event.sessionId) && !this.logSessions.has('*')) return;
    if (this.target.isDestroyed()) return;
    this.target.send(IPC.event, event);
  }

  dispose(): void {
    this.subscription.dispose();
    this.logSessions.clear();
  }
}
