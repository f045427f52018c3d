// The agent's connection to its console: pins the console's certificate, enrolls or authenticates,
// sends heartbeats, runs signed commands, and reconnects with backoff when the link drops.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import {
  AGENT_PROTOCOL_VERSION,
  ConsoleFrame,
  MAX_AGENT_FRAME_BYTES,
  authMessage,
  enrollMessage,
  type AgentFrame,
  type SignedCommand,
} from '../shared/protocol/agent.js';
import { Backoff, heartbeatDelay } from './backoff.js';
import { checkCommand } from './command-verifier.js';
import type { CommandExecutor } from './command-executor.js';
import type { AgentIdentity } from './identity.js';
import { collectInventory } from './inventory.js';

export interface AgentLog {
  (level: 'info' | 'warn' | 'error', message: string): void;
}

export interface ConnectionOptions {
  identity: AgentIdentity;
  executor: CommandExecutor;
  name: string | null;
  /** Overrides the gateway URL from the token. */
  consoleUrl: string | null;
  log: AgentLog;
  /** Called when the console refuses this agent for good (revoked, token used up). */
  onFatal: (reason: string) => void;
}

export class AgentConnection {
  private socket: WebSocket | null = null;
  private readonly backoff = new Backoff();
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private authenticated = false;

  constructor(private readonly options: ConnectionOptions) {}

  get url(): string {
    return this.options.consoleUrl ?? this.options.identity.consoleUrl;
  }

  start(): void {
    this.connect();
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.url, { rejectUnauthorized: false, maxPayload: MAX_AGENT_FRAME_BYTES, perMessageDeflate: false, handshakeTimeout: 15_000 });
    this.socket = socket;
    this.authenticated = false;
    socket.on('upgrade', (response: IncomingMessage) => {
      // The console's certificate is self-signed: trust it only if it is the one the token named.
      const seen = (response.socket as TLSSocket).getPeerCertificate?.().fingerprint256;
      if (seen !== this.options.identity.fingerprint) {
        this.options.log('error', `refusing ${this.url}: its certificate (${seen ?? 'none'}) is not the one this agent was enrolled with`);
        socket.terminate();
      }
    });
    socket.on('message', (data: Buffer, isBinary) => this.onMessage(socket, data.toString('utf8'), isBinary));
    socket.on('close', () => this.onClose(socket));
    socket.on('error', (error) => this.options.log('warn', `connection to ${this.url}: ${error.message}`));
  }

  private send(frame: AgentFrame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private onMessage(socket: WebSocket, text: string, isBinary: boolean): void {
    if (socket !== this.socket) return;
    let frame: ConsoleFrame;
    try {
      const parsed = ConsoleFrame.safeParse(isBinary ? null : JSON.parse(text));
      if (!parsed.success) throw new Error('schema');
      frame = parsed.data;
    } catch {
      this.options.log('warn', 'ignored a frame from the console that does not match the protocol');
      return;
    }
    switch (frame.type) {
      case 'challenge':
        return this.answerChallenge(frame.nonce);
      case 'welcome':
        if (this.options.identity.agentId === null) {
          this.options.identity.enrolled(frame.agentId);
          this.options.log('info', `enrolled as ${frame.agentId}`);
        }
        this.authenticated = true;
        this.backoff.reset();
        this.options.log('info', `connected to ${this.url}`);
        return this.scheduleHeartbeat(frame.heartbeatSeconds);
      case 'refused':
        this.options.log('error', `the console refused this agent: ${frame.reason}`);
        if (!frame.retry) {
          this.stop();
          this.options.onFatal(frame.reason);
        }
        return;
      case 'command':
        if (this.authenticated) void this.runCommand(frame.command);
        return;
      case 'heartbeat-ack':
        return;
      case 'error':
        return this.options.log('warn', `the console reported: ${frame.message}`);
    }
  }

  private answerChallenge(nonce: string): void {
    const { identity } = this.options;
    const inventory = collectInventory();
    if (identity.agentId !== null) {
      this.send({ type: 'auth', protocol: AGENT_PROTOCOL_VERSION, agentId: identity.agentId, signature: identity.sign(authMessage(nonce, identity.agentId)), inventory });
    } else if (identity.pendingToken !== null) {
      this.send({
        type: 'enroll',
        protocol: AGENT_PROTOCOL_VERSION,
        token: identity.pendingToken,
        name: this.options.name,
        publicKey: identity.publicKey,
        signature: identity.sign(enrollMessage(nonce, identity.publicKey)),
        inventory,
      });
    }
  }

  private async runCommand(command: SignedCommand): Promise<void> {
    const agentId = this.options.identity.agentId;
    const problem = agentId === null ? 'not enrolled' : checkCommand(command, agentId, this.options.identity.consolePublicKey, Date.now());
    if (problem) {
      this.options.log('warn', `refused command ${command.id}: ${problem}`);
      this.send({ type: 'result', id: command.id, outcome: { status: 'rejected', reason: problem } });
      return;
    }
    this.send({ type: 'command-ack', id: command.id });
    const outcome = await this.options.executor.execute(command, (stream, text) => this.send({ type: 'output', id: command.id, stream, text }));
    // Sent on whatever connection is current; if none, the console asks again with the same id.
    this.send({ type: 'result', id: command.id, outcome });
  }

  private scheduleHeartbeat(seconds: number): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => {
      this.send({ type: 'heartbeat', at: new Date().toISOString() });
      this.scheduleHeartbeat(seconds);
    }, heartbeatDelay(seconds));
  }

  private onClose(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.authenticated = false;
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    if (this.stopped) return;
    const delay = this.backoff.next();
    this.options.log('info', `disconnected; reconnecting in ${(delay / 1000).toFixed(1)} s`);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  stop(): void {
    this.stopped = true;
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.close(1000, 'agent stopping');
  }
}
