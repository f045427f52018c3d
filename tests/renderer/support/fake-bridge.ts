// A StewardBridge over in-memory handlers, for store and component tests: each test answers the
// methods it needs, emits core events, and can take the core "offline" (calls fail unavailable).
import type { StewardBridge } from '../../../shared/api/bridge.js';
import { methodsByDomain } from '../../../shared/api/bridge.js';
import type { ApiInput, ApiOutput, MethodName } from '../../../shared/api/contract.js';
import type { ConsoleEvent } from '../../../shared/api/events.js';
import type { LinkState } from '../../../renderer/src/bridge/events-socket.js';
import { BridgeFailure } from '../../../renderer/src/bridge/bridge-error.js';

type Handler<M extends MethodName> = (input: ApiInput<M>) => ApiOutput<M> | Promise<ApiOutput<M>>;

export class FakeCore {
  readonly calls: { method: MethodName; input: unknown }[] = [];
  readonly logSubscriptions = new Map<string, number>();
  private readonly handlers = new Map<string, (input: unknown) => unknown>();
  private readonly listeners = new Set<(event: ConsoleEvent) => void>();
  private readonly linkListeners = new Set<(state: LinkState) => void>();
  offline = false;
  unauthorized = false;

  handle<M extends MethodName>(method: M, handler: Handler<M>): this {
    this.handlers.set(method, handler as (input: unknown) => unknown);
    return this;
  }

  emit(event: ConsoleEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** The events socket opened or closed (only for the web-console flavour). */
  link(state: LinkState): void {
    for (const listener of [...this.linkListeners]) listener(state);
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input);
  }

  private async call(method: MethodName, input: unknown): Promise<unknown> {
    this.calls.push({ method, input });
    await Promise.resolve();
    if (this.offline) throw new BridgeFailure('unavailable', 'the console cannot be reached', undefined, 0);
    if (this.unauthorized) throw new BridgeFailure('unauthorized', 'missing or wrong API token', undefined, 401);
    const handler = this.handlers.get(method);
    if (!handler) throw new BridgeFailure('internal', `the test did not answer ${method}`);
    return handler(input);
  }

  /** A bridge like the desktop app's (`withLink` false) or the web console's (`withLink` true). */
  bridge(withLink = false): StewardBridge {
    const bridge: Record<string, unknown> = {};
    for (const [domain, names] of Object.entries(methodsByDomain())) {
      bridge[domain] = Object.fromEntries(names.map((name) => [name, (input: unknown) => this.call(`${domain}.${name}` as MethodName, input)]));
    }
    bridge.events = {
      onEvent: (listener: (event: ConsoleEvent) => void) => {
        this.listeners.add(listener);
        return () => void this.listeners.delete(listener);
      },
      subscribeLogs: (sessionId: string) => {
        this.logSubscriptions.set(sessionId, (this.logSubscriptions.get(sessionId) ?? 0) + 1);
        return () => this.logSubscriptions.set(sessionId, (this.logSubscriptions.get(sessionId) ?? 1) - 1);
      },
    };
    if (withLink) {
      bridge.link = {
        start: () => undefined,
        reconnectNow: () => undefined,
        onState: (listener: (state: LinkState) => void) => {
          this.linkListeners.add(listener);
          return () => void this.linkListeners.delete(listener);
        },
      };
    }
    return bridge as unknown as StewardBridge;
  }
}

/** Waits until `check` passes (stores settle over several microtasks and IndexedDB callbacks). */
export async function eventually(check: () => void, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
