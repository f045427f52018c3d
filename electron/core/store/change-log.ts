// The change feed the renderer's replica follows by cursor: one row per entity, newest seq wins.
import type { Database } from './database.js';
import { int, text } from './row.js';

export interface ChangeRow {
  seq: number;
  kind: string;
  id: string;
  deleted: boolean;
}

export class ChangeLog {
  private readonly listeners = new Set<(cursor: number) => void>();

  constructor(private readonly db: Database) {}

  /** Records a change inside the caller's transaction; listeners hear of it once it is committed. */
  record(kind: string, id: string, deleted = false): void {
    const result = this.db.prepare('INSERT OR REPLACE INTO changes (kind, id, deleted) VALUES (?, ?, ?)').run(kind, id, deleted ? 1 : 0);
    const cursor = Number(result.lastInsertRowid);
    queueMicrotask(() => {
      for (const listener of this.listeners) listener(cursor);
    });
  }

  since(cursor: number, limit: number): ChangeRow[] {
    return this.db
      .prepare('SELECT seq, kind, id, deleted FROM changes WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(cursor, limit)
      .map((r) => ({ seq: int(r.seq), kind: text(r.kind), id: text(r.id), deleted: r.deleted === 1 }));
  }

  get cursor(): number {
    const row = this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM changes').get();
    return int(row?.seq ?? 0);
  }

  onChange(listener: (cursor: number) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
}
