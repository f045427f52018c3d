// The settings form: a copy of the document the user edits, and the patch of what changed.
import type { Settings, SettingsPatch } from '../../../shared/model/settings.js';

export type SettingsDraft = Pick<Settings, 'automatedMaintenance' | 'windowsUpdates' | 'notifications' | 'compliance'>;

export function draftOf(s: Settings): SettingsDraft {
  // A JSON copy: the document may be a reactive proxy, which structuredClone refuses.
  return JSON.parse(JSON.stringify({ automatedMaintenance: s.automatedMaintenance, windowsUpdates: s.windowsUpdates, notifications: s.notifications, compliance: s.compliance })) as SettingsDraft;
}

const SECTIONS = ['automatedMaintenance', 'windowsUpdates', 'notifications', 'compliance'] as const;

/** Only the sections that differ go to the core, so two technicians' edits of different sections both stay. */
export function patchOf(saved: Settings, draft: SettingsDraft): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const section of SECTIONS) {
    if (JSON.stringify(saved[section]) !== JSON.stringify(draft[section])) patch[section] = draft[section];
  }
  return patch;
}
