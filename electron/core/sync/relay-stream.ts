// The console's WebSocket to the relay: reconnects with jittered exponential backoff capped at 10 s,
// sends heartbeats (presence), and drops a connection that stops answering pings.
import WebSocket from 'ws';
import { CLOSE_REVOKED, RelayMessage, type ConsoleMessage } from '../../../shared/sync/stream.js';
import type { Logger } from '../ports.js';

export const MAX_BACKOFF_MS = 10_000;
const FIRST_BACKOFF_MS = 250;
const HEARTBEAT_MS = 10_000;
/** Relay messages carry batches of operations; one page of a big software item fits. */
const MAX_RELAY_MESSAGE = 64 * 1024 * 1024;

export interface StreamEvents {
  /** The connection is open (the relay's hello follows as a message). */
  onOpen(): void;
  onMessage(message: RelayMessage): void;
  /** Closed or failed to open; `status` is the HTTP status when the relay refused the upgrade. */
  onClose(info: { code: number; status: number | null; reason: string }): void;
}

export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

export class RelayStream {
  private socket: WebSocket | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = true;
  private awaitingPong = false;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly events: StreamEvents,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Connection is healthy again: the next failure starts the backoff from the beginning. */
  resetBackoff(): void {
    this.attempt = 0;
  }

  /** Skips the wait: try to connect now (a write is waiting, or the user asked). */
  retryNow(): void {
    if (this.stopped || this.socket || !this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.open();
  }

  send(message: ConsoleMessage): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private open(): void {
    const socket = new WebSocket(this.url, { headers: { Authorization: `Bearer ${this.token}` }, maxPayload: MAX_RELAY_MESSAGE, perMessageDeflate: false, handshakeTimeout: 10_000 });
    this.socket = socket;
    let status: number | null = null;
    socket.on('unexpected-response', (_request, response) => {
      status = response.statusCode ?? null;
      response.resume();
      socket.terminate();
    });
    socket.on('open', () => {
      this.awaitingPong = false;
      this.heartbeatTimer = setInterval(() => this.heartbeat(socket), HEARTBEAT_MS);
      this.heartbeatTimer.unref();
      this.events.onOpen();
    });
    socket.on('pong', () => (this.awaitingPong = false));
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      let parsed;
      try {
        parsed = RelayMessage.safeParse(JSON.parse(data.toString('utf8')));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        this.logger.warn('ignored a relay message that does not match the sync protocol');
        return;
      }
      this.events.onMessage(parsed.data);
    });
    socket.on('error', (error) => this.logger.warn('relay connection error', { error: error.message }));
    socket.on('close', (code: number, reason: Buffer) => {
      if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = null;
      if (this.socket === socket) this.socket = null;
      if (this.stopped) return;
      this.events.onClose({ code, status, reason: reason.toString('utf8') });
      if (code === CLOSE_REVOKED || status === 401) return;
      this.scheduleReconnect();
    });
  }

  private heartbeat(socket: WebSocket): void {
    if (this.awaitingPong) {
      // No answer to the last ping in a whole interval: the connection is dead even if TCP has not noticed.
      socket.terminate();
      return;
    }
    this.awaitingPong = true;
    socket.ping();
    this.send({ type: 'heartbeat' });
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = backoffDelay(this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.retryTimer = null;
    this.heartbeatTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.terminate();
  }
}
