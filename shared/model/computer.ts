// A managed computer as the console knows it: identity, inventory and connection status.
import { z } from 'zod';
import { Id, IsoTime } from './common.js';
import { PendingUpdates } from './os-updates.js';

export const Platform = z.enum(['linux', 'windows', 'darwin', 'other']);
export type Platform = z.infer<typeof Platform>;

export const OsInfo = z.object({
  platform: Platform,
  name: z.string().max(200),
  version: z.string().max(200),
  arch: z.string().max(50),
});
export type OsInfo = z.infer<typeof OsInfo>;

export const InstalledSoftware = z.object({
  softwareId: Id,
  name: z.string(),
  version: z.string(),
  detectedAt: IsoTime,
});
export type InstalledSoftware = z.infer<typeof InstalledSoftware>;

export const Computer = z.object({
  id: Id,
  tenantId: Id,
  name: z.string(),
  hostName: z.string(),
  os: OsInfo,
  agentVersion: z.string(),
  online: z.boolean(),
  lastSeenAt: IsoTime.nullable(),
  enrolledAt: IsoTime,
  software: z.array(InstalledSoftware),
  /** The last OS-update scan (a session's); null before the first (optional: older consoles omit it). */
  pendingUpdates: PendingUpdates.nullable().optional(),
});
export type Computer = z.infer<typeof Computer>;
