// The replicated entities in memory, one reactive map per kind: filled from IndexedDB at start,
// then patched by each applied batch (never re-read whole), so 10,000 computers stay cheap.
import { shallowRef, type ShallowRef } from 'vue';
import { KIND_NAMES, parseEntity, type EntityOf, type ReplicatedKind } from './entity-kinds.js';
import type { ReplicaDb } from './replica-db.js';
import type { AppliedBatch } from './replica-sync.js';

export type EntityMaps = { [K in ReplicatedKind]: ShallowRef<ReadonlyMap<string, EntityOf<K>>> };

export function createEntityMaps(): EntityMaps {
  const maps: Partial<Record<ReplicatedKind, ShallowRef<ReadonlyMap<string, unknown>>>> = {};
  for (const kind of KIND_NAMES) maps[kind] = shallowRef(new Map());
  return maps as EntityMaps;
}

type AnyMaps = Record<ReplicatedKind, ShallowRef<ReadonlyMap<string, { id: string }>>>;

/** Loads every kind from the replica (documents are parsed again: IndexedDB is outside input too). */
export async function loadEntityMaps(db: ReplicaDb, maps: EntityMaps): Promise<void> {
  const loaded = await Promise.all(KIND_NAMES.map(async (kind) => [kind, await db.entitiesOf(kind)] as const));
  for (const [kind, rows] of loaded) {
    const map = new Map<string, { id: string }>();
    for (const row of rows) {
      const entity = parseEntity(kind, row.data);
      if (entity) map.set(entity.id, entity);
    }
    (maps as unknown as AnyMaps)[kind].value = map;
  }
}

export function applyBatch(maps: EntityMaps, batch: AppliedBatch): void {
  const any = maps as unknown as AnyMaps;
  if (batch.reset) for (const kind of KIND_NAMES) any[kind].value = new Map();
  const kinds = new Set([...batch.upserts.keys(), ...batch.deletes.keys()]);
  for (const kind of kinds) {
    const next = new Map(any[kind].value);
    for (const id of batch.deletes.get(kind) ?? []) next.delete(id);
    for (const entity of batch.upserts.get(kind) ?? []) next.set(entity.id, entity);
    any[kind].value = next;
  }
}
