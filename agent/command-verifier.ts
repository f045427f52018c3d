// The agent runs only commands signed by its console, addressed to itself, and not expired.
import { verify, type KeyObject } from 'node:crypto';
import { signedBytes, envelopeOf } from '../shared/protocol/signed-command.js';
import type { SignedCommand } from '../shared/protocol/agent.js';

/** Returns null when the command may run, else the reason it may not. */
export function checkCommand(command: SignedCommand, agentId: string, consoleKey: KeyObject, now: number): string | null {
  let valid: boolean;
  try {
    valid = verify(null, Buffer.from(signedBytes(envelopeOf(command)), 'utf8'), consoleKey, Buffer.from(command.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return 'bad signature: the command was not signed by this agent\'s console or was altered';
  if (command.agentId !== agentId) return `addressed to agent ${command.agentId}, not this one`;
  const expires = Date.parse(command.expiresAt);
  if (!Number.isFinite(expires) || now > expires) return `expired at ${command.expiresAt}`;
  return null;
}
