// What the relay's stores need from a database: queries, transactions and a bus between relay
// instances. SQLite (one relay) and PostgreSQL (several relays) implement it with the same SQL.
import type { BusEvent } from '../bus-events.js';

export type Row = Record<string, unknown>;

/**
 * Runs SQL written for both dialects: placeholders `$1`, `$2`, … first appear in ascending order
 * (SQLite numbers parameters by first appearance; PostgreSQL by their digits).
 */
export interface Querier {
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a statement and returns how many rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
}

export interface RelayBus {
  publish(event: BusEvent): Promise<void>;
  subscribe(listener: (event: BusEvent) => void): { dispose(): void };
}

export interface SqlDriver extends Querier {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction; appends are serialized through the log head row. */
  tx<T>(fn: (q: Querier) => Promise<T>): Promise<T>;
  readonly bus: RelayBus;
  close(): Promise<void>;
}

export function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new Error(`expected a number from the database, found ${typeof value}`);
}

export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new Error(`expected text from the database, found ${typeof value}`);
}

export function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : str(value);
}
