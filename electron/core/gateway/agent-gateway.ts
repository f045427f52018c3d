// The agent gateway: a TLS WebSocket server where agents enroll once and then authenticate by key.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { AGENT_PROTOCOL_VERSION, AgentFrame, MAX_AGENT_FRAME_BYTES, authMessage, enrollMessage, type ConsoleFrame, type Inventory } from '../../../shared/protocol/agent.js';
import type { TlsIdentity } from '../crypto/tls-certificate.js';
import { verifyAgentSignature } from '../crypto/agent-signatures.js';
import type { Clock, Logger } from '../ports.js';
import { AgentLink } from './agent-link.js';

/** What the gateway needs from the rest of the core to admit an agent. */
export interface AgentDirectory {
  /** Validates the token and creates the computer; returns its id or the reason for refusal. */
  enroll(request: { token: string; publicKey: string; name: string | null; inventory: Inventory }): { computerId: string } | { refused: string };
  /** The agent's public key, or undefined when it is unknown or revoked. */
  publicKeyOf(computerId: string): string | undefined;
  connected(computerId: string, inventory: Inventory): void;
  disconnected(computerId: string): void;
  inventory(computerId: string, inventory: Inventory): void;
  seen(computerId: string): void;
}

export interface GatewayOptions {
  host: string;
  port: number;
  tls: TlsIdentity;
  heartbeatSeconds: number;
  handshakeTimeoutMs?: number;
}

type ConnectListener = (link: AgentLink) => void;
type DisconnectListener = (link: AgentLink) => void;

export class AgentGateway {
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private readonly links = new Map<string, AgentLink>();
  private readonly connectListeners = new Set<ConnectListener>();
  private readonly disconnectListeners = new Set<DisconnectListener>();
  private pingTimer: NodeJS.Timeout | null = null;
  private readonly alive = new WeakSet<WebSocket>();

