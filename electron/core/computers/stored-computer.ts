// A computer as stored: identity and last inventory. Online state and software are added when read.
import { z } from 'zod';
import { Id, IsoTime } from '../../../shared/model/common.js';
import { OsInfo } from '../../../shared/model/computer.js';
import { PendingUpdates } from '../../../shared/model/os-updates.js';

export const StoredComputer = z.object({
  id: Id,
  tenantId: Id,
  /** The name the technician or `--name` gave; null means "use the host name". */
  customName: z.string().nullable(),
  hostName: z.string(),
  os: OsInfo,
  agentVersion: z.string(),
  enrolledAt: IsoTime,
  lastSeenAt: IsoTime.nullable(),
  revoked: z.boolean(),
  /** The last OS-update scan; absent before the first. */
  pendingUpdates: PendingUpdates.nullable().optional(),
  updatedAt: IsoTime,
});
export type StoredComputer = z.infer<typeof StoredComputer>;
