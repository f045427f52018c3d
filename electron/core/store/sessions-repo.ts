// Sessions and their actions: typed rows, every transition written before it is acted on.
import type { Action, ActionKind, ActionStatus, Decision, Priority, Session, SessionStatus, SessionSummary, SessionTrigger } from '../../../shared/model/session.js';
import type { NotifyPreference } from '../../../shared/model/settings.js';
import type { Database } from './database.js';
import { int, intOrNull, json, text, textOrNull, type Row } from './row.js';

/** Where a session's runner is: planning is safe to repeat, executing is not. */
export type SessionPhase = 'new' | 'planned' | 'done';

export interface SessionRecord extends SessionSummary {
  deadline: string | null;
  phase: SessionPhase;
  deploymentIds: string[] | null;
  decisions: Decision[];
  idempotencyKey: string | null;
  /** For scheduled sessions: the window and the start of the occurrence that queued it. */
  windowId: string | null;
  occurrenceStart: string | null;
  /** Desktop notification choice of a manual run (scheduled runs follow the settings). */
  notify: NotifyPreference;
}

/** Which step of an action was last started: the script, or the detection that verifies it. */
export type ActionPhase = 'uninstall-step' | 'execute' | 'verify';

export interface ActionRecord extends Action {
  sessionId: string;
  ord: number;
  itemKind: 'software' | 'task' | null;
  itemId: string | null;
  commandId: string | null;
  phase: ActionPhase | null;
  /** A problem found while planning: the action fails without running. */
  error: string | null;
}

export function toSession(r: Row): SessionRecord {
  return {
    id: text(r.id),
    computerId: text(r.computer_id),
    tenantId: text(r.tenant_id),
    status: r.status as SessionStatus,
    trigger: r.trigger as SessionTrigger,
    priority: r.priority as Priority,
    reason: textOrNull(r.reason),
    createdAt: text(r.created_at),
    startedAt: textOrNull(r.started_at),
    endedAt: textOrNull(r.ended_at),
    deadline: textOrNull(r.deadline),
    phase: r.phase as SessionPhase,
    deploymentIds: r.deployment_ids ? (json<string[]>(r.deployment_ids)) : null,
    decisions: r.decisions ? (json<Decision[]>(r.decisions)) : [],
    idempotencyKey: textOrNull(r.idempotency_key),
    windowId: textOrNull(r.window_id),
    occurrenceStart: textOrNull(r.occurrence_start),
    notify: text(r.notify) as NotifyPreference,
  };
}

function toAction(r: Row): ActionRecord {
  return {
    id: text(r.id),
    sessionId: text(r.session_id),
    ord: int(r.ord),
    deploymentId: textOrNull(r.deployment_id),
    itemKind: textOrNull(r.item_kind) as ActionRecord['itemKind'],
    itemId: textOrNull(r.item_id),
    kind: r.kind as ActionKind,
    status: r.status as ActionStatus,
    reason: textOrNull(r.reason),
    fromVersion: textOrNull(r.from_version),
    toVersion: textOrNull(r.to_version),
    startedAt: textOrNull(r.started_at),
    endedAt: textOrNull(r.ended_at),
    exitCode: intOrNull(r.exit_code),
    commandId: textOrNull(r.command_id),
    phase: textOrNull(r.phase) as ActionPhase | null,
    error: textOrNull(r.error),
  };
}

export function summaryOf(s: SessionRecord): SessionSummary {
  return {
    id: s.id,
    computerId: s.computerId,
    tenantId: s.tenantId,
    status: s.status,
    trigger: s.trigger,
    priority: s.priority,
    reason: s.reason,
    createdAt: s.createdAt,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
  };
}

export function publicAction(a: ActionRecord): Action {
  return {
    id: a.id,
    deploymentId: a.deploymentId,
    kind: a.kind,
    status: a.status,
    reason: a.reason,
    fromVersion: a.fromVersion,
    toVersion: a.toVersion,
    startedAt: a.startedAt,
    endedAt: a.endedAt,
    exitCode: a.exitCode,
  };
}

const SESSION_COLUMNS: Record<string, string> = {
  status: 'status',
  reason: 'reason',
  startedAt: 'started_at',
  endedAt: 'ended_at',
  deadline: 'deadline',
  phase: 'phase',
  decisions: 'decisions',
  priority: 'priority',
};

