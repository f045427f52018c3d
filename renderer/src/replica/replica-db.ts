// The renderer's IndexedDB replica (Dexie): every replicated entity in one table keyed by
// [kind+id], so a new entity kind needs no schema version; plus the change-feed cursor.
import Dexie, { type Table } from 'dexie';

export interface StoredEntity {
  kind: string;
  id: string;
  data: unknown;
}

export interface ReplicaMeta {
  /** Position in the core's change feed: everything up to it is in `entities`. */
  cursor: number;
  /** The console this replica mirrors; another console's data is thrown away. */
  consoleId: string | null;
  /** When the replica last caught up with the core (ISO time). */
  syncedAt: string | null;
}

interface MetaRow {
  key: 'replica';
  value: ReplicaMeta;
}

export const EMPTY_META: ReplicaMeta = { cursor: 0, consoleId: null, syncedAt: null };

export class ReplicaDb extends Dexie {
  entities!: Table<StoredEntity, [string, string]>;
  meta!: Table<MetaRow, string>;

  constructor(name = 'steward-replica') {
    super(name);
    this.version(1).stores({ entities: '[kind+id], kind', meta: 'key' });
  }

  async readMeta(): Promise<ReplicaMeta> {
    return (await this.meta.get('replica'))?.value ?? { ...EMPTY_META };
  }

  async writeMeta(value: ReplicaMeta): Promise<void> {
    await this.meta.put({ key: 'replica', value });
  }

  async entitiesOf(kind: string): Promise<StoredEntity[]> {
    return this.entities.where('kind').equals(kind).toArray();
  }
}
