// Console API: the console itself and its change feed (what the renderer's replica follows).
import { z } from 'zod';
import { Id } from '../model/common.js';
import { query } from './method.js';

export const EntityKind = z.enum(['tenant', 'computer', 'software', 'deployment', 'task', 'settings', 'window', 'group', 'notification-rule', 'smtp-settings']);
export type EntityKind = z.infer<typeof EntityKind>;

export const Change = z.object({ seq: z.number().int(), kind: EntityKind, id: Id, deleted: z.boolean(), data: z.unknown() });
export type Change = z.infer<typeof Change>;

/** How this console keeps its secrets at rest, in words for the settings screen. */
export const SecretStorage = z.object({
  /** `os-keyring`: the key is sealed by the OS (Keychain, DPAPI, libsecret, KWallet); `key-file`: a file only this user can read. */
  kind: z.enum(['os-keyring', 'key-file']),
  detail: z.string(),
});
export type SecretStorage = z.infer<typeof SecretStorage>;

export const systemApi = {
  'system.info': query(
    z.strictObject({}),
    z.object({ version: z.string(), consoleId: Id, agentGatewayUrl: z.string(), startedAt: z.string(), secretStorage: SecretStorage }),
  ),
  /** Entities changed after `cursor` (0 = everything), oldest first; `reset` means the replica must start over. */
  'changes.since': query(
    z.strictObject({ cursor: z.number().int().min(0), limit: z.number().int().min(1).max(5000).default(1000) }),
    z.object({ changes: z.array(Change), cursor: z.number().int(), more: z.boolean(), reset: z.boolean() }),
  ),
} as const;
