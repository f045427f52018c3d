// Signs commands for one agent with an expiry: the agent runs nothing else.
import type { CommandBody, SignedCommand } from '../../../shared/protocol/agent.js';
import { signedBytes } from '../../../shared/protocol/signed-command.js';
import type { ConsoleKeys } from '../crypto/console-keys.js';
import type { Clock } from '../ports.js';

export class CommandSigner {
  constructor(
    private readonly keys: ConsoleKeys,
    private readonly clock: Clock,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  /** Signs (or re-signs, with a fresh expiry) the command `id` for `agentId`. */
  sign(agentId: string, id: string, body: CommandBody): SignedCommand {
    const now = this.clock.now();
    const envelope = { id, agentId, issuedAt: new Date(now).toISOString(), expiresAt: new Date(now + this.ttlMs).toISOString(), body };
    return { ...envelope, signature: this.keys.sign(signedBytes(envelope)) };
  }
}
