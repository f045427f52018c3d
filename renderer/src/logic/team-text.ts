// Words and colours for team sharing: the app-bar indicator, roles, and "who changed what" lines.
import type { ActivityEntry, HistoryEntry, TeamStatus } from '../../../shared/api/team.js';
import type { Role } from '../../../shared/sync/roles.js';

export interface TeamLook {
  label: string;
  color: 'success' | 'info' | 'warning' | 'error';
  icon: string;
  /** A sentence for the tooltip and screen readers. */
  detail: string;
}

export function teamLook(status: TeamStatus): TeamLook | null {
  if (!status.joined) return null;
  const pending = status.pendingChanges;
  const waiting = pending === 1 ? '1 change waiting to be shared' : `${pending} changes waiting to be shared`;
  if (status.revoked) return { label: 'Removed from team', color: 'error', icon: '$teamOff', detail: status.lastError ?? 'This console was removed from the team; nothing is shared any more.' };
  switch (status.state) {
    case 'online':
      return { label: 'Team online', color: 'success', icon: '$team', detail: `In sync with ${status.team?.name ?? 'the team'}.` };
    case 'syncing':
      return { label: pending > 0 ? `Syncing · ${pending}` : 'Syncing', color: 'info', icon: '$sync', detail: pending > 0 ? `Sharing: ${waiting}.` : 'Catching up with the team.' };
    case 'offline':
      return {
        label: pending > 0 ? `Team offline · ${pending}` : 'Team offline',
        color: 'warning',
        icon: '$teamOff',
        detail: `The relay cannot be reached. ${pending > 0 ? `${waiting[0]!.toUpperCase()}${waiting.slice(1)}; they are kept and sent when it is back.` : 'Changes made now are kept and sent when it is back.'}`,
      };
  }
}

export const ROLE_LABELS: Record<Role, string> = { owner: 'Owner', technician: 'Technician', viewer: 'Viewer' };

export const ROLE_HINTS: Record<Role, string> = {
  owner: 'Changes everything, invites and removes members',
  technician: 'Changes configuration and runs maintenance',
  viewer: 'Sees everything, changes nothing',
};

const KIND_LABELS: Record<string, string> = {
  tenant: 'tenant',
  computer: 'computer',
  software: 'software',
  deployment: 'deployment',
  settings: 'settings',
  window: 'maintenance window',
  group: 'group',
  task: 'task',
  'notification-rule': 'notification rule',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.replace(/-/g, ' ');
}

function who(entry: HistoryEntry): string {
  return entry.author?.name ?? 'This console (before joining)';
}

/** "Alice created tenant Acme Dental", "Bob changed name, vendor of software 7-Zip". */
export function activitySentence(entry: ActivityEntry): string {
  const what = entry.kind === 'settings' ? 'the settings' : `${kindLabel(entry.kind)} ${entry.label}`;
  if (entry.action === 'created') return `${who(entry)} created ${what}`;
  if (entry.action === 'deleted') return `${who(entry)} deleted ${what}`;
  return `${who(entry)} changed ${changedFields(entry.fields)} of ${what}`;
}

/** A history entry of one entity: "Created by Alice", "Bob changed name". */
export function historySentence(entry: HistoryEntry, index: number, total: number): string {
  if (entry.deleted) return `Deleted by ${who(entry)}`;
  if (index === total - 1 && entry.fields.includes('id')) return `Created by ${who(entry)}`;
  return `${who(entry)} changed ${changedFields(entry.fields)}`;
}

function changedFields(fields: string[]): string {
  const shown = fields.filter((f) => f !== 'updatedAt' && f !== 'id');
  return shown.length === 0 ? 'it' : shown.slice(0, 4).join(', ') + (shown.length > 4 ? ` and ${shown.length - 4} more` : '');
}
