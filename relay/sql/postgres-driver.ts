// The relay's PostgreSQL database, shared by several relay instances: a pool for queries and one
// dedicated connection that LISTENs, so every instance hears what the others wrote.
import pg from 'pg';
import { BusEvent } from '../bus-events.js';
import type { Querier, RelayBus, Row, SqlDriver } from './driver.js';

const CHANNEL = 'steward_relay';

// BIGINT (int8) comes back as a string by default; log positions fit a double easily.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format) as unknown;
  }) as typeof pg.types.getTypeParser,
};

function querier(client: pg.Pool | pg.PoolClient): Querier {
  return {
    query: async (sql, params = []) => (await client.query(sql, params)).rows as Row[],
    run: async (sql, params = []) => (await client.query(sql, params)).rowCount ?? 0,
  };
}

class PostgresBus implements RelayBus {
  private readonly listeners = new Set<(event: BusEvent) => void>();
  private listener: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    private readonly onError: (message: string) => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, types });
    client.on('notification', (message) => this.deliver(message.payload));
    client.on('error', (error) => {
      this.onError(`the LISTEN connection failed: ${error.message}`);
      void client.end().catch(() => undefined);
      if (this.listener === client) this.listener = null;
      this.scheduleReconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.start()
        .then(() => {
          // Anything announced while we were not listening is found by reading the database again.
          for (const listener of this.listeners) listener({ type: 'ops', head: -1 });
        })
        .catch((error: Error) => {
          this.onError(`cannot LISTEN again yet: ${error.message}`);
          this.scheduleReconnect();
        });
    }, 1000);
  }

  private deliver(payload: string | undefined): void {
    if (!payload) return;
    let parsed;
    try {
      parsed = BusEvent.safeParse(JSON.parse(payload));
    } catch {
      return;
    }
    if (!parsed.success) return;
    for (const listener of this.listeners) listener(parsed.data);
  }

  async publish(event: BusEvent): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
  }

  subscribe(listener: (event: BusEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.listener;
    this.listener = null;
    if (client) await client.end().catch(() => undefined);
  }
}

export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly direct: Querier;

  private constructor(
    private readonly pool: pg.Pool,
    readonly bus: PostgresBus,
  ) {
    this.direct = querier(pool);
  }

  static async open(connectionString: string, onError: (message: string) => void): Promise<PostgresDriver> {
    const pool = new pg.Pool({ connectionString, types, max: 10 });
    pool.on('error', (error) => onError(`an idle PostgreSQL connection failed: ${error.message}`));
    const bus = new PostgresBus(pool, connectionString, onError);
    try {
      await pool.query('SELECT 1');
      await bus.start();
    } catch (error) {
      await bus.close();
      await pool.end();
      throw error;
    }
    return new PostgresDriver(pool, bus);
  }

  query(sql: string, params?: unknown[]): Promise<Row[]> {
    return this.direct.query(sql, params);
  }

  run(sql: string, params?: unknown[]): Promise<number> {
    return this.direct.run(sql, params);
  }

  async tx<T>(fn: (q: Querier) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(querier(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Runs `fn` while holding a session-level advisory lock (schema set-up by concurrent instances). */
  async withLock<T>(key: number, fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [key]);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.bus.close();
    await this.pool.end();
  }
}
