// Console API: a computer's plan, previewed without changing it (its agent detects now, read-only).
import { z } from 'zod';
import { Id } from '../model/common.js';
import { ActionKind } from '../model/session.js';
import { query } from './method.js';

export const PreviewAction = z.object({
  deploymentId: Id,
  kind: ActionKind,
  fromVersion: z.string().nullable(),
  toVersion: z.string().nullable(),
  reason: z.string(),
  /** Listed but would not run (audit mode, no provider); `reason` says why. */
  skipped: z.boolean(),
  /** The action would fail without running (a missing version, a failed detection). */
  error: z.string().nullable(),
});
export type PreviewAction = z.infer<typeof PreviewAction>;

export const previewApi = {
  /** Fails with code `unavailable` when the computer's agent is offline: detection needs it. */
  'maintenance.preview': query(
    z.strictObject({ computerId: Id, deploymentIds: z.array(Id).min(1, 'when given, needs at least one deployment').optional() }),
    z.object({ actions: z.array(PreviewAction) }),
  ),
} as const;
