// Session summaries shared with the team: each session this console runs is published when its
// status changes, and teammates' sessions are kept as read-only rows (origin_console set) so the same
// sessions.list shows them. The maintenance service never touches a teammate's session.
import { z } from 'zod';
import { Id } from '../../../shared/model/common.js';
import { SessionSummary } from '../../../shared/model/session.js';
import type { EventBus } from '../event-bus.js';
import type { Logger } from '../ports.js';
import type { Database } from '../store/database.js';
import { text, textOrNull, type Row } from '../store/row.js';
import { syncRegistryOf, type Doc, type SyncedKind } from './synced-kinds.js';

export const SESSION_KIND = 'session';

/** A session summary as shared: which console ran it, and when it last changed (the summary's own times). */
export const SharedSession = SessionSummary.extend({ consoleId: Id });
export type SharedSession = z.infer<typeof SharedSession>;

/** Sessions this old are not uploaded when a console joins a team. */
const UPLOAD_DAYS = 30;

const COLUMNS = 'id, computer_id, tenant_id, status, trigger, priority, reason, created_at, started_at, ended_at';

function toShared(r: Row, consoleId: string): SharedSession {
  return {
    id: text(r.id),
    computerId: text(r.computer_id),
    tenantId: text(r.tenant_id),
    status: text(r.status) as SharedSession['status'],
    trigger: text(r.trigger) as SharedSession['trigger'],
    priority: text(r.priority) as SharedSession['priority'],
    reason: textOrNull(r.reason),
    createdAt: text(r.created_at),
    startedAt: textOrNull(r.started_at),
    endedAt: textOrNull(r.ended_at),
    consoleId,
  };
}

export class SessionSharing implements SyncedKind {
  readonly kind = SESSION_KIND;
  readonly localFields: readonly string[] = [];
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly consoleId: string,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {
    syncRegistryOf(db).register(this);
    this.subscription = events.subscribe((event) => {
      if (event.type === 'session') this.share(event.session.id);
    });
  }

  private local(id: string): SharedSession | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM sessions WHERE id = ? AND origin_console IS NULL`).get(id);
    return row ? toShared(row, this.consoleId) : null;
  }

  /** Publishes a local session's current summary (a teammate's is never sent back). */
  share(id: string): void {
    // Outside a team this is called for every session transition: cost nothing then.
    if (!syncRegistryOf(this.db).active) return;
    const summary = this.local(id);
    if (!summary) return;
    this.db.tx(() => syncRegistryOf(this.db).localWrite(this, id, summary as unknown as Doc));
  }

  all(): { id: string }[] {
    const since = new Date(this.now() - UPLOAD_DAYS * 24 * 3600_000).toISOString();
    return this.db.prepare(`SELECT ${COLUMNS} FROM sessions WHERE origin_console IS NULL AND created_at >= ?`).all(since).map((r) => toShared(r, this.consoleId));
  }

  /** Publishes local sessions whose last change was not shared (the console stopped in between). */
  reconcile(): number {
    const since = new Date(this.now() - UPLOAD_DAYS * 24 * 3600_000).toISOString();
    const rows = this.db
      .prepare(
        `SELECT s.id FROM sessions s LEFT JOIN sync_state x ON x.kind = '${SESSION_KIND}' AND x.id = s.id
         WHERE s.origin_console IS NULL AND s.created_at >= ? AND (x.id IS NULL OR json_extract(x.state, '$.fields.status.v') IS NOT s.status)`,
      )
      .all(since);
    for (const r of rows) this.share(text(r.id));
    return rows.length;
  }

  writeRemote(id: string, doc: Doc | null): { commit(): void } | { invalid: string } {
    if (doc === null) {
      this.db.prepare('DELETE FROM sessions WHERE id = ? AND origin_console IS NOT NULL').run(id);
      return { commit: () => undefined };
    }
    const parsed = SharedSession.safeParse(doc);
    if (!parsed.success) return { invalid: parsed.error.issues[0]?.message ?? 'not a session summary' };
    const s = parsed.data;
    if (s.consoleId === this.consoleId || this.local(id)) return { commit: () => undefined };
    this.db
      .prepare(
        `INSERT INTO sessions (id, computer_id, tenant_id, status, trigger, priority, reason, created_at, started_at, ended_at, phase, origin_console)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'done', ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, priority = excluded.priority, reason = excluded.reason,
           started_at = excluded.started_at, ended_at = excluded.ended_at WHERE sessions.origin_console IS NOT NULL`,
      )
      .run(s.id, s.computerId, s.tenantId, s.status, s.trigger, s.priority, s.reason, s.createdAt, s.startedAt, s.endedAt, s.consoleId);
    const { consoleId: _origin, ...summary } = s;
    return { commit: () => this.events.emit({ type: 'session', session: summary }) };
  }

  /** The console that ran a teammate's session; null for this console's own. */
  originOf(id: string): string | null {
    const row = this.db.prepare('SELECT origin_console FROM sessions WHERE id = ?').get(id);
    return row ? textOrNull(row.origin_console) : null;
  }

  dispose(): void {
    this.subscription.dispose();
    this.logger.info('session sharing stopped');
  }
}
