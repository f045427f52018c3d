// What a new maintenance session is made of, the record written for it, and its queue class.
import type { Priority, SessionStatus, SessionTrigger } from '../../../shared/model/session.js';
import type { NotifyPreference } from '../../../shared/model/settings.js';
import { newId } from '../../../shared/ids.js';
import type { SessionRecord } from '../store/sessions-repo.js';
import type { QueueClass } from './session-queue.js';

export interface NewSession {
  computerId: string;
  trigger: SessionTrigger;
  priority: Priority;
  deploymentIds: string[] | null;
  /** No action starts after this instant (the end of a window occurrence). */
  deadline: string | null;
  /** Makes queuing idempotent (window + occurrence + computer). */
  idempotencyKey: string | null;
  windowId?: string | null;
  occurrenceStart?: string | null;
  notify?: NotifyPreference;
}

/** The stored record of a session that has not started (or, for a missed opening, is skipped). */
export function newSessionRecord(spec: NewSession, tenantId: string, createdAt: string, status: SessionStatus): SessionRecord {
  return {
    id: newId(),
    computerId: spec.computerId,
    tenantId,
    status,
    trigger: spec.trigger,
    priority: spec.priority,
    reason: null,
    createdAt,
    startedAt: null,
    endedAt: null,
    deadline: spec.deadline,
    phase: 'new',
    deploymentIds: spec.deploymentIds,
    decisions: [],
    idempotencyKey: spec.idempotencyKey,
    windowId: spec.windowId ?? null,
    occurrenceStart: spec.occurrenceStart ?? null,
    notify: spec.notify ?? 'failure',
  };
}

export function queueClassOf(s: Pick<SessionRecord, 'trigger' | 'priority' | 'phase'>): QueueClass {
  if (s.phase !== 'new') return 'resume';
  if (s.trigger === 'manual') return s.priority === 'high' ? 'manual-high' : 'manual-normal';
  return s.trigger === 'retry' ? 'retry' : 'scheduled';
}

