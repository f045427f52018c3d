// The StewardBridge of the web console: Console API methods over HTTP (the sign-in cookie goes
// with every request; no token lives in JavaScript) and events over the /api/events WebSocket.
import type { StewardBridge } from '../../../shared/api/bridge.js';
import { methodsByDomain } from '../../../shared/api/bridge.js';
import { createHttpApiClient } from '../../../shared/api/client.js';
import type { MethodName } from '../../../shared/api/contract.js';
import { toBridgeError } from './bridge-error.js';
import { EventsSocket, type EventsSocketOptions } from './events-socket.js';

export interface HttpBridge extends StewardBridge {
  /** The events link: its state tells the renderer whether the console can be reached. */
  readonly link: EventsSocket;
}

export interface HttpBridgeOptions {
  /** Where the console is, e.g. http://127.0.0.1:7420 (defaults to the page's origin). */
  baseUrl: string;
  timeoutMs?: number;
  socket?: EventsSocketOptions;
}

export function eventsUrl(baseUrl: string): string {
  const url = new URL('/api/events', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function createHttpBridge(options: HttpBridgeOptions): HttpBridge {
  const client = createHttpApiClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? 15_000 });
  const link = new EventsSocket(eventsUrl(options.baseUrl), options.socket);
  const bridge: Record<string, unknown> = {};
  for (const [domain, names] of Object.entries(methodsByDomain())) {
    const methods: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const name of names) {
      const method = `${domain}.${name}` as MethodName;
      methods[name] = async (input: unknown) => {
        try {
          return await client.call(method, input as never);
        } catch (error) {
          throw toBridgeError(error);
        }
      };
    }
    bridge[domain] = methods;
  }
  bridge.events = {
    onEvent: (listener: Parameters<EventsSocket['onEvent']>[0]) => link.onEvent(listener),
    subscribeLogs: (sessionId: string) => link.subscribeLogs(sessionId),
  };
  bridge.link = link;
  return bridge as unknown as HttpBridge;
}
