// The relay's tables, the same in SQLite and PostgreSQL except for the integer type.
import type { SqlDriver } from './driver.js';

export const SCHEMA_VERSION = 1;

function statements(big: string): string[] {
  return [
    'CREATE TABLE IF NOT EXISTS relay_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
    // One row: the last log position given out, and how far the log has been compacted.
    `CREATE TABLE IF NOT EXISTS log_head (id INTEGER PRIMARY KEY, head ${big} NOT NULL, compacted_through ${big} NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ops (
      seq ${big} PRIMARY KEY, client_id TEXT NOT NULL, client_seq ${big} NOT NULL, author TEXT NOT NULL,
      kind TEXT NOT NULL, entity_id TEXT NOT NULL, hlc TEXT NOT NULL, body TEXT NOT NULL, at TEXT NOT NULL,
      UNIQUE (client_id, client_seq))`,
    // Per console client: the last sequence number applied, so each (client, seq) is applied once.
    `CREATE TABLE IF NOT EXISTS clients (client_id TEXT PRIMARY KEY, member_id TEXT NOT NULL, last_seq ${big} NOT NULL)`,
    // Every entity's merged per-field state: what a console that must reset starts from.
    `CREATE TABLE IF NOT EXISTS entity_state (kind TEXT NOT NULL, entity_id TEXT NOT NULL, state TEXT NOT NULL, seq ${big} NOT NULL, PRIMARY KEY (kind, entity_id))`,
    `CREATE TABLE IF NOT EXISTS members (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, token_hash TEXT NOT NULL, console_id TEXT NOT NULL,
      joined_at TEXT NOT NULL, revoked_at TEXT)`,
    `CREATE TABLE IF NOT EXISTS invitations (
      id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL, role TEXT NOT NULL, created_by TEXT, created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL, used_at TEXT, used_by TEXT)`,
    // Which console runs each computer's sessions.
    'CREATE TABLE IF NOT EXISTS leases (computer_id TEXT PRIMARY KEY, console_id TEXT NOT NULL, member_id TEXT NOT NULL, claimed_at TEXT NOT NULL)',
    'CREATE INDEX IF NOT EXISTS leases_by_console ON leases (console_id)',
    // Which consoles are connected, to which relay instance, last heard of when (ms).
    `CREATE TABLE IF NOT EXISTS presence (console_id TEXT NOT NULL, instance_id TEXT NOT NULL, member_id TEXT NOT NULL, last_seen ${big} NOT NULL, PRIMARY KEY (console_id, instance_id))`,
    // Manual runs forwarded to the console that serves the computers, and their answers.
    `CREATE TABLE IF NOT EXISTS forwards (id TEXT PRIMARY KEY, console_id TEXT NOT NULL, body TEXT NOT NULL, reply TEXT, created_at ${big} NOT NULL)`,
  ];
}

export async function createSchema(driver: SqlDriver): Promise<void> {
  const big = driver.dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  await driver.tx(async (q) => {
    for (const sql of statements(big)) await q.run(sql);
    const found = await q.query("SELECT value FROM relay_meta WHERE key = 'schema'");
    const version = found[0] ? Number(found[0].value) : 0;
    if (version > SCHEMA_VERSION) throw new Error(`this relay database was written by a newer relay (schema ${version}); refusing to use it`);
    if (version === 0) await q.run("INSERT INTO relay_meta (key, value) VALUES ('schema', $1)", [String(SCHEMA_VERSION)]);
    await q.run('INSERT INTO log_head (id, head, compacted_through) VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING');
  });
}
