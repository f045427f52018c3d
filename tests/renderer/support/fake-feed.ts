// The core's change feed in memory, with its semantics: one row per entity renumbered on every
// change, deletions kept as tombstones, pages by cursor, `reset` when the cursor is ahead.
import type { ApiInput, ApiOutput } from '../../../shared/api/contract.js';
import type { Change } from '../../../shared/api/system.js';

export class FakeFeed {
  private rows: Change[] = [];
  private seq = 0;

  put<T extends { id: string }>(kind: Change['kind'], entity: T): number {
    this.rows = this.rows.filter((r) => !(r.kind === kind && r.id === entity.id));
    this.rows.push({ seq: ++this.seq, kind, id: entity.id, deleted: false, data: structuredClone(entity) });
    return this.seq;
  }

  remove(kind: Change['kind'], id: string): number {
    this.rows = this.rows.filter((r) => !(r.kind === kind && r.id === id));
    this.rows.push({ seq: ++this.seq, kind, id, deleted: true, data: null });
    return this.seq;
  }

  /** A new data folder behind the same address: the feed starts again from nothing. */
  wipe(): void {
    this.rows = [];
    this.seq = 0;
  }

  get cursor(): number {
    return this.seq;
  }

  since = ({ cursor, limit = 1000 }: ApiInput<'changes.since'>): ApiOutput<'changes.since'> => {
    if (cursor > this.seq) return { changes: [], cursor: this.seq, more: false, reset: true };
    const page = this.rows.filter((r) => r.seq > cursor).slice(0, limit);
    return { changes: page, cursor: page.length > 0 ? page[page.length - 1]!.seq : cursor, more: page.length === limit, reset: false };
  };
}
