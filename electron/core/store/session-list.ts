// The sessions list: filtered, sorted and keyset-paged in SQL, with counts by status for the
// filter bar. Every sort ends in the session id, so a page boundary is exact even between equal times.
import type { SessionSort, SessionStatus, SessionTrigger } from '../../../shared/model/session.js';
import { SessionStatus as StatusEnum } from '../../../shared/model/session.js';
import type { Database } from './database.js';
import { int, text, type Row } from './row.js';
import { inSlices } from './warm-up.js';

export interface SessionFilter {
  status?: SessionStatus[];
  computerId?: string;
  tenantId?: string;
  trigger?: SessionTrigger;
  windowId?: string;
  occurrenceStart?: string;
  /** created_at >= from */
  from?: string;
  /** created_at < to */
  to?: string;
}

/** One key of a sort: a column expression, its direction, and how to read it from a row. */
interface SortKey {
  expr: string;
  desc: boolean;
  column: string;
}

// A missing start or end counts as "later than any time": running sessions sort as the newest.
const NOT_YET = '~';

const KEYS: Record<string, SortKey> = {
  created: { expr: 's.created_at', desc: false, column: 'k_created' },
  started: { expr: `COALESCE(s.started_at, '${NOT_YET}')`, desc: false, column: 'k_started' },
  ended: { expr: `COALESCE(s.ended_at, '${NOT_YET}')`, desc: false, column: 'k_ended' },
  status: { expr: 's.status', desc: false, column: 'k_status' },
  computer: { expr: 'n.name_key', desc: false, column: 'k_computer' },
  computerId: { expr: 'n.computer_id', desc: false, column: 'k_computer_id' },
  id: { expr: 's.id', desc: false, column: 'k_id' },
};

function keysOf(sort: SessionSort): SortKey[] {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  const k = (name: keyof typeof KEYS, d: boolean): SortKey => ({ ...KEYS[name]!, desc: d });
  switch (field) {
    case 'createdAt':
      return [k('created', desc), k('id', desc)];
    case 'startedAt':
      return [k('started', desc), k('id', desc)];
    case 'endedAt':
      return [k('ended', desc), k('id', desc)];
    // Within one status or one computer, newest first whichever way the primary key runs.
    case 'status':
      return [k('status', desc), k('created', true), k('id', true)];
    // The computer id separates two computers of the same name, so each one's sessions stay together.
    case 'computer':
      return [k('computer', desc), k('computerId', desc), k('created', true), k('id', true)];
    default:
      throw new Error(`unknown sort ${sort}`);
  }
}

function filterClauses(f: SessionFilter, withStatus: boolean): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    sql.push(clause);
    params.push(...values);
  };
  if (withStatus && f.status && f.status.length > 0) add(`s.status IN (${f.status.map(() => '?').join(', ')})`, ...f.status);
  if (f.computerId) add('s.computer_id = ?', f.computerId);
  if (f.tenantId) add('s.tenant_id = ?', f.tenantId);
  if (f.trigger) add('s.trigger = ?', f.trigger);
  if (f.windowId) add('s.window_id = ?', f.windowId);
  if (f.occurrenceStart) add('s.occurrence_start = ?', f.occurrenceStart);
  if (f.from) add('s.created_at >= ?', f.from);
  if (f.to) add('s.created_at < ?', f.to);
  return { sql, params };
}

/**
 * Rows after the cursor's key values: (k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR ...
 * The extra "k1 at or beyond v1" conjunct lets SQLite turn the first key into an index range.
 */
function afterClause(keys: SortKey[], values: (string | number)[]): { sql: string; params: unknown[] } {
  const ors: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      parts.push(`${keys[j]!.expr} = ?`);
      params.push(values[j]);
    }
    parts.push(`${keys[i]!.expr} ${keys[i]!.desc ? '<' : '>'} ?`);
    params.push(values[i]);
    ors.push(`(${parts.join(' AND ')})`);
  }
  const first = keys[0]!;
  return { sql: `${first.expr} ${first.desc ? '<=' : '>='} ? AND (${ors.join(' OR ')})`, params: [values[0], ...params] };
}

export interface SessionPage {
  rows: Row[];
  /** Sort-key values of the last row, for the next cursor; null on the last page. */
  nextKey: (string | number)[] | null;
}

export class SessionList {
  private namesVersion = '';
  /** Grows with every rebuild of the names table, so a warm-up in slices knows it was overtaken. */
  private namesGeneration = 0;
  /** Counts per status by filter (the status filter aside), until any session changes. */
  private readonly countsCache = new Map<string, Record<SessionStatus, number>>();

