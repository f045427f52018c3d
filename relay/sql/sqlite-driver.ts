// The relay's SQLite database (libsql, WAL), one connection behind a mutex.
import Libsql from 'libsql';
import type { Querier, Row, SqlDriver } from './driver.js';
import { LocalBus } from './local-bus.js';
import { Mutex } from './mutex.js';

interface Prepared {
  all(params: unknown[]): Row[];
  run(params: unknown[]): { changes: number };
}

const ORDER_CHECKED = new Set<string>();

/** SQLite numbers `$n` by first appearance: fail loudly on SQL that would bind the wrong values. */
function checkPlaceholderOrder(sql: string): void {
  if (ORDER_CHECKED.has(sql)) return;
  const seen: number[] = [];
  for (const match of sql.matchAll(/\$(\d+)/g)) {
    const n = Number(match[1]);
    if (!seen.includes(n)) seen.push(n);
  }
  seen.forEach((n, i) => {
    if (n !== i + 1) throw new Error(`placeholders must first appear in order $1, $2, …: ${sql}`);
  });
  ORDER_CHECKED.add(sql);
}

export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  readonly bus = new LocalBus();
  private readonly mutex = new Mutex();
  private readonly statements = new Map<string, Prepared>();
  private readonly direct: Querier;

  constructor(private readonly db: Libsql.Database) {
    this.direct = {
      query: (sql, params = []) => Promise.resolve(this.prepare(sql).all(params)),
      run: (sql, params = []) => Promise.resolve(this.prepare(sql).run(params).changes),
    };
  }

  static open(file: string): SqliteDriver {
    const db = new Libsql(file);
    db.exec('PRAGMA journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process; only an OS crash can lose the last commits.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 5000');
    return new SqliteDriver(db);
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  private prepare(sql: string): Prepared {
    let statement = this.statements.get(sql);
    if (!statement) {
      checkPlaceholderOrder(sql);
      statement = this.db.prepare(sql) as unknown as Prepared;
      this.statements.set(sql, statement);
    }
    return statement;
  }

  query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.mutex.run(() => this.direct.query(sql, params));
  }

  run(sql: string, params: unknown[] = []): Promise<number> {
    return this.mutex.run(() => this.direct.run(sql, params));
  }

  tx<T>(fn: (q: Querier) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.mutex.run(() => {
      this.statements.clear();
      if (this.db.open) this.db.close();
    });
  }
}
