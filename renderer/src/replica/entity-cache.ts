// The replicated entities in memory, one reactive map per kind: filled from IndexedDB at start,
// then patched by applied batches (never re-read whole), so 10,000 computers stay cheap.
// Maps are created on first use, so this module needs no schema (and no zod) before first paint.
import { shallowRef, type ShallowRef } from 'vue';
import type { ReplicaDb } from './replica-db.js';
import type { AppliedBatch } from './replica-sync.js';

type Entity = { id: string };
type EntityRef = ShallowRef<ReadonlyMap<string, Entity>>;

export class EntityMaps {
  private readonly refs = new Map<string, EntityRef>();

  /** The reactive map of one kind (read it inside a computed or template to follow changes). */
  of(kind: string): EntityRef {
    let ref = this.refs.get(kind);
    if (!ref) this.refs.set(kind, (ref = shallowRef(new Map())));
    return ref;
  }

  /**
   * Fills every kind from the replica. Documents were parsed against their schema before they were
   * written; the replica's format version (replica-db.ts) guards against older layouts.
   */
  async load(db: ReplicaDb, kinds: readonly string[]): Promise<void> {
    const loaded = await Promise.all(kinds.map(async (kind) => [kind, await db.entitiesOf(kind)] as const));
    for (const [kind, rows] of loaded) {
      const map = new Map<string, Entity>();
      for (const row of rows) {
        const data = row.data as Entity | null;
        if (data && typeof data === 'object' && typeof data.id === 'string') map.set(data.id, data);
      }
      this.of(kind).value = map;
    }
  }

  /** Applies several batches with one copy of each changed map (one re-render, not one per page). */
  apply(batches: readonly AppliedBatch[]): void {
    const next = new Map<string, Map<string, Entity>>();
    const copy = (kind: string) => {
      let map = next.get(kind);
      if (!map) next.set(kind, (map = new Map(this.of(kind).value)));
      return map;
    };
    for (const batch of batches) {
      if (batch.reset) for (const kind of this.refs.keys()) next.set(kind, new Map());
      for (const [kind, ids] of batch.deletes) for (const id of ids) copy(kind).delete(id);
      for (const [kind, entities] of batch.upserts) for (const entity of entities) copy(kind).set(entity.id, entity);
    }
    for (const [kind, map] of next) this.of(kind).value = map;
  }
}
