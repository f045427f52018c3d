// The console's SQLite file: opened in WAL mode, migrated on open, statements cached.
import Libsql from 'libsql';
import { migrations } from './migrations.js';

type Row = Record<string, unknown>;

export interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
}

export class Database {
  private readonly statements = new Map<string, Statement>();

  private constructor(private readonly db: Libsql.Database) {}

  /** Opens (creating if needed) and migrates the database at `file`. */
  static open(file: string): Database {
    const raw = new Libsql(file);
    raw.exec('PRAGMA journal_mode = WAL');
    // NORMAL in WAL mode is durable across process crashes (SIGKILL); only an OS crash can lose the last commits.
    raw.exec('PRAGMA synchronous = NORMAL');
    raw.exec('PRAGMA foreign_keys = ON');
    raw.exec('PRAGMA busy_timeout = 5000');
    // Checkpoints copy the WAL into the database and fsync: run them on a timer instead of inside
    // whichever write happens to cross the threshold (a session step would pay a few ms for it).
    raw.exec('PRAGMA wal_autocheckpoint = 0');
    const db = new Database(raw);
    db.migrate();
    db.checkpointTimer = setInterval(() => db.checkpoint(), 2000);
    db.checkpointTimer.unref();
    return db;
  }

  private checkpointTimer: NodeJS.Timeout | null = null;

  /** Moves committed WAL pages into the database file without waiting for readers. */
  checkpoint(): void {
    if (this.db.open && !this.db.inTransaction) this.db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  }

  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql) as unknown as Statement;
      this.statements.set(sql, statement);
    }
    return statement;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  /** Runs `fn` in a transaction, or inside the one already open. */
  tx<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    // Plain BEGIN/COMMIT: libsql's transaction() builds new wrapper functions on every call.
    this.db.exec('BEGIN');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  get schemaVersion(): number {
    return Number((this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  }

  private migrate(): void {
    const current = this.schemaVersion;
    const latest = migrations.length;
    if (current > latest) {
      throw new Error(`the database was written by a newer Steward (schema ${current}, this one knows ${latest}); refusing to open it`);
    }
    for (let version = current + 1; version <= latest; version++) {
      const migration = migrations[version - 1]!;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db.exec(`PRAGMA user_version = ${version}`);
      })();
    }
  }

  close(): void {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.statements.clear();
    if (this.db.open) {
      this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