  constructor(
    private readonly db: Database,
    /** Every computer's display name; read only when sorting by computer. */
    private readonly computerNames: () => Map<string, string>,
  ) {}

  page(filter: SessionFilter, sort: SessionSort, limit: number, after: (string | number)[] | null): SessionPage {
    const keys = keysOf(sort);
    const where = filterClauses(filter, true);
    const sortsByComputer = keys.some((k) => k.column === 'k_computer');
    if (sortsByComputer) this.syncNames();
    if (after) {
      if (after.length !== keys.length) throw new Error('cursor does not match the sort');
      const a = afterClause(keys, after);
      where.sql.push(a.sql);
      where.params.push(...a.params);
    }
    const select = keys.map((k) => `${k.expr} AS ${k.column}`).join(', ');
    // Sorted by computer, the names drive the loop (CROSS JOIN keeps them outer): each computer's
    // sessions come from the (computer, status, time) index, so a page reads a few computers, not the table.
    const from = sortsByComputer ? 'temp.session_computer_names n CROSS JOIN sessions s ON s.computer_id = n.computer_id' : 'sessions s';
    const order = keys.map((k) => `${k.expr} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
    const sql = `SELECT s.*, ${select} FROM ${from} ${where.sql.length ? `WHERE ${where.sql.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
    const rows = this.db.prepare(sql).all(...where.params, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextKey = rows.length > limit && last ? keys.map((k) => last[k.column] as string | number) : null;
    return { rows: page, nextKey };
  }

  /** How many sessions match the filter, per status (the status filter itself is left out). */
  countsByStatus(filter: SessionFilter): Record<SessionStatus, number> {
    // Clicking through statuses keeps the other filters: their counts are read once.
    const key = JSON.stringify({ ...filter, status: undefined });
    const cached = this.countsCache.get(key);
    if (cached) return { ...cached };
    const where = filterClauses(filter, false);
    const counts = Object.fromEntries(StatusEnum.options.map((s) => [s, 0])) as Record<SessionStatus, number>;
    const sql = `SELECT s.status AS status, COUNT(*) AS n FROM sessions s ${where.sql.length ? `WHERE ${where.sql.join(' AND ')}` : ''} GROUP BY s.status`;
    for (const r of this.db.prepare(sql).all(...where.params)) {
      const status = text(r.status) as SessionStatus;
      if (status in counts) counts[status] = int(r.n);
    }
    if (this.countsCache.size > 50) this.countsCache.clear();
    this.countsCache.set(key, counts);
    return { ...counts };
  }

  /** Called whenever a session is created or changes state. */
  invalidate(): void {
    this.countsCache.clear();
  }

  /**
   * Builds the table of computer names ahead of the first sort by computer, in slices that let
   * requests run in between (startup warm-up). A sort by computer meanwhile builds it at once.
   */
  async warm(): Promise<void> {
    const entries = [...this.computerNames().entries()];
    const version = namesVersionOf(entries);
    if (version === this.namesVersion) return;
    const generation = ++this.namesGeneration;
    this.emptyNamesTable();
    const built = await inSlices(entries, 500, (slice) => this.db.tx(() => this.insertNames(slice)), () => this.namesGeneration !== generation);
    if (built) this.namesVersion = version;
  }

  /** Refreshes the connection-local table of computer names when a name changed. */
  private syncNames(): void {
    const entries = [...this.computerNames().entries()];
    const version = namesVersionOf(entries);
    if (version === this.namesVersion) return;
    this.namesGeneration++;
    this.db.tx(() => {
      this.emptyNamesTable();
      this.insertNames(entries);
    });
    this.namesVersion = version;
  }

  private emptyNamesTable(): void {
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS session_computer_names (computer_id TEXT PRIMARY KEY, name_key TEXT NOT NULL) WITHOUT ROWID');
    this.db.exec('CREATE INDEX IF NOT EXISTS temp.session_computer_names_by_name ON session_computer_names (name_key, computer_id)');
    this.db.exec('DELETE FROM temp.session_computer_names');
  }

  private insertNames(entries: readonly [string, string][]): void {
    const insert = this.db.prepare('INSERT INTO temp.session_computer_names (computer_id, name_key) VALUES (?, ?)');
    for (const [id, name] of entries) insert.run(id, name.toLocaleLowerCase('en'));
  }
}

function namesVersionOf(entries: [string, string][]): string {
  return entries.map(([id, name]) => `${id}\u0000${name}`).join('\u0001');
}
