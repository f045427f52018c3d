// Runs a command on a computer's agent with at-least-once delivery: after a disconnect it waits for
// the agent and sends the same command id again; the agent's journal answers instead of re-running.
import type { CommandBody, CommandOutcome } from '../../../shared/protocol/agent.js';
import { AgentGoneError, type OutputHandler } from '../gateway/agent-link.js';
import type { AgentGateway } from '../gateway/agent-gateway.js';
import type { CommandSigner } from './command-signer.js';

export class AgentUnavailableError extends Error {
  constructor(readonly computerId: string) {
    super(`the agent of computer ${computerId} did not come back in time`);
    this.name = 'AgentUnavailableError';
  }
}

export class StoppedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'StoppedError';
  }
}

export interface RunOptions {
  onOutput?: OutputHandler;
  /** Called when the agent is away and the command waits for it. */
  onWaiting?: () => void;
  onResumed?: () => void;
  /** Absolute time (ms) after which waiting for the agent gives up. */
  waitUntil: number;
  signal: AbortSignal;
}

const MAX_EXPIRED_RESENDS = 3;

export class AgentCommands {
  constructor(
    private readonly gateway: AgentGateway,
    private readonly signer: CommandSigner,
  ) {}

  async run(computerId: string, commandId: string, body: CommandBody, options: RunOptions): Promise<CommandOutcome> {
    let expiredResends = 0;
    for (;;) {
      if (options.signal.aborted) throw new StoppedError();
      let link = this.gateway.link(computerId);
      if (!link) {
        options.onWaiting?.();
        link = await this.waitForAgent(computerId, options.waitUntil, options.signal);
        options.onResumed?.();
      }
      try {
        const outcome = await link.execute(this.signer.sign(computerId, commandId, body), options.onOutput);
        if (outcome.status === 'rejected' && /expired/i.test(outcome.reason) && expiredResends++ < MAX_EXPIRED_RESENDS) continue;
        return outcome;
      } catch (error) {
        if (!(error instanceof AgentGoneError)) throw error;
      }
    }
  }

  /**
   * Waits for the agent to be connected with a boot id other than `previousBootId` (it restarted).
   * Resolves with the new boot id, or null at the deadline; rejects with StoppedError when stopped.
   */
  waitForBoot(computerId: string, previousBootId: string, options: Omit<RunOptions, 'onOutput'>): Promise<string | null> {
    const current = this.gateway.link(computerId);
    if (current && current.bootId !== previousBootId) return Promise.resolve(current.bootId);
    return new Promise((resolve, reject) => {
      let away = false;
      const cleanup = () => {
        clearTimeout(timer);
        connected.dispose();
        disconnected.dispose();
        options.signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        cleanup();
        reject(new StoppedError());
      };
      const timer = setTimeout(() => {
        cleanup();
        resolve(null);
      }, Math.max(0, options.waitUntil - Date.now()));
      const disconnected = this.gateway.onDisconnect((link) => {
        if (link.computerId !== computerId || away || this.gateway.isOnline(computerId)) return;
        away = true;
        options.onWaiting?.();
      });
      const connected = this.gateway.onConnect((link) => {
        if (link.computerId !== computerId) return;
        if (away) options.onResumed?.();
        away = false;
        if (link.bootId === previousBootId) return;
        cleanup();
        resolve(link.bootId);
      });
      if (!current && !away) {
        away = true;
        options.onWaiting?.();
      }
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener('abort', onAbort);
    });
  }

  /** Resolves with the agent's link once it connects; rejects at the deadline or when stopped. */
  waitForAgent(computerId: string, until: number, signal: AbortSignal): Promise<NonNullable<ReturnType<AgentGateway['link']>>> {
    const existing = this.gateway.link(computerId);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        subscription.dispose();
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        cleanup();
        reject(new StoppedError());
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new AgentUnavailableError(computerId));
      }, Math.max(0, until - Date.now()));
      const subscription = this.gateway.onConnect((link) => {
        if (link.computerId !== computerId) return;
        cleanup();
        resolve(link);
      });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort);
    });
  }
}