  constructor(
    private readonly options: GatewayOptions,
    private readonly directory: AgentDirectory,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const server = createServer({ cert: this.options.tls.cert, key: this.options.tls.key });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new Error(`the agent port ${this.options.host}:${this.options.port} is already in use (another console?): choose another with --agent-port`) : error),
      );
      server.listen(this.options.port, this.options.host, () => {
        server.removeAllListeners('error');
        resolve();
      });
    });
    // Attached once listening: a WebSocketServer re-emits its server's errors, and a failed listen
    // must reach the caller as a clear error rather than crash the process.
    const wss = new WebSocketServer({ server, maxPayload: MAX_AGENT_FRAME_BYTES, perMessageDeflate: false });
    wss.on('connection', (socket, request) => this.accept(socket, request));
    wss.on('error', (error) => this.logger.error('agent gateway error', { error: error.message }));
    this.server = server;
    this.wss = wss;
    // Dead connections (a laptop lid closed, a cable pulled) are found by unanswered pings.
    this.pingTimer = setInterval(() => this.pingAll(), 30_000);
    this.pingTimer.unref();
  }

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : this.options.port;
  }

  link(computerId: string): AgentLink | undefined {
    const link = this.links.get(computerId);
    return link?.isOpen ? link : undefined;
  }

  isOnline(computerId: string): boolean {
    return this.link(computerId) !== undefined;
  }

  /** Computers whose agent is connected now. */
  connectedIds(): string[] {
    return [...this.links].filter(([, link]) => link.isOpen).map(([id]) => id);
  }

  get onlineCount(): number {
    return this.links.size;
  }

  onConnect(listener: ConnectListener): { dispose(): void } {
    this.connectListeners.add(listener);
    return { dispose: () => void this.connectListeners.delete(listener) };
  }

  onDisconnect(listener: DisconnectListener): { dispose(): void } {
    this.disconnectListeners.add(listener);
    return { dispose: () => void this.disconnectListeners.delete(listener) };
  }

  /** Closes a computer's connection at once (revocation). */
  disconnect(computerId: string, reason: string): void {
    this.links.get(computerId)?.close(4003, reason);
  }

  private pingAll(): void {
    for (const client of this.wss?.clients ?? []) {
      if (!this.alive.has(client)) {
        client.terminate();
        continue;
      }
      this.alive.delete(client);
      client.ping();
    }
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const remote = request.socket.remoteAddress ?? 'unknown';
    const nonce = randomBytes(24).toString('base64url');
    let link: AgentLink | null = null;
    this.alive.add(socket);
    socket.on('pong', () => this.alive.add(socket));
    const send = (frame: ConsoleFrame) => socket.send(JSON.stringify(frame));
    const refuse = (reason: string, retry: boolean) => {
      send({ type: 'refused', reason, retry });
      socket.close(4001, reason.slice(0, 120));
    };
    const handshakeTimer = setTimeout(() => {
      if (!link) refuse('no enrollment or authentication in time', true);
    }, this.options.handshakeTimeoutMs ?? 10_000);

    socket.on('message', (data: RawData, isBinary: boolean) => {
      const frame = this.parse(data, isBinary);
      if (!frame) {
        this.logger.warn('rejected an agent frame that fails the protocol schema', { remote, computerId: link?.computerId });
        send({ type: 'error', message: 'frame rejected: it does not match the agent protocol' });
        return;
      }
      if (!link) {
        link = this.handshake(frame, nonce, socket, refuse);
        if (link) clearTimeout(handshakeTimer);
        return;
      }
      link.lastSeen = this.clock.now();
      this.alive.add(socket);
      if (link.handle(frame)) return;
      if (frame.type === 'heartbeat') {
        this.directory.seen(link.computerId);
        link.send({ type: 'heartbeat-ack', at: new Date(this.clock.now()).toISOString() });
      } else if (frame.type === 'inventory') {
        this.directory.inventory(link.computerId, frame.inventory);
      } else {
        send({ type: 'error', message: `unexpected ${frame.type} frame after authentication` });
      }
    });
    socket.on('close', () => {
      clearTimeout(handshakeTimer);
      if (!link) return;
      link.markClosed();
      if (this.links.get(link.computerId) === link) {
        this.links.delete(link.computerId);
        this.directory.disconnected(link.computerId);
        for (const listener of this.disconnectListeners) listener(link);
      }
    });
    socket.on('error', (error) => this.logger.warn('agent socket error', { remote, error: error.message }));
    send({ type: 'challenge', protocol: AGENT_PROTOCOL_VERSION, nonce });
  }

  private parse(data: RawData, isBinary: boolean): AgentFrame | null {
    if (isBinary) return null;
    try {
      const parsed = AgentFrame.safeParse(JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : ''));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private handshake(frame: AgentFrame, nonce: string, socket: WebSocket, refuse: (reason: string, retry: boolean) => void): AgentLink | null {
    if (frame.type !== 'enroll' && frame.type !== 'auth') {
      refuse('authenticate first', true);
      return null;
    }
    if (frame.protocol !== AGENT_PROTOCOL_VERSION) {
      refuse(`protocol ${frame.protocol} is not supported (this console speaks ${AGENT_PROTOCOL_VERSION})`, false);
      return null;
    }
    let computerId: string;
    if (frame.type === 'enroll') {
      if (!verifyAgentSignature(frame.publicKey, enrollMessage(nonce, frame.publicKey), frame.signature)) {
        refuse('enrollment signature does not match the presented key', false);
        return null;
      }
      const result = this.directory.enroll({ token: frame.token, publicKey: frame.publicKey, name: frame.name, inventory: frame.inventory });
      if ('refused' in result) {
        refuse(result.refused, false);
        return null;
      }
      computerId = result.computerId;
    } else {
      const publicKey = this.directory.publicKeyOf(frame.agentId);
      if (!publicKey || !verifyAgentSignature(publicKey, authMessage(nonce, frame.agentId), frame.signature)) {
        refuse('unknown or revoked agent: enroll again with a new token', false);
        return null;
      }
      computerId = frame.agentId;
    }
    const link = new AgentLink(computerId, frame.inventory.bootId, socket, this.clock.now());
    const previous = this.links.get(computerId);
    this.links.set(computerId, link);
    if (previous) {
      // The newer connection wins; the old one is a half-dead socket the agent has already left.
      previous.close(4000, 'replaced by a newer connection');
      for (const listener of this.disconnectListeners) listener(previous);
    }
    link.send({ type: 'welcome', agentId: computerId, computerId, heartbeatSeconds: this.options.heartbeatSeconds });
    this.directory.connected(computerId, frame.inventory);
    for (const listener of this.connectListeners) listener(link);
    return link;
  }

  async dispose(): Promise<void> {
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const link of this.links.values()) link.close(1001, 'console shutting down');
    this.links.clear();
    for (const client of this.wss?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }
}
