// Which kinds of entity the team shares, found without any sync code in their services: every
// EntityCollection registers itself here for its database, and the sync engine (when the console
// has joined a team) hears of each local write inside the write's own transaction.
import type { Database } from '../store/database.js';

export type Doc = Record<string, unknown>;

/** A kind of shared entity as the sync engine sees it (EntityCollection, session summaries). */
export interface SyncedKind {
  readonly kind: string;
  /** Top-level fields that never leave this console (secrets); a remote change leaves them as they are. */
  readonly localFields: readonly string[];
  /**
   * The document an entity is taken to have before anything wrote it, the same on every console
   * (a singleton's defaults): only fields that differ from it are sent, and it fills in the rest.
   */
  baseline?(id: string): Doc | undefined;
  /** Every local document, for the first upload when the console joins a team. */
  all(): { id: string }[];
  /**
   * Writes a document that came from the team (null: deleted), inside the caller's transaction and
   * without sending it back. Returns what to do once the transaction has committed (update caches,
   * tell listeners), or why the document was not written.
   */
  writeRemote(id: string, doc: Doc | null): { commit(): void } | { invalid: string };
}

export interface LocalWriteSink {
  /** Called inside the write's transaction, after the document was written. */
  localWrite(kind: SyncedKind, id: string, after: Doc | null): void;
}

export class SyncRegistry {
  private readonly kinds = new Map<string, SyncedKind>();
  private sink: LocalWriteSink | null = null;

  register(kind: SyncedKind): void {
    if (this.kinds.has(kind.kind)) throw new Error(`entity kind ${kind.kind} is already registered for this database: use one collection per kind`);
    this.kinds.set(kind.kind, kind);
  }

  get(kind: string): SyncedKind | undefined {
    return this.kinds.get(kind);
  }

  all(): SyncedKind[] {
    return [...this.kinds.values()];
  }

  /** True while local writes are turned into operations (the console is in a team). */
  get active(): boolean {
    return this.sink !== null;
  }

  setSink(sink: LocalWriteSink | null): void {
    this.sink = sink;
  }

  localWrite(kind: SyncedKind, id: string, after: Doc | null): void {
    this.sink?.localWrite(kind, id, after);
  }
}

const registries = new WeakMap<Database, SyncRegistry>();

export function syncRegistryOf(db: Database): SyncRegistry {
  let registry = registries.get(db);
  if (!registry) registries.set(db, (registry = new SyncRegistry()));
  return registry;
}
