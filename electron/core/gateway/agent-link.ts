// One authenticated agent connection: sends signed commands and routes their output and results.
import type WebSocket from 'ws';
import type { AgentFrame, CommandOutcome, ConsoleFrame, SignedCommand } from '../../../shared/protocol/agent.js';

export class AgentGoneError extends Error {
  constructor(readonly computerId: string) {
    super(`agent ${computerId} disconnected`);
    this.name = 'AgentGoneError';
  }
}

export type OutputHandler = (stream: 'stdout' | 'stderr', text: string) => void;

interface Pending {
  resolve: (outcome: CommandOutcome) => void;
  reject: (error: Error) => void;
  onOutput: OutputHandler | undefined;
}

export class AgentLink {
  private readonly pending = new Map<string, Pending>();
  private closed = false;
  lastSeen: number;

  constructor(
    readonly computerId: string,
    readonly bootId: string,
    private readonly socket: WebSocket,
    now: number,
  ) {
    this.lastSeen = now;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Sends a command and resolves with its outcome; rejects with AgentGoneError if the link closes first. */
  execute(command: SignedCommand, onOutput?: OutputHandler): Promise<CommandOutcome> {
    if (this.closed) return Promise.reject(new AgentGoneError(this.computerId));
    const previous = this.pending.get(command.id);
    if (previous) previous.reject(new Error(`command ${command.id} was sent again`));
    return new Promise((resolve, reject) => {
      this.pending.set(command.id, { resolve, reject, onOutput });
      this.send({ type: 'command', command });
    });
  }

  send(frame: ConsoleFrame): void {
    if (this.closed) return;
    this.socket.send(JSON.stringify(frame));
  }

  /** Routes a validated frame that belongs to a command. Returns false for frames it does not handle. */
  handle(frame: AgentFrame): boolean {
    if (frame.type === 'output') {
      this.pending.get(frame.id)?.onOutput?.(frame.stream, frame.text);
      return true;
    }
    if (frame.type === 'result') {
      const pending = this.pending.get(frame.id);
      if (pending) {
        this.pending.delete(frame.id);
        pending.resolve(frame.outcome);
      }
      return true;
    }
    return frame.type === 'command-ack';
  }

  /** Marks the link closed and fails every command still waiting for a result. */
  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.pending.values()) pending.reject(new AgentGoneError(this.computerId));
    this.pending.clear();
  }

  close(code: number, reason: string): void {
    this.markClosed();
    this.socket.close(code, reason);
  }
}
