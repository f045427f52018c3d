// Turns local writes into operations and team operations into local writes, per field by hybrid
// logical clock: a local write stamps only the fields it changed and joins the outbox in the same
// transaction; an entry of the team's log is merged once, in log order, and never sent back.
import { diffDocuments, materialize, mergeChange, mergeStates, type EntityState } from '../../../shared/sync/field-merge.js';
import { HlcClock } from '../../../shared/sync/hlc.js';
import { MAX_OP_BYTES, type ClientOp, type LoggedOp } from '../../../shared/sync/operation.js';
import { invalid } from '../errors.js';
import type { SnapshotEntity } from '../../../shared/sync/relay-api.js';
import type { Logger } from '../ports.js';
import type { Database } from '../store/database.js';
import type { SyncStore } from './sync-store.js';
import type { Doc, LocalWriteSink, SyncedKind, SyncRegistry } from './synced-kinds.js';
import type { TeamMeta } from './team-config.js';

export class SyncEngine implements LocalWriteSink {
  private clock: HlcClock | null = null;
  private readonly outboxListeners = new Set<() => void>();

  constructor(
    private readonly db: Database,
    private readonly store: SyncStore,
    private readonly team: TeamMeta,
    private readonly registry: SyncRegistry,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** Starts turning local writes into operations (the console is a member of a team). */
  activate(): void {
    const config = this.team.config;
    if (!config) throw new Error('join a team first');
    this.clock = new HlcClock(config.clientId, this.now, this.team.hlc);
    this.registry.setSink(this);
  }

  deactivate(): void {
    this.registry.setSink(null);
    this.clock = null;
  }

  get active(): boolean {
    return this.clock !== null;
  }

  /** Hears (after commit) that the outbox grew. */
  onOutbox(listener: () => void): { dispose(): void } {
    this.outboxListeners.add(listener);
    return { dispose: () => void this.outboxListeners.delete(listener) };
  }

  localWrite(kind: SyncedKind, id: string, after: Doc | null): void {
    const config = this.team.config;
    if (!this.clock || !config || config.revoked) return;
    const before = this.store.state(kind.kind, id);
    const baseline = kind.baseline?.(id) ?? null;
    const current = before ? materialize(before) : null;
    const beforeDoc = before ? (current ? { ...baseline, ...current } : null) : baseline;
    let change: { set: Doc; unset: string[]; deleted: boolean };
    if (after === null) {
      if (!before || before.deleted) return;
      change = { set: {}, unset: [], deleted: true };
    } else {
      const shared: Doc = { ...after };
      for (const field of kind.localFields) delete shared[field];
      const diff = diffDocuments(beforeDoc, shared);
      if (Object.keys(diff.set).length === 0 && diff.unset.length === 0) return;
      change = { ...diff, deleted: false };
    }
    const hlc = this.clock.tick();
    this.team.hlc = hlc;
    const { state } = mergeChange(before, { ...change, hlc, by: config.memberId });
    this.store.putState(kind.kind, id, state);
    const op: ClientOp = { clientSeq: this.team.takeSeq(), kind: kind.kind, entityId: id, hlc, ...change };
    // Refused here, inside the write's transaction, so the change is not made rather than stuck unsent.
    if (JSON.stringify(op).length > MAX_OP_BYTES) throw invalid('id', `this ${kind.kind} is too large to share with the team (over ${MAX_OP_BYTES / 1024 / 1024} MB in one change)`);
    this.store.enqueue(op);
    this.store.recordLocal(op, config.memberId);
    queueMicrotask(() => this.outboxListeners.forEach((listener) => listener()));
  }

  /**
   * Applies entries of the team's log that follow the cursor, in order, in one transaction.
   * Returns how many were applied and whether a gap was found (the caller pulls what is missing).
   */
  applyLogged(ops: LoggedOp[]): { applied: number; gap: boolean } {
    const config = this.team.config;
    if (!this.clock || !config) return { applied: 0, gap: false };
    const clock = this.clock;
    const commits: (() => void)[] = [];
    let applied = 0;
    let gap = false;
    this.db.tx(() => {
      let cursor = this.team.cursor;
      for (const op of ops) {
        if (op.seq <= cursor) continue;
        if (op.seq !== cursor + 1) {
          gap = true;
          break;
        }
        clock.observe(op.hlc);
        const before = this.store.state(op.kind, op.entityId);
        const result = mergeChange(before, { set: op.set, unset: op.unset, deleted: op.deleted, hlc: op.hlc, by: op.author });
        if (!before || result.applied.length > 0 || result.deletedNow) {
          this.store.putState(op.kind, op.entityId, result.state);
          this.materialize(op.kind, op.entityId, result.state, commits);
        }
        const own = op.clientId === config.clientId ? op.clientSeq : null;
        this.store.recordLogged({ seq: op.seq, kind: op.kind, entityId: op.entityId, hlc: op.hlc, author: op.author, fields: [...Object.keys(op.set), ...op.unset], deleted: op.deleted }, own);
        cursor = op.seq;
        applied++;
      }
      this.team.cursor = cursor;
      this.team.hlc = clock.current;
    });
    this.runCommits(commits);
    return { applied, gap };
  }

  /** Merges a page of the team's snapshot (after a reset, or when joining). */
  applySnapshot(entities: SnapshotEntity[]): void {
    const commits: (() => void)[] = [];
    this.db.tx(() => {
      for (const entity of entities) {
        const before = this.store.state(entity.kind, entity.id);
        const merged = mergeStates(before, entity.state);
        if (before && JSON.stringify(merged) === JSON.stringify(before)) continue;
        for (const field of Object.values(merged.fields)) this.clock?.observe(field.h);
        this.store.putState(entity.kind, entity.id, merged);
        this.materialize(entity.kind, entity.id, merged, commits);
      }
      if (this.clock) this.team.hlc = this.clock.current;
    });
    this.runCommits(commits);
  }

  /** Sends every local entity the team does not know yet (the first sync after joining). */
  uploadLocalOnly(): number {
    let count = 0;
    this.db.tx(() => {
      for (const kind of this.registry.all()) {
        for (const doc of kind.all()) {
          if (this.store.hasState(kind.kind, doc.id)) continue;
          this.localWrite(kind, doc.id, doc);
          count++;
        }
      }
    });
    return count;
  }

  private materialize(kindName: string, id: string, state: EntityState, commits: (() => void)[]): void {
    const kind = this.registry.get(kindName);
    // A kind this console does not know (a newer teammate's) keeps its state for when it does.
    if (!kind) return;
    const result = kind.writeRemote(id, materialize(state));
    if ('invalid' in result) this.logger.warn('a shared entity from the team does not fit this console yet; kept for later', { kind: kindName, id, issue: result.invalid });
    else commits.push(() => result.commit());
  }

  private runCommits(commits: (() => void)[]): void {
    for (const commit of commits) {
      try {
        commit();
      } catch (error) {
        this.logger.error('applying a team change failed after it was stored', { error: (error as Error).message });
      }
    }
  }
}