const ACTION_COLUMNS: Record<string, string> = {
  status: 'status',
  reason: 'reason',
  fromVersion: 'from_version',
  toVersion: 'to_version',
  startedAt: 'started_at',
  endedAt: 'ended_at',
  exitCode: 'exit_code',
  commandId: 'command_id',
  phase: 'phase',
};

export type SessionPatch = Partial<Pick<SessionRecord, 'status' | 'reason' | 'startedAt' | 'endedAt' | 'deadline' | 'phase' | 'decisions' | 'priority'>>;
export type ActionPatch = Partial<Pick<ActionRecord, 'status' | 'reason' | 'fromVersion' | 'toVersion' | 'startedAt' | 'endedAt' | 'exitCode' | 'commandId' | 'phase'>>;

function assignments(patch: Record<string, unknown>, columns: Record<string, string>): { sql: string; values: unknown[] } {
  const keys = Object.keys(patch).filter((k) => patch[k] !== undefined);
  const values = keys.map((k) => (k === 'decisions' ? JSON.stringify(patch[k]) : patch[k]));
  return { sql: keys.map((k) => `${columns[k]} = ?`).join(', '), values };
}

export class SessionsRepo {
  constructor(private readonly db: Database) {}

  /** Inserts a session; returns false when its idempotency key was already used (nothing written). */
  insert(s: SessionRecord): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO sessions (id, computer_id, tenant_id, status, trigger, priority, reason, created_at, started_at, ended_at, deadline, phase, deployment_ids, decisions, idempotency_key, window_id, occurrence_start, notify)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
      )
      .run(
        s.id, s.computerId, s.tenantId, s.status, s.trigger, s.priority, s.reason, s.createdAt, s.startedAt, s.endedAt, s.deadline, s.phase,
        s.deploymentIds ? JSON.stringify(s.deploymentIds) : null, JSON.stringify(s.decisions), s.idempotencyKey, s.windowId, s.occurrenceStart, s.notify,
      );
    return result.changes === 1;
  }

  get(id: string): SessionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id);
    return row ? toSession(row) : undefined;
  }

  update(id: string, patch: SessionPatch): void {
    const { sql, values } = assignments(patch, SESSION_COLUMNS);
    if (sql) this.db.prepare(`UPDATE sessions SET ${sql} WHERE id = ?`).run(...values, id);
  }

  /** Sessions that are not finished: what a restarted console must resume or close. */
  active(): SessionRecord[] {
    return this.db
      // A teammate's session (origin_console set) is theirs to run; this console only shows it.
      .prepare("SELECT * FROM sessions WHERE status IN ('queued', 'waiting-for-agent', 'in-progress') AND origin_console IS NULL ORDER BY created_at, id")
      .all()
      .map(toSession);
  }

  insertActions(actions: ActionRecord[]): void {
    const statement = this.db.prepare(
      `INSERT INTO actions (id, session_id, ord, deployment_id, item_kind, item_id, kind, status, reason, from_version, to_version, started_at, ended_at, exit_code, command_id, phase, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const a of actions) {
      statement.run(a.id, a.sessionId, a.ord, a.deploymentId, a.itemKind, a.itemId, a.kind, a.status, a.reason, a.fromVersion, a.toVersion, a.startedAt, a.endedAt, a.exitCode, a.commandId, a.phase, a.error);
    }
  }

  actions(sessionId: string): ActionRecord[] {
    return this.db.prepare('SELECT * FROM actions WHERE session_id = ? ORDER BY ord').all(sessionId).map(toAction);
  }

  getAction(id: string): ActionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM actions WHERE id = ?').get(id);
    return row ? toAction(row) : undefined;
  }

  updateAction(id: string, patch: ActionPatch): void {
    const { sql, values } = assignments(patch, ACTION_COLUMNS);
    if (sql) this.db.prepare(`UPDATE actions SET ${sql} WHERE id = ?`).run(...values, id);
  }

  full(id: string): Session | undefined {
    const s = this.get(id);
    if (!s) return undefined;
    return { ...summaryOf(s), deploymentIds: s.deploymentIds, decisions: s.decisions, actions: this.actions(id).map(publicAction) };
  }
}
