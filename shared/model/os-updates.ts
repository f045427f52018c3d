// OS updates as the agent's providers report them (Windows Update Agent, apt), and the summary of
// the last scan that a computer's inventory shows.
import { z } from 'zod';
import { IsoTime } from './common.js';
import { UpdateCategory } from './settings.js';

export const UpdateProvider = z.enum(['windows-update', 'apt']);
export type UpdateProvider = z.infer<typeof UpdateProvider>;

export const OsUpdate = z.object({
  /** WUA UpdateID, or the apt package name. */
  id: z.string().min(1).max(300),
  title: z.string().max(1000),
  category: UpdateCategory,
  kb: z.string().max(50).nullable(),
  /** When the vendor released it (WUA LastDeploymentChangeTime); null when the source has no date (apt). */
  releaseDate: IsoTime.nullable(),
  severity: z.string().max(50).nullable(),
  fromVersion: z.string().max(200).nullable(),
  toVersion: z.string().max(200).nullable(),
});
export type OsUpdate = z.infer<typeof OsUpdate>;

export const ScannedUpdate = OsUpdate.extend({
  /** Passes the category and deferral settings: would be installed now. */
  selected: z.boolean(),
  /** Why it is held back (category not chosen, deferred until …); null when selected. */
  heldBack: z.string().max(300).nullable(),
});
export type ScannedUpdate = z.infer<typeof ScannedUpdate>;

export const UpdateScan = z.object({
  /** Null when no provider fits this computer's platform. */
  provider: UpdateProvider.nullable(),
  /** Why the scan could not run (no provider, the provider failed). */
  error: z.string().max(2000).nullable(),
  updates: z.array(ScannedUpdate).max(5000),
  rebootRequired: z.boolean(),
});
export type UpdateScan = z.infer<typeof UpdateScan>;

/** What a computer's inventory says about OS updates: the result of its last scan. */
export const PendingUpdates = z.object({
  provider: UpdateProvider.nullable(),
  scannedAt: IsoTime,
  error: z.string().nullable(),
  /** Updates the settings would install now. */
  count: z.number().int().min(0),
  security: z.number().int().min(0),
  /** Updates found but held back by category or deferral. */
  heldBack: z.number().int().min(0),
  rebootRequired: z.boolean(),
  updates: z.array(z.object({ id: z.string(), title: z.string(), category: UpdateCategory, kb: z.string().nullable(), selected: z.boolean() })).max(500),
});
export type PendingUpdates = z.infer<typeof PendingUpdates>;

export function summarizeScan(scan: UpdateScan, scannedAt: string): PendingUpdates {
  const selected = scan.updates.filter((u) => u.selected);
  return {
    provider: scan.provider,
    scannedAt,
    error: scan.error,
    count: selected.length,
    security: selected.filter((u) => u.category === 'security').length,
    heldBack: scan.updates.length - selected.length,
    rebootRequired: scan.rebootRequired,
    updates: scan.updates.slice(0, 500).map((u) => ({ id: u.id, title: u.title, category: u.category, kb: u.kb, selected: u.selected })),
  };
}
