// Whether a finished session gets a desktop (tray or browser) notification, and what it says.
// A manual run follows its own `notify` choice; scheduled runs follow the settings.
import type { DesktopNotice } from '../../../shared/model/notification.js';
import type { Settings } from '../../../shared/model/settings.js';
import { newId } from '../../../shared/ids.js';
import type { SessionRecord } from '../store/sessions-repo.js';
import type { SessionNotice } from './session-notice.js';

const FAILURES = new Set(['failed', 'incomplete']);

export function wantsDesktopNotice(session: Pick<SessionRecord, 'status' | 'trigger' | 'notify'>, settings: Settings): boolean {
  const failed = FAILURES.has(session.status);
  if (session.trigger === 'manual') return session.notify === 'always' || (session.notify === 'failure' && failed);
  const preference = settings.automatedMaintenance.notify;
  if (failed) return settings.notifications.desktopOnFailure && preference !== 'none';
  return preference === 'always';
}

export function desktopNotice(notice: SessionNotice): DesktopNotice {
  const failed = FAILURES.has(notice.status);
  const detail = notice.failedActions[0] ?? notice.reason ?? (failed ? 'see the session for details' : 'all actions succeeded');
  const more = notice.failedActions.length > 1 ? ` (+${notice.failedActions.length - 1} more)` : '';
  return {
    id: newId(),
    sessionId: notice.sessionId,
    computerId: notice.computerId,
    status: notice.status,
    title: `Session ${notice.status} on ${notice.computer}`,
    body: `${notice.tenant}: ${detail}${more}`,
  };
}
