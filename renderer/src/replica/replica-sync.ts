// Keeps the replica current from the core's change feed: pulls `changes.since {cursor}` page by
// page, writes each page and the new cursor in one transaction, starts over on `reset`, and tells
// its listener what changed so in-memory views patch themselves instead of re-reading everything.
import { systemApi } from '../../../shared/api/system.js';
import type { ApiOutput } from '../../../shared/api/contract.js';
import { isReplicatedKind, parseEntity, type ReplicatedKind } from './entity-kinds.js';
import { EMPTY_META, type ReplicaDb, type ReplicaMeta, type StoredEntity } from './replica-db.js';

export type ChangesPage = ApiOutput<'changes.since'>;
export type FetchChanges = (cursor: number) => Promise<unknown>;

export interface AppliedBatch {
  /** The replica was emptied before this batch: views drop what they hold first. */
  reset: boolean;
  upserts: Map<ReplicatedKind, { id: string }[]>;
  deletes: Map<ReplicatedKind, string[]>;
}

const PageSchema = systemApi['changes.since'].output;

function emptyBatch(reset: boolean): AppliedBatch {
  return { reset, upserts: new Map(), deletes: new Map() };
}

export class ReplicaSync {
  private meta: ReplicaMeta = { ...EMPTY_META };
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: ReplicaDb,
    private readonly fetch: FetchChanges,
    private readonly onApplied: (batch: AppliedBatch) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get state(): Readonly<ReplicaMeta> {
    return this.meta;
  }

  async open(): Promise<ReplicaMeta> {
    this.meta = await this.db.readMeta();
    return this.meta;
  }

  /** Empties the replica when it mirrors another console (or none yet). */
  async bindTo(consoleId: string): Promise<void> {
    if (this.meta.consoleId === consoleId) return;
    const hadOther = this.meta.consoleId !== null;
    await this.clear(consoleId);
    if (hadOther) this.onApplied(emptyBatch(true));
  }

  /** Catches up with the core. Calls made while a pull runs are folded into one more pull. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pull();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** A live entity from an event (a computer's status): written without moving the cursor. */
  async applyLive(kind: ReplicatedKind, data: unknown): Promise<void> {
    const entity = parseEntity(kind, data);
    if (!entity) return;
    await this.db.entities.put({ kind, id: entity.id, data: entity });
    this.onApplied({ reset: false, upserts: new Map([[kind, [entity]]]), deletes: new Map() });
  }

  private async pull(): Promise<void> {
    for (;;) {
      const page = PageSchema.parse(await this.fetch(this.meta.cursor));
      if (page.reset) {
        // The core's feed is behind this replica (restored backup, new data dir): start over.
        await this.clear(this.meta.consoleId);
        this.onApplied(emptyBatch(true));
        continue;
      }
      await this.apply(page);
      if (!page.more) break;
    }
  }

  private async apply(page: ChangesPage): Promise<void> {
    const batch = emptyBatch(false);
    const puts: StoredEntity[] = [];
    const removals: [string, string][] = [];
    for (const change of page.changes) {
      if (!isReplicatedKind(change.kind)) continue;
      const entity = change.deleted ? null : parseEntity(change.kind, change.data);
      if (entity) {
        puts.push({ kind: change.kind, id: change.id, data: entity });
        const list = batch.upserts.get(change.kind) ?? [];
        list.push(entity);
        batch.upserts.set(change.kind, list);
      } else {
        removals.push([change.kind, change.id]);
        const list = batch.deletes.get(change.kind) ?? [];
        list.push(change.id);
        batch.deletes.set(change.kind, list);
      }
    }
    const meta: ReplicaMeta = { ...this.meta, cursor: page.cursor, syncedAt: page.more ? this.meta.syncedAt : this.now().toISOString() };
    await this.db.transaction('rw', this.db.entities, this.db.meta, async () => {
      if (puts.length > 0) await this.db.entities.bulkPut(puts);
      if (removals.length > 0) await this.db.entities.bulkDelete(removals);
      await this.db.writeMeta(meta);
    });
    this.meta = meta;
    if (puts.length > 0 || removals.length > 0) this.onApplied(batch);
  }

  private async clear(consoleId: string | null): Promise<void> {
    const meta: ReplicaMeta = { cursor: 0, consoleId, syncedAt: null };
    await this.db.transaction('rw', this.db.entities, this.db.meta, async () => {
      await this.db.entities.clear();
      await this.db.writeMeta(meta);
    });
    this.meta = meta;
  }
}
