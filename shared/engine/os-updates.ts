// Which of the updates a provider found the Windows Update settings let through now: category
// chosen, and released at least the category's deferral days ago.
import type { OsUpdate, ScannedUpdate } from '../model/os-updates.js';
import type { UpdateCategory, WindowsUpdateSettings } from '../model/settings.js';

const DAY_MS = 86_400_000;

export type UpdateSelection = Pick<WindowsUpdateSettings, 'categories' | 'deferralDays'>;

export function selectUpdate(update: OsUpdate, settings: UpdateSelection, now: number): ScannedUpdate {
  if (!settings.categories.includes(update.category)) {
    return { ...update, selected: false, heldBack: `category ${update.category} is not chosen in the Windows Update settings` };
  }
  const days = settings.deferralDays[update.category] ?? 0;
  // Without a release date (apt) there is nothing to defer from: the update goes through.
  if (days > 0 && update.releaseDate !== null) {
    const until = Date.parse(update.releaseDate) + days * DAY_MS;
    if (until > now) return { ...update, selected: false, heldBack: `deferred ${days} day${days === 1 ? '' : 's'} after release, until ${new Date(until).toISOString().slice(0, 10)}` };
  }
  return { ...update, selected: true, heldBack: null };
}

export function selectUpdates(updates: readonly OsUpdate[], settings: UpdateSelection, now: number): ScannedUpdate[] {
  return updates.map((u) => selectUpdate(u, settings, now));
}

/** A one-line description of what a scan found, for logs and compliance notes. */
export function describeUpdates(updates: readonly ScannedUpdate[]): string {
  const selected = updates.filter((u) => u.selected);
  const byCategory = new Map<UpdateCategory, number>();
  for (const u of selected) byCategory.set(u.category, (byCategory.get(u.category) ?? 0) + 1);
  const parts = [...byCategory].map(([c, n]) => `${n} ${c}`);
  const held = updates.length - selected.length;
  const count = `${selected.length} update${selected.length === 1 ? '' : 's'} pending`;
  return `${count}${parts.length ? ` (${parts.join(', ')})` : ''}${held ? `; ${held} held back` : ''}`;
}
