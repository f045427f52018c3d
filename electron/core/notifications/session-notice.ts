// What a notification says about one finished session, captured when it ended (names as they were
// then), stored with digests and rendered into mails and desktop notices.
import { z } from 'zod';
import { NotificationTrigger } from '../../../shared/model/notification.js';
import { SessionStatus, SessionTrigger } from '../../../shared/model/session.js';
import type { SessionsRepo, SessionRecord } from '../store/sessions-repo.js';

export const SessionNotice = z.object({
  event: NotificationTrigger,
  sessionId: z.string(),
  computerId: z.string(),
  computer: z.string(),
  tenantId: z.string(),
  tenant: z.string(),
  status: SessionStatus,
  trigger: SessionTrigger,
  reason: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  failedActions: z.array(z.string()),
  complianceIssues: z.array(z.string()),
  windowId: z.string().nullable(),
  occurrenceStart: z.string().nullable(),
});
export type SessionNotice = z.infer<typeof SessionNotice>;

export interface NoticeNames {
  computer(id: string): string | null;
  tenant(id: string): string | null;
  software(id: string): string | null;
}

/** Which rule trigger a session's final status fires, if any. */
export function triggerOf(status: SessionStatus): NotificationTrigger | null {
  if (status === 'failed' || status === 'incomplete') return 'session-failed';
  if (status === 'completed') return 'session-completed';
  return null;
}

export function sessionNotice(session: SessionRecord, sessions: SessionsRepo, names: NoticeNames, event: NotificationTrigger, complianceIssues: string[] = []): SessionNotice {
  const failedActions = sessions
    .actions(session.id)
    .filter((a) => a.status === 'failed')
    .map((a) => {
      const item = a.itemId ? (names.software(a.itemId) ?? a.itemId) : '';
      const version = a.toVersion ? ` ${a.toVersion}` : '';
      return `${a.kind} ${item}${version}: ${a.reason ?? 'failed'}${a.exitCode !== null && !(a.reason ?? '').includes(String(a.exitCode)) ? ` (exit code ${a.exitCode})` : ''}`;
    });
  return {
    event,
    sessionId: session.id,
    computerId: session.computerId,
    computer: names.computer(session.computerId) ?? session.computerId,
    tenantId: session.tenantId,
    tenant: names.tenant(session.tenantId) ?? session.tenantId,
    status: session.status,
    trigger: session.trigger,
    reason: session.reason,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    failedActions,
    complianceIssues,
    windowId: session.windowId,
    occurrenceStart: session.occurrenceStart,
  };
}
