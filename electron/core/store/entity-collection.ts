// A kind of configuration entity stored as validated JSON documents, cached in memory. Every
// collection is shared with the console's team (when it has joined one) without further code:
// local writes become sync operations, and changes from the team arrive through `writeRemote`.
import type { z } from 'zod';
import type { Logger } from '../ports.js';
import { syncRegistryOf, type Doc, type SyncedKind, type SyncRegistry } from '../sync/synced-kinds.js';
import type { ChangeLog } from './change-log.js';
import type { Database } from './database.js';
import { text, type Row } from './row.js';
import { TableCache } from './warm-up.js';

/** Documents read per page of the warm-up (about 10 ms for computers). */
const WARM_PAGE = 250;

export interface Entity {
  id: string;
  updatedAt: string;
}

export interface CollectionOptions<T> {
  /** False for entities that stay on this console (default: shared with the team). */
  shared?: boolean;
  /** Top-level fields that never leave this console (secrets such as a sealed SMTP password). */
  localFields?: (keyof T & string)[];
  /**
   * For singletons whose absence means "defaults" (the global settings): the document every console
   * starts from, so two consoles' first edits of different fields both survive.
   */
  baseline?: (id: string) => T | undefined;
}

/** Who made a change: this console's API and services, or a teammate through the relay. */
export type ChangeOrigin = 'local' | 'remote';

export class EntityCollection<T extends Entity> implements SyncedKind {
  /** The documents by id, read in id order on first use (or by the warm-up). */
  private readonly docs: TableCache<Map<string, T>, Row>;
  private writes = 0;
  private readonly registry: SyncRegistry | null;
  private readonly listeners = new Set<(id: string, entity: T | null, origin: ChangeOrigin) => void>();
  readonly localFields: readonly string[];
  private readonly baselineOf: ((id: string) => T | undefined) | undefined;

  constructor(
    private readonly db: Database,
    private readonly changes: ChangeLog,
    readonly kind: string,
    private readonly schema: z.ZodType<T>,
    private readonly logger: Logger,
    options: CollectionOptions<T> = {},
  ) {
    this.localFields = options.localFields ?? [];
    this.baselineOf = options.baseline;
    this.registry = options.shared === false ? null : syncRegistryOf(db);
    this.registry?.register(this);
    this.docs = new TableCache({
      empty: () => new Map<string, T>(),
      read: (last, limit) => db.prepare('SELECT id, data FROM entities WHERE kind = ? AND id > ? ORDER BY id LIMIT ?').all(kind, last ? text(last.id) : '', limit),
      add: (map, rows) => this.parseInto(map, rows),
    });
  }

  private load(): Map<string, T> {
    return this.docs.get();
  }

  private parseInto(map: Map<string, T>, rows: readonly Row[]): void {
    for (const row of rows) {
      const parsed = this.schema.safeParse(JSON.parse(text(row.data)));
      if (parsed.success) map.set(parsed.data.id, parsed.data);
      else this.logger.error('skipping a stored entity that does not parse', { kind: this.kind, id: row.id, issue: parsed.error.issues[0]?.message });
    }
  }

  /** Fills the cache a page at a time, letting requests run in between (startup warm-up). */
  warm(): Promise<void> {
    return this.docs.warm(WARM_PAGE);
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
      this.write(valid);
      this.registry?.localWrite(this, valid.id, valid as unknown as Doc);
    });
    this.load().set(valid.id, valid);
    this.writes++;
    this.tell(valid.id, valid, 'local');
    return valid;
  }

  delete(id: string): boolean {
    const existed = this.load().has(id);
    if (!existed) return false;
    this.db.tx(() => {
      this.erase(id);
      this.registry?.localWrite(this, id, null);
    });
    this.load().delete(id);
    this.writes++;
    this.tell(id, null, 'local');
    return true;
  }

  baseline(id: string): Doc | undefined {
    return this.baselineOf?.(id) as Doc | undefined;
  }

  writeRemote(id: string, doc: Doc | null): { commit(): void } | { invalid: string } {
    if (doc === null) {
      if (!this.load().has(id)) return { commit: () => undefined };
      this.erase(id);
      return {
        commit: () => {
          this.load().delete(id);
          this.writes++;
          this.tell(id, null, 'remote');
        },
      };
    }
    const local = this.load().get(id) as Doc | undefined;
    const merged: Doc = { ...this.baseline(id), ...doc };
    for (const field of this.localFields) {
      if (local && local[field] !== undefined) merged[field] = local[field];
      else delete merged[field];
    }
    const parsed = this.schema.safeParse(merged);
    if (!parsed.success) return { invalid: parsed.error.issues[0]?.message ?? 'does not match the schema' };
    if (parsed.data.id !== id) return { invalid: 'its id field does not match the entity id' };
    this.write(parsed.data);
    return {
      commit: () => {
        this.load().set(id, parsed.data);
        this.writes++;
        this.tell(id, parsed.data, 'remote');
      },
    };
  }

  /** Hears of every change once it is written, local or from the team. */
  onChange(listener: (id: string, entity: T | null, origin: ChangeOrigin) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  private write(valid: T): void {
    this.db
      .prepare('INSERT INTO entities (kind, id, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at')
      .run(this.kind, valid.id, JSON.stringify(valid), valid.updatedAt);
    this.changes.record(this.kind, valid.id);
  }

  private erase(id: string): void {
    this.db.prepare('DELETE FROM entities WHERE kind = ? AND id = ?').run(this.kind, id);
    this.changes.record(this.kind, id, true);
  }

  private tell(id: string, entity: T | null, origin: ChangeOrigin): void {
    for (const listener of this.listeners) {
      try {
        listener(id, entity, origin);
      } catch (error) {
        this.logger.error('an entity change listener failed', { kind: this.kind, id, error: (error as Error).message });
      }
    }
  }
}
