// The agent protocol: every frame between the console's gateway and an agent, versioned and size-limited.
import { z } from 'zod';
import { Id, IsoTime, Script } from '../model/common.js';
import { OsInfo } from '../model/computer.js';
import { UpdateScan, UpdateProvider } from '../model/os-updates.js';
import { UpdateCategory } from '../model/settings.js';

export const AGENT_PROTOCOL_VERSION = 1;
/** Largest frame either side accepts; a bigger one closes the connection. */
export const MAX_AGENT_FRAME_BYTES = 1024 * 1024;
/** Largest chunk of script output sent in one frame. */
export const MAX_OUTPUT_CHUNK = 16 * 1024;

const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/);
export const ScriptEnv = z.record(EnvName, z.string().max(32 * 1024));
export type ScriptEnv = z.infer<typeof ScriptEnv>;

export const Inventory = z.object({
  hostName: z.string().max(255),
  os: OsInfo,
  agentVersion: z.string().max(50),
  bootId: z.string().max(100),
});
export type Inventory = z.infer<typeof Inventory>;

// ---- Commands: signed by the console for one agent, with an expiry. ----

export const RunScriptPayload = z.strictObject({
  script: Script,
  env: ScriptEnv,
  timeoutSeconds: z.number().int().min(1).max(24 * 3600),
});
export type RunScriptPayload = z.infer<typeof RunScriptPayload>;

export const DetectPayload = z.strictObject({
  items: z.array(z.strictObject({ key: z.string().max(200), script: Script, env: ScriptEnv })).max(1000),
  timeoutSeconds: z.number().int().min(1).max(3600),
});
export type DetectPayload = z.infer<typeof DetectPayload>;

/** Which OS updates to look for or install: the Windows Update settings at the time of the command. */
export const UpdateSelectionPayload = z.strictObject({
  categories: z.array(UpdateCategory),
  deferralDays: z.partialRecord(UpdateCategory, z.number().int().min(0).max(365)),
  timeoutSeconds: z.number().int().min(1).max(24 * 3600),
});
export type UpdateSelectionPayload = z.infer<typeof UpdateSelectionPayload>;

export const RebootPayload = z.strictObject({
  /** True: restart only when the OS says a restart is pending (restart behaviour if-required). */
  onlyIfRequired: z.boolean(),
});
export type RebootPayload = z.infer<typeof RebootPayload>;

export const CommandBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('run-script'), payload: RunScriptPayload }),
  z.strictObject({ kind: z.literal('detect'), payload: DetectPayload }),
  /** Read-only: what the platform's provider would install under these settings. */
  z.strictObject({ kind: z.literal('os-updates-scan'), payload: UpdateSelectionPayload }),
  /** Scans again and installs what the settings let through. */
  z.strictObject({ kind: z.literal('os-updates-install'), payload: UpdateSelectionPayload }),
  z.strictObject({ kind: z.literal('reboot'), payload: RebootPayload }),
]);
export type CommandBody = z.infer<typeof CommandBody>;
export type CommandKind = CommandBody['kind'];

export const CommandEnvelope = z.strictObject({
  id: Id,
  agentId: Id,
  issuedAt: IsoTime,
  expiresAt: IsoTime,
  body: CommandBody,
});
export type CommandEnvelope = z.infer<typeof CommandEnvelope>;

export const SignedCommand = CommandEnvelope.extend({
  /** Ed25519 signature, base64, over canonicalJson(envelope without signature). */
  signature: z.string().min(1).max(200),
});
export type SignedCommand = z.infer<typeof SignedCommand>;

export const RunScriptResult = z.object({
  exitCode: z.number().int().nullable(),
  timedOut: z.boolean(),
  durationMs: z.number().min(0),
  /** Tails of the output (the full output was streamed as it came). */
  stdout: z.string(),
  stderr: z.string(),
});
export type RunScriptResult = z.infer<typeof RunScriptResult>;

export const DetectResult = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      /** The detected version, or null when the item is absent. */
      version: z.string().nullable(),
      exitCode: z.number().int().nullable(),
      error: z.string().nullable(),
    }),
  ),
  durationMs: z.number().min(0),
});
export type DetectResult = z.infer<typeof DetectResult>;

