// The team's one ordered log: each (client id, client sequence) applied exactly once, in the order
// the relay accepted it, with every entity's merged state kept beside it for consoles that reset.
import { decodeBase64Url, encodeBase64Url } from '../../shared/base64url.js';
import { mergeChange, type EntityState } from '../../shared/sync/field-merge.js';
import type { ClientOp, LoggedOp } from '../../shared/sync/operation.js';
import type { SnapshotEntity } from '../../shared/sync/relay-api.js';
import { num, str, type Querier, type Row, type SqlDriver } from '../sql/driver.js';

export type AppendOutcome =
  | { ok: true; results: { clientSeq: number; seq: number; duplicate: boolean }[]; head: number }
  | { ok: false; code: 'out-of-order' | 'sequence-reused'; expected: number; message: string }
  | { ok: false; code: 'client-mismatch'; message: string };

export interface LogPosition {
  head: number;
  compactedThrough: number;
}

interface OpBody {
  set: Record<string, unknown>;
  unset: string[];
  deleted: boolean;
}

function toOp(r: Row): LoggedOp {
  const body = JSON.parse(str(r.body)) as OpBody;
  return {
    seq: num(r.seq),
    clientId: str(r.client_id),
    clientSeq: num(r.client_seq),
    author: str(r.author),
    kind: str(r.kind),
    entityId: str(r.entity_id),
    hlc: str(r.hlc),
    at: str(r.at),
    set: body.set,
    unset: body.unset,
    deleted: body.deleted,
  };
}

export class LogStore {
  constructor(private readonly db: SqlDriver) {}

  async position(q: Querier = this.db): Promise<LogPosition> {
    const rows = await q.query('SELECT head, compacted_through FROM log_head WHERE id = 1');
    return { head: num(rows[0]!.head), compactedThrough: num(rows[0]!.compacted_through) };
  }

