// What exactly a command signature covers, shared by the console that signs and the agent that checks.
import { canonicalJson } from '../canonical-json.js';
import type { CommandEnvelope, SignedCommand } from './agent.js';

export function signedBytes(envelope: CommandEnvelope): string {
  return canonicalJson({ id: envelope.id, agentId: envelope.agentId, issuedAt: envelope.issuedAt, expiresAt: envelope.expiresAt, body: envelope.body });
}

export function envelopeOf(command: SignedCommand): CommandEnvelope {
  const { signature: _signature, ...envelope } = command;
  return envelope;
}
