// The /api/events WebSocket: pushes the core's events to the UI and scripts. Log lines go only to
// clients that subscribed to that session (or to all sessions), so a busy console does not flood them.
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { ConsoleEvent } from '../../../shared/api/events.js';
import type { EventBus } from '../event-bus.js';
import type { Disposable } from '../lifecycle.js';

const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe-logs'), sessionId: z.string().max(64) }),
  z.object({ type: z.literal('unsubscribe-logs'), sessionId: z.string().max(64) }),
]);

export function attachEventsSocket(socket: WebSocket, bus: EventBus): Disposable {
  const logSubscriptions = new Set<string>();
  let alive = true;
  const subscription = bus.subscribe((event: ConsoleEvent) => {
    if (event.type === 'log' && !logSubscriptions.has(event.sessionId) && !logSubscriptions.has('*')) return;
    if (socket.readyState !== socket.OPEN) return;
    // A client that cannot keep up is dropped; it reconnects and catches up through the API.
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(1013, 'too slow: reconnect and resync');
      return;
    }
    socket.send(JSON.stringify(event));
  });
  socket.on('message', (data: Buffer) => {
    let parsed;
    try {
      parsed = ClientMessage.safeParse(JSON.parse(data.toString('utf8')));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      socket.send(JSON.stringify({ type: 'error', message: 'unknown message: send {"type":"subscribe-logs","sessionId":"<id or *>"}' }));
      return;
    }
    if (parsed.data.type === 'subscribe-logs') logSubscriptions.add(parsed.data.sessionId);
    else logSubscriptions.delete(parsed.data.sessionId);
  });
  socket.on('pong', () => (alive = true));
  const ping = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, 30_000);
  ping.unref();
  const dispose = () => {
    clearInterval(ping);
    subscription.dispose();
  };
  socket.on('close', dispose);
  return { dispose: () => (dispose(), socket.terminate()) };
}