export const UpdateInstallResult = z.object({
  provider: UpdateProvider.nullable(),
  error: z.string().max(2000).nullable(),
  installed: z.array(z.object({ id: z.string(), title: z.string() })).max(5000),
  failed: z.array(z.object({ id: z.string(), title: z.string(), reason: z.string().max(1000) })).max(5000),
  rebootRequired: z.boolean(),
});
export type UpdateInstallResult = z.infer<typeof UpdateInstallResult>;

export const RebootResult = z.object({
  rebooting: z.boolean(),
  /** The boot id when the command ran: a different one after reconnecting proves the restart. */
  bootId: z.string().max(100),
  reason: z.string().max(1000),
});
export type RebootResult = z.infer<typeof RebootResult>;

// A plain union: several members share status 'completed' and differ by kind.
export const CommandOutcome = z.union([
  z.object({ status: z.literal('completed'), kind: z.literal('run-script'), data: RunScriptResult }),
  z.object({ status: z.literal('completed'), kind: z.literal('detect'), data: DetectResult }),
  z.object({ status: z.literal('completed'), kind: z.literal('os-updates-scan'), data: UpdateScan }),
  z.object({ status: z.literal('completed'), kind: z.literal('os-updates-install'), data: UpdateInstallResult }),
  z.object({ status: z.literal('completed'), kind: z.literal('reboot'), data: RebootResult }),
  /** The command started before the agent restarted: whether it finished is not known. */
  z.object({ status: z.literal('outcome-unknown'), reason: z.string().max(1000) }),
  /** The agent refused the command (bad signature, wrong agent, expired, malformed): nothing ran. */
  z.object({ status: z.literal('rejected'), reason: z.string().max(1000) }),
]);
export type CommandOutcome = z.infer<typeof CommandOutcome>;

// ---- Frames ----

export const ConsoleFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('challenge'), protocol: z.number().int(), nonce: z.string().min(16).max(200) }),
  z.object({ type: z.literal('welcome'), agentId: Id, computerId: Id, heartbeatSeconds: z.number().int().min(5).max(600) }),
  z.object({ type: z.literal('refused'), reason: z.string().max(1000), retry: z.boolean() }),
  z.object({ type: z.literal('command'), command: SignedCommand }),
  z.object({ type: z.literal('heartbeat-ack'), at: IsoTime }),
  /** The console could not use a frame (it is dropped; the connection stays up). */
  z.object({ type: z.literal('error'), message: z.string().max(1000) }),
]);
export type ConsoleFrame = z.infer<typeof ConsoleFrame>;

export const AgentFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('enroll'),
    protocol: z.number().int(),
    token: z.string().max(4096),
    name: z.string().trim().min(1).max(200).nullable(),
    publicKey: z.string().min(1).max(200),
    /** Signature of the challenge nonce with the new key: proof the agent holds it. */
    signature: z.string().min(1).max(200),
    inventory: Inventory,
  }),
  z.object({
    type: z.literal('auth'),
    protocol: z.number().int(),
    agentId: Id,
    signature: z.string().min(1).max(200),
    inventory: Inventory,
  }),
  z.object({ type: z.literal('heartbeat'), at: IsoTime }),
  z.object({ type: z.literal('inventory'), inventory: Inventory }),
  z.object({ type: z.literal('command-ack'), id: Id }),
  z.object({
    type: z.literal('output'),
    id: Id,
    stream: z.enum(['stdout', 'stderr']),
    text: z.string().max(MAX_OUTPUT_CHUNK * 4),
  }),
  z.object({ type: z.literal('result'), id: Id, outcome: CommandOutcome }),
]);
export type AgentFrame = z.infer<typeof AgentFrame>;

/** What the agent signs to prove its key: binds the nonce to the agent id so it cannot be replayed for another. */
export function authMessage(nonce: string, agentId: string): string {
  return `steward-auth:v1:${agentId}:${nonce}`;
}

export function enrollMessage(nonce: string, publicKey: string): string {
  return `steward-enroll:v1:${publicKey}:${nonce}`;
}
