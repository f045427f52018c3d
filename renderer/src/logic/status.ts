// How statuses look: one label, colour and icon per session, action and computer status, so every
// chip in the console agrees. Colours are theme names (success, error, …) that work in both themes.
import type { ActionStatus, SessionStatus } from '../../../shared/model/session.js';

export interface StatusLook {
  label: string;
  color: string;
  icon: string;
}

const SESSION: Record<SessionStatus, StatusLook> = {
  queued: { label: 'Queued', color: 'secondary', icon: '$statusQueued' },
  'waiting-for-agent': { label: 'Waiting for agent', color: 'warning', icon: '$statusWaiting' },
  'in-progress': { label: 'In progress', color: 'info', icon: '$statusRunning' },
  completed: { label: 'Completed', color: 'success', icon: '$statusSucceeded' },
  failed: { label: 'Failed', color: 'error', icon: '$statusFailed' },
  cancelled: { label: 'Cancelled', color: 'secondary', icon: '$statusCancelled' },
  skipped: { label: 'Skipped', color: 'secondary', icon: '$statusSkipped' },
  incomplete: { label: 'Incomplete', color: 'warning', icon: '$statusIncomplete' },
};

const ACTION: Record<ActionStatus, StatusLook> = {
  pending: { label: 'Pending', color: 'secondary', icon: '$statusQueued' },
  running: { label: 'Running', color: 'info', icon: '$statusRunning' },
  succeeded: { label: 'Succeeded', color: 'success', icon: '$statusSucceeded' },
  failed: { label: 'Failed', color: 'error', icon: '$statusFailed' },
  skipped: { label: 'Skipped', color: 'secondary', icon: '$statusSkipped' },
};

export function sessionLook(status: SessionStatus): StatusLook {
  return SESSION[status];
}

export function actionLook(status: ActionStatus): StatusLook {
  return ACTION[status];
}

export function computerLook(online: boolean): StatusLook {
  return online ? { label: 'Online', color: 'success', icon: '$online' } : { label: 'Offline', color: 'secondary', icon: '$offline' };
}

export const SESSION_STATUS_OPTIONS = (Object.keys(SESSION) as SessionStatus[]).map((value) => ({ value, title: SESSION[value].label }));

export function isActiveSession(status: SessionStatus): boolean {
  return status === 'queued' || status === 'waiting-for-agent' || status === 'in-progress';
}

const ACTION_KIND: Record<string, string> = {
  install: 'Install',
  upgrade: 'Upgrade',
  uninstall: 'Uninstall',
  'run-task': 'Run task',
  'install-updates': 'Install updates',
  reboot: 'Reboot',
};

export function actionKindLabel(kind: string): string {
  return ACTION_KIND[kind] ?? kind;
}
