// Labels for the Windows Update settings and a computer's pending OS updates.
import type { PendingUpdates } from '../../../shared/model/os-updates.js';
import type { RestartBehaviour, UpdateCategory } from '../../../shared/model/settings.js';

export const UPDATE_CATEGORIES: { value: UpdateCategory; title: string; hint: string }[] = [
  { value: 'security', title: 'Security', hint: 'Security updates (on Debian/Ubuntu: packages from a -security suite)' },
  { value: 'critical', title: 'Critical', hint: 'Critical non-security fixes' },
  { value: 'definition', title: 'Definitions', hint: 'Antivirus definitions (Microsoft Defender)' },
  { value: 'feature', title: 'Feature updates', hint: 'New Windows versions and feature packs' },
  { value: 'driver', title: 'Drivers', hint: 'Hardware drivers offered by Windows Update' },
  { value: 'other', title: 'Other', hint: 'Everything else (on Debian/Ubuntu: every non-security upgrade)' },
];

export const RESTART_BEHAVIOURS: { value: RestartBehaviour; title: string; hint: string }[] = [
  { value: 'if-required', title: 'If required', hint: 'Restart when an update asks for it' },
  { value: 'always', title: 'Always', hint: 'Restart after installing updates' },
  { value: 'never', title: 'Never', hint: 'Report that a restart is pending; never restart' },
];

export function pendingUpdatesSummary(p: PendingUpdates | null | undefined): string {
  if (!p) return 'Not scanned yet: a session with the OS Updates task scans';
  if (p.error) return p.error;
  const parts = [p.count === 0 ? 'Up to date' : `${p.count} pending${p.security ? ` (${p.security} security)` : ''}`];
  if (p.heldBack) parts.push(`${p.heldBack} held back by the settings`);
  if (p.rebootRequired) parts.push('restart pending');
  return parts.join(' · ');
}
