// Real PostgreSQL for the relay's PostgreSQL mode: the cluster .ci/run started (STEWARD_TEST_POSTGRES_URL),
// or a private one this test file starts (scripts/test-postgres.sh) and stops. Each test gets its own database.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '..', '..');

function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

export interface TestPostgres {
  /** A fresh, empty database on the cluster. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

export async function usePostgres(): Promise<TestPostgres> {
  let baseUrl = process.env.STEWARD_TEST_POSTGRES_URL;
  let ownDir: string | null = null;
  if (!baseUrl) {
    ownDir = mkdtempSync(join(tmpdir(), 'steward-pg-'));
    let port = 15_000 + (process.pid % 4000);
    while (!(await isFree(port))) port++;
    baseUrl = execFileSync(join(ROOT, 'scripts', 'test-postgres.sh'), ['start', ownDir, String(port)], { encoding: 'utf8' }).trim();
  }
  const admin = baseUrl;
  const created: string[] = [];
  return {
    async database() {
      const name = `relay_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      created.push(name);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (ownDir) {
        execFileSync(join(ROOT, 'scripts', 'test-postgres.sh'), ['stop', ownDir]);
        rmSync(ownDir, { recursive: true, force: true });
        return;
      }
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
