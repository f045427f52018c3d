// The /api/events WebSocket of the web console: reconnects with backoff, re-sends log
// subscriptions after every reconnect, and parses each event against the contract.
import { ConsoleEvent } from '../../../shared/api/events.js';

export type LinkState = 'connecting' | 'open' | 'closed';

export interface TimerPort {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EventsSocketOptions {
  /** Creates the socket; tests pass a fake. */
  create?: (url: string) => WebSocket;
  timers?: TimerPort;
  random?: () => number;
  /** Longest wait between reconnection attempts: how long a returning console may go unnoticed. */
  maxDelayMs?: number;
}

const browserTimers: TimerPort = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
};

export class EventsSocket {
  private socket: WebSocket | null = null;
  private readonly listeners = new Set<(event: ConsoleEvent) => void>();
  private readonly stateListeners = new Set<(state: LinkState) => void>();
  /** Log subscriptions with a reference count: two views may follow the same session. */
  private readonly logSubscriptions = new Map<string, number>();
  private retryTimer: unknown = null;
  private attempt = 0;
  private disposed = false;
  private current: LinkState = 'closed';
  private readonly timers: TimerPort;
  private readonly create: (url: string) => WebSocket;

  constructor(
    private readonly url: string,
    private readonly options: EventsSocketOptions = {},
  ) {
    this.timers = options.timers ?? browserTimers;
    this.create = options.create ?? ((u) => new WebSocket(u));
  }

  get state(): LinkState {
    return this.current;
  }

  start(): void {
    if (!this.socket && !this.disposed) this.connect();
  }

  onEvent(listener: (event: ConsoleEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onState(listener: (state: LinkState) => void): () => void {
    this.stateListeners.add(listener);
    return () => void this.stateListeners.delete(listener);
  }

  subscribeLogs(sessionId: string): () => void {
    const count = this.logSubscriptions.get(sessionId) ?? 0;
    this.logSubscriptions.set(sessionId, count + 1);
    if (count === 0) this.send({ type: 'subscribe-logs', sessionId });
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.logSubscriptions.get(sessionId) ?? 1) - 1;
      if (left > 0) {
        this.logSubscriptions.set(sessionId, left);
        return;
      }
      this.logSubscriptions.delete(sessionId);
      this.send({ type: 'unsubscribe-logs', sessionId });
    };
  }

  /** Tries again at once (the user pressed Retry, or the page became visible). */
  reconnectNow(): void {
    if (this.disposed || this.current !== 'closed') return;
    this.clearRetry();
    this.attempt = 0;
    this.connect();
  }

  dispose(): void {
    this.disposed = true;
    this.clearRetry();
    this.listeners.clear();
    this.stateListeners.clear();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onclose = socket.onmessage = socket.onerror = null;
      socket.close();
    }
  }

  private setState(state: LinkState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  private send(message: unknown): void {
    if (this.socket && this.current === 'open') this.socket.send(JSON.stringify(message));
  }

  private connect(): void {
    this.setState('connecting');
    let socket: WebSocket;
    try {
      socket = this.create(this.url);
    } catch {
      this.closed();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      for (const sessionId of this.logSubscriptions.keys()) this.send({ type: 'subscribe-logs', sessionId });
    };
    socket.onmessage = (message: MessageEvent) => this.receive(message.data);
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.closed();
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let parsed;
    try {
      parsed = ConsoleEvent.safeParse(JSON.parse(data));
    } catch {
      return;
    }
    // An event this renderer does not know (a newer console) is ignored, not fatal.
    if (!parsed.success) return;
    for (const listener of [...this.listeners]) listener(parsed.data);
  }

  private closed(): void {
    this.setState('closed');
    if (this.disposed) return;
    const max = this.options.maxDelayMs ?? 3000;
    const base = Math.min(max, 250 * 2 ** this.attempt);
    this.attempt++;
    const delay = base * (0.8 + 0.4 * (this.options.random ?? Math.random)());
    this.clearRetry();
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
