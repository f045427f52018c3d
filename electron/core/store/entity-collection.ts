// A kind of configuration entity stored as validated JSON documents, cached in memory.
import type { z } from 'zod';
import type { Logger } from '../ports.js';
import type { ChangeLog } from './change-log.js';
import type { Database } from './database.js';
import { text } from './row.js';

export interface Entity {
  id: string;
  updatedAt: string;
}

export class EntityCollection<T extends Entity> {
  private cache: Map<string, T> | null = null;
  private writes = 0;

  constructor(
    private readonly db: Database,
    private readonly changes: ChangeLog,
    readonly kind: string,
    private readonly schema: z.ZodType<T>,
    private readonly logger: Logger,
  ) {}

  private load(): Map<string, T> {
    if (this.cache) return this.cache;
    const map = new Map<string, T>();
    for (const row of this.db.prepare('SELECT id, data FROM entities WHERE kind = ?').all(this.kind)) {
      const parsed = this.schema.safeParse(JSON.parse(text(row.data)));
      if (parsed.success) map.set(parsed.data.id, parsed.data);
      else this.logger.error('skipping a stored entity that does not parse', { kind: this.kind, id: row.id, issue: parsed.error.issues[0]?.message });
    }
    this.cache = map;
    return map;
  }

  get(id: string): T | undefined {
    return this.load().get(id);
  }

  all(): T[] {
    return [...this.load().values()];
  }

  /** Grows with every write, so derived indexes know when to rebuild. */
  get version(): number {
    return this.writes;
  }

  get size(): number {
    return this.load().size;
  }

  /** Inserts or replaces the entity; the document is validated before it is written. */
  put(entity: T): T {
    const valid = this.schema.parse(entity);
    this.db.tx(() => {
      this.db
        .prepare('INSERT INTO entities (kind, id, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at')
        .run(this.kind, valid.id, JSON.stringify(valid), valid.updatedAt);
      this.changes.record(this.kind, valid.id);
    });
    this.load().set(valid.id, valid);
    this.writes++;
    return valid;
  }

  delete(id: string): boolean {
    const existed = this.load().has(id);
    if (!existed) return false;
    this.db.tx(() => {
      this.db.prepare('DELETE FROM entities WHERE kind = ? AND id = ?').run(this.kind, id);
      this.changes.record(this.kind, id, true);
    });
    this.load().delete(id);
    this.writes++;
    return true;
  }
}