  /** Appends a console's operations; duplicates are acknowledged with their first position, gaps refused. */
  async append(clientId: string, memberId: string, ops: ClientOp[], at: Date): Promise<AppendOutcome> {
    for (let i = 1; i < ops.length; i++) {
      if (ops[i]!.clientSeq !== ops[0]!.clientSeq + i) {
        return { ok: false, code: 'out-of-order', expected: ops[0]!.clientSeq + i, message: 'operations in one push must have consecutive sequence numbers' };
      }
    }
    return this.db.tx(async (q) => {
      // Locking the head row serializes appends across relay instances: positions are given out,
      // and committed, in one order, so a reader never skips an entry committed later.
      const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
      const headRows = await q.query(`SELECT head FROM log_head WHERE id = 1${lock}`);
      let head = num(headRows[0]!.head);
      const clientRows = await q.query('SELECT member_id, last_seq FROM clients WHERE client_id = $1', [clientId]);
      const client = clientRows[0];
      if (client && str(client.member_id) !== memberId) return { ok: false as const, code: 'client-mismatch' as const, message: 'this client id belongs to another member' };
      const last = client ? num(client.last_seq) : 0;
      if (ops[0]!.clientSeq > last + 1) {
        return { ok: false as const, code: 'out-of-order' as const, expected: last + 1, message: `expected sequence ${last + 1}, got ${ops[0]!.clientSeq}: send the missing operations first` };
      }
      const results: { clientSeq: number; seq: number; duplicate: boolean }[] = [];
      const atText = at.toISOString();
      for (const op of ops) {
        if (op.clientSeq <= last) {
          const found = await q.query('SELECT seq, hlc FROM ops WHERE client_id = $1 AND client_seq = $2', [clientId, op.clientSeq]);
          if (found[0] && str(found[0].hlc) !== op.hlc) {
            return { ok: false as const, code: 'sequence-reused' as const, expected: last + 1, message: `sequence ${op.clientSeq} was already used for another change` };
          }
          results.push({ clientSeq: op.clientSeq, seq: found[0] ? num(found[0].seq) : 0, duplicate: true });
          continue;
        }
        head++;
        const body: OpBody = { set: op.set, unset: op.unset, deleted: op.deleted };
        await q.run('INSERT INTO ops (seq, client_id, client_seq, author, kind, entity_id, hlc, body, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
          head, clientId, op.clientSeq, memberId, op.kind, op.entityId, op.hlc, JSON.stringify(body), atText,
        ]);
        await this.mergeState(q, op, memberId, head);
        results.push({ clientSeq: op.clientSeq, seq: head, duplicate: false });
      }
      const newLast = Math.max(last, ops[ops.length - 1]!.clientSeq);
      await q.run('INSERT INTO clients (client_id, member_id, last_seq) VALUES ($1, $2, $3) ON CONFLICT (client_id) DO UPDATE SET last_seq = excluded.last_seq', [clientId, memberId, newLast]);
      await q.run('UPDATE log_head SET head = $1 WHERE id = 1', [head]);
      return { ok: true as const, results, head };
    });
  }

  private async mergeState(q: Querier, op: ClientOp, author: string, seq: number): Promise<void> {
    const rows = await q.query('SELECT state FROM entity_state WHERE kind = $1 AND entity_id = $2', [op.kind, op.entityId]);
    const current = rows[0] ? (JSON.parse(str(rows[0].state)) as EntityState) : undefined;
    const { state } = mergeChange(current, { set: op.set, unset: op.unset, deleted: op.deleted, hlc: op.hlc, by: author });
    await q.run(
      'INSERT INTO entity_state (kind, entity_id, state, seq) VALUES ($1, $2, $3, $4) ON CONFLICT (kind, entity_id) DO UPDATE SET state = excluded.state, seq = excluded.seq',
      [op.kind, op.entityId, JSON.stringify(state), seq],
    );
  }

  /** Entries after `cursor`, oldest first. */
  async read(cursor: number, limit: number): Promise<LoggedOp[]> {
    const rows = await this.db.query('SELECT seq, client_id, client_seq, author, kind, entity_id, hlc, body, at FROM ops WHERE seq > $1 ORDER BY seq LIMIT $2', [cursor, limit]);
    return rows.map(toOp);
  }

  /** Entries a client sent, to check exactly-once delivery (tests and audits). */
  async countByClient(): Promise<{ clientId: string; ops: number; distinct: number }[]> {
    const rows = await this.db.query('SELECT client_id, COUNT(*) AS n, COUNT(DISTINCT client_seq) AS d FROM ops GROUP BY client_id ORDER BY client_id');
    return rows.map((r) => ({ clientId: str(r.client_id), ops: num(r.n), distinct: num(r.d) }));
  }

  /** One page of every entity's merged state, in (kind, id) order. */
  async snapshot(after: string | undefined, limit: number): Promise<{ entities: SnapshotEntity[]; next: string | null }> {
    let rows: Row[];
    if (after) {
      const [kind, id] = JSON.parse(decodeBase64Url(after)) as [string, string];
      rows = await this.db.query('SELECT kind, entity_id, state FROM entity_state WHERE kind > $1 OR (kind = $1 AND entity_id > $2) ORDER BY kind, entity_id LIMIT $3', [kind, id, limit]);
    } else {
      rows = await this.db.query('SELECT kind, entity_id, state FROM entity_state ORDER BY kind, entity_id LIMIT $1', [limit]);
    }
    const entities = rows.map((r) => ({ kind: str(r.kind), id: str(r.entity_id), state: JSON.parse(str(r.state)) as EntityState }));
    const last = entities[entities.length - 1];
    return { entities, next: entities.length === limit && last ? encodeBase64Url(JSON.stringify([last.kind, last.id])) : null };
  }

  /** Forgets entries beyond the newest `keep`; consoles behind them get an explicit reset. */
  async compact(keep: number): Promise<number> {
    return this.db.tx(async (q) => {
      const { head, compactedThrough } = await this.position(q);
      const through = head - keep;
      // Compacting in steps of a tenth of what is kept keeps the work per append small.
      if (through - compactedThrough < Math.max(1, Math.floor(keep / 10))) return 0;
      const removed = await q.run('DELETE FROM ops WHERE seq <= $1', [through]);
      await q.run('UPDATE log_head SET compacted_through = $1 WHERE id = 1', [through]);
      return removed;
    });
  }
}
