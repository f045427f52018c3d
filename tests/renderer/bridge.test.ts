// The bridge layer: every transport's errors become one BridgeError, and the web console's events
// socket reconnects with backoff and re-subscribes to the logs it was following.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/api/client.js';
import { toBridgeError } from '../../renderer/src/bridge/bridge-error.js';
import { EventsSocket, type TimerPort } from '../../renderer/src/bridge/events-socket.js';
import { eventsUrl } from '../../renderer/src/bridge/http-bridge.js';

describe('BridgeError', () => {
  it('keeps code, message and field from the HTTP client', () => {
    expect(toBridgeError(new ApiCallError(400, 'invalid-input', 'name: must not be empty', 'name'))).toMatchObject({ code: 'invalid-input', message: 'name: must not be empty', field: 'name', status: 400 });
  });

  it('calls a network failure unavailable', () => {
    expect(toBridgeError(new ApiCallError(0, 'unavailable', 'the console cannot be reached', undefined)).code).toBe('unavailable');
  });

  it('reads an IPC rejection, with or without a JSON body', () => {
    const ipc = new Error(`Error invoking remote method 'tenants.create': Error: {"code":"invalid-input","message":"name: is too long","field":"name"}`);
    expect(toBridgeError(ipc)).toMatchObject({ code: 'invalid-input', field: 'name', message: 'name: is too long' });
    expect(toBridgeError(new Error(`Error invoking remote method 'x': Error: boom`))).toMatchObject({ code: 'internal', message: 'boom' });
    expect(toBridgeError({ code: 'not-found', message: 'gone', field: 'id' })).toMatchObject({ code: 'not-found', field: 'id' });
  });
});

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

class ManualTimers implements TimerPort {
  pending: { fn: () => void; ms: number }[] = [];
  setTimeout(fn: () => void, ms: number) {
    const t = { fn, ms };
    this.pending.push(t);
    return t;
  }
  clearTimeout(handle: unknown) {
    this.pending = this.pending.filter((t) => t !== handle);
  }
  fire() {
    const next = this.pending.shift();
    next?.fn();
    return next?.ms;
  }
}

describe('events socket', () => {
  let socket: EventsSocket | null = null;
  afterEach(() => {
    socket?.dispose();
    FakeSocket.all = [];
  });

  function make() {
    const timers = new ManualTimers();
    socket = new EventsSocket('ws://127.0.0.1:1/api/events', { create: (u) => new FakeSocket(u) as unknown as WebSocket, timers, random: () => 0.5, maxDelayMs: 3000 });
    return { socket, timers };
  }

  it('derives the socket address from the console address', () => {
    expect(eventsUrl('http://127.0.0.1:7420')).toBe('ws://127.0.0.1:7420/api/events');
    expect(eventsUrl('https://console.example:8443/')).toBe('wss://console.example:8443/api/events');
  });

  it('delivers parsed events and ignores what is not an event', () => {
    const { socket } = make();
    const seen: string[] = [];
    socket.onEvent((e) => seen.push(e.type));
    socket.start();
    const ws = FakeSocket.all[0]!;
    ws.open();
    ws.onmessage?.({ data: JSON.stringify({ type: 'hello' }) });
    ws.onmessage?.({ data: JSON.stringify({ type: 'changes', cursor: 4 }) });
    ws.onmessage?.({ data: '{"type":"from-the-future"}' });
    ws.onmessage?.({ data: 'not json' });
    expect(seen).toEqual(['hello', 'changes']);
  });

  it('reconnects with growing delays and sends its log subscriptions again', () => {
    const { socket, timers } = make();
    const states: string[] = [];
    socket.onState((s) => states.push(s));
    socket.start();
    FakeSocket.all[0]!.open();
    const stop = socket.subscribeLogs('s1');
    socket.subscribeLogs('s1');
    expect(FakeSocket.all[0]!.sent).toEqual([JSON.stringify({ type: 'subscribe-logs', sessionId: 's1' })]);

    FakeSocket.all[0]!.drop();
    expect(timers.fire()).toBe(250);
    FakeSocket.all[1]!.drop();
    expect(timers.fire()).toBe(500);
    FakeSocket.all[2]!.open();
    expect(FakeSocket.all[2]!.sent).toEqual([JSON.stringify({ type: 'subscribe-logs', sessionId: 's1' })]);
    expect(states).toEqual(['connecting', 'open', 'closed', 'connecting', 'closed', 'connecting', 'open']);

    // Two subscribers: the first unsubscribe keeps the subscription, the second ends it.
    stop();
    stop();
    expect(FakeSocket.all[2]!.sent).toHaveLength(1);
  });

  it('never waits longer than the maximum delay, and Retry tries at once', () => {
    const { socket, timers } = make();
    socket.start();
    for (let i = 0; i < 8; i++) {
      FakeSocket.all.at(-1)!.drop();
      const ms = timers.fire()!;
      expect(ms).toBeLessThanOrEqual(3000);
    }
    FakeSocket.all.at(-1)!.drop();
    const before = FakeSocket.all.length;
    socket.reconnectNow();
    expect(FakeSocket.all.length).toBe(before + 1);
    expect(timers.pending).toHaveLength(0);
  });
});
