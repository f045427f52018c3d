// The console's sync tables: per-field state of shared entities, the outbox of local changes not yet
// acknowledged by the relay, and the history of who changed what.
import type { EntityState } from '../../../shared/sync/field-merge.js';
import type { ClientOp } from '../../../shared/sync/operation.js';
import type { Database } from '../store/database.js';
import { int, intOrNull, json, text, textOrNull } from '../store/row.js';

export interface HistoryRow {
  kind: string;
  id: string;
  hlc: string;
  author: string | null;
  fields: string[];
  deleted: boolean;
  /** Null while the relay has not yet acknowledged the change. */
  logSeq: number | null;
}

export class SyncStore {
  constructor(private readonly db: Database) {}

  state(kind: string, id: string): EntityState | undefined {
    const row = this.db.prepare('SELECT state FROM sync_state WHERE kind = ? AND id = ?').get(kind, id);
    return row ? json<EntityState>(row.state) : undefined;
  }

  statesOf(kind: string): { id: string; state: EntityState }[] {
    return this.db.prepare('SELECT id, state FROM sync_state WHERE kind = ?').all(kind).map((r) => ({ id: text(r.id), state: json<EntityState>(r.state) }));
  }

  hasState(kind: string, id: string): boolean {
    return this.db.prepare('SELECT 1 AS x FROM sync_state WHERE kind = ? AND id = ?').get(kind, id) !== undefined;
  }

  putState(kind: string, id: string, state: EntityState): void {
    this.db.prepare('INSERT INTO sync_state (kind, id, state) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET state = excluded.state').run(kind, id, JSON.stringify(state));
  }

  // ---- outbox ----

  enqueue(op: ClientOp): void {
    this.db.prepare('INSERT INTO sync_outbox (client_seq, op) VALUES (?, ?)').run(op.clientSeq, JSON.stringify(op));
  }

  /** The oldest pending operations, up to `limit` of them or about `maxBytes`. */
  pending(limit: number, maxBytes: number): ClientOp[] {
    const ops: ClientOp[] = [];
    let bytes = 0;
    for (const row of this.db.prepare('SELECT op FROM sync_outbox ORDER BY client_seq LIMIT ?').all(limit)) {
      const opText = text(row.op);
      if (ops.length > 0 && bytes + opText.length > maxBytes) break;
      bytes += opText.length;
      ops.push(JSON.parse(opText) as ClientOp);
    }
    return ops;
  }

  get pendingCount(): number {
    return int(this.db.prepare('SELECT COUNT(*) AS n FROM sync_outbox').get()!.n);
  }

  acknowledge(upToSeq: number): void {
    this.db.prepare('DELETE FROM sync_outbox WHERE client_seq <= ?').run(upToSeq);
  }

  /** Renumbers the outbox from `firstSeq` on (the relay expects that number next); returns the next free one. */
  renumber(firstSeq: number): number {
    const rows = this.db.prepare('SELECT client_seq, op FROM sync_outbox ORDER BY client_seq').all();
    this.db.prepare('DELETE FROM sync_outbox').run();
    let seq = firstSeq;
    for (const row of rows) {
      const op = { ...(JSON.parse(text(row.op)) as ClientOp), clientSeq: seq };
      this.db.prepare('UPDATE sync_history SET client_seq = ? WHERE client_seq = ? AND log_seq IS NULL').run(seq, int(row.client_seq));
      this.enqueue(op);
      seq++;
    }
    return seq;
  }

  // ---- history ----

  recordLocal(op: ClientOp, author: string | null): void {
    this.db
      .prepare('INSERT INTO sync_history (kind, id, hlc, author, fields, deleted, client_seq) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(op.kind, op.entityId, op.hlc, author, JSON.stringify([...Object.keys(op.set), ...op.unset]), op.deleted ? 1 : 0, op.clientSeq);
  }

  /** Records an entry of the team's log; our own comes back to confirm the pending row instead. */
  recordLogged(entry: { seq: number; kind: string; entityId: string; hlc: string; author: string; fields: string[]; deleted: boolean }, ownClientSeq: number | null): void {
    if (ownClientSeq !== null) {
      const updated = this.db.prepare('UPDATE sync_history SET log_seq = ?, author = ? WHERE client_seq = ? AND log_seq IS NULL AND hlc = ?').run(entry.seq, entry.author, ownClientSeq, entry.hlc);
      if (updated.changes > 0) return;
    }
    this.db
      .prepare('INSERT OR IGNORE INTO sync_history (kind, id, hlc, author, fields, deleted, log_seq) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(entry.kind, entry.entityId, entry.hlc, entry.author, JSON.stringify(entry.fields), entry.deleted ? 1 : 0, entry.seq);
  }

  history(kind: string, id: string, limit: number): HistoryRow[] {
    return this.db
      .prepare('SELECT kind, id, hlc, author, fields, deleted, log_seq FROM sync_history WHERE kind = ? AND id = ? ORDER BY hlc DESC LIMIT ?')
      .all(kind, id, limit)
      .map((r) => ({ kind: text(r.kind), id: text(r.id), hlc: text(r.hlc), author: textOrNull(r.author), fields: json<string[]>(r.fields), deleted: r.deleted === 1, logSeq: intOrNull(r.log_seq) }));
  }

  /** The latest history rows across all entities, newest first. */
  recent(limit: number, excludeKinds: string[]): HistoryRow[] {
    const marks = excludeKinds.map(() => '?').join(', ');
    return this.db
      .prepare(`SELECT kind, id, hlc, author, fields, deleted, log_seq FROM sync_history ${excludeKinds.length ? `WHERE kind NOT IN (${marks})` : ''} ORDER BY hlc DESC LIMIT ?`)
      .all(...excludeKinds, limit)
      .map((r) => ({ kind: text(r.kind), id: text(r.id), hlc: text(r.hlc), author: textOrNull(r.author), fields: json<string[]>(r.fields), deleted: r.deleted === 1, logSeq: intOrNull(r.log_seq) }));
  }

  /** Forgets everything about the team (leaving it); the entities themselves stay. */
  clear(): void {
    for (const table of ['sync_state', 'sync_outbox', 'sync_history', 'sync_leases']) this.db.prepare(`DELETE FROM ${table}`).run();
  }
}
