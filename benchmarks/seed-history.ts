// Seeds a console data directory with years of history: tenants, computers, deployments,
// detections and 100,000 sessions with their actions and a few log lines, written straight to SQLite.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Deployment } from '../shared/model/deployment.js';
import { Software } from '../shared/model/software.js';
import { Tenant } from '../shared/model/tenant.js';
import { newId } from '../shared/ids.js';
import { StoredComputer } from '../electron/core/computers/stored-computer.js';
import { DetectionsRepo } from '../electron/core/computers/detections.js';
import { ChangeLog } from '../electron/core/store/change-log.js';
import { Database } from '../electron/core/store/database.js';
import { EntityCollection } from '../electron/core/store/entity-collection.js';
import { silentLogger } from '../electron/core/ports.js';

export interface SeedOptions {
  tenants: number;
  computers: number;
  software: number;
  sessions: number;
  /** Years the sessions spread over, ending now. */
  years: number;
}

const STATUSES = ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'failed', 'skipped', 'incomplete', 'cancelled'] as const;

/** A small deterministic generator, so every run seeds the same history. */
function random(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export interface Seeded {
  dbFile: string;
  tenantIds: string[];
  computerIds: string[];
  deploymentIds: string[];
}

export function seedHistory(dataDir: string, o: SeedOptions): Seeded {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const dbFile = join(dataDir, 'steward.db');
  const db = Database.open(dbFile);
  const rnd = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  try {
    const changes = new ChangeLog(db);
    const tenants = new EntityCollection(db, changes, 'tenant', Tenant, silentLogger);
    const computers = new EntityCollection(db, changes, 'computer', StoredComputer, silentLogger);
    const software = new EntityCollection(db, changes, 'software', Software, silentLogger);
    const deployments = new EntityCollection(db, changes, 'deployment', Deployment, silentLogger);
    const at = iso(now - 365 * 86_400_000);
    const tenantIds: string[] = [];
    const computerIds: string[] = [];
    const deploymentIds: string[] = [];
    const computerTenant = new Map<string, string>();
    db.tx(() => {
      for (let t = 0; t < o.tenants; t++) {
        const id = newId();
        tenants.put({ id, name: `Client ${String(t + 1).padStart(3, '0')}`, windowId: null, createdAt: at, updatedAt: at });
        tenantIds.push(id);
      }
      for (let c = 0; c < o.computers; c++) {
        const id = newId();
        const tenantId = tenantIds[c % tenantIds.length]!;
        computers.put({
          id, tenantId, customName: null, hostName: `pc-${String(c + 1).padStart(5, '0')}`,
          os: { platform: 'windows', name: 'Windows 11 Pro', version: '10.0.22631', arch: 'x64' },
          agentVersion: '0.1.0', enrolledAt: at, lastSeenAt: at, revoked: false, updatedAt: at,
        });
        computerIds.push(id);
        computerTenant.set(id, tenantId);
      }
      for (let s = 0; s < o.software; s++) {
        const id = newId();
        const versions = ['1.0.0', '1.1.0', '2.0.0'].map((version) => ({
          version, releaseDate: null, installScript: { shell: 'sh' as const, body: 'true' }, uninstallScript: null, upgradeScript: null, upgradeStrategy: 'install-over' as const, options: {},
        }));
        software.put({ id, name: `App ${s + 1}`, vendor: 'Vendor', platforms: [], detectScript: { shell: 'sh', body: 'true' }, versions, createdAt: at, updatedAt: at });
        const d = newId();
        deployments.put({
          id: d, name: `App ${s + 1} latest`, softwareId: id, taskId: null, version: 'latest', desiredState: 'installed', mode: null, parameters: {},
          targets: [{ kind: 'all' }], enabled: true, createdAt: at, updatedAt: at,
        });
        deploymentIds.push(d);
      }
    });
    seedDetections(db, computerIds, software.all().map((s) => s.id), rnd, now);
    seedSessions(db, o, { computerIds, computerTenant, deploymentIds, rnd, pick, now });
    return { dbFile, tenantIds, computerIds, deploymentIds };
  } finally {
    db.close();
  }
}

function seedDetections(db: Database, computerIds: string[], softwareIds: string[], rnd: () => number, now: number): void {
  const repo = new DetectionsRepo(db);
  for (const computerId of computerIds) {
    repo.record(
      computerId,
      softwareIds.map((itemId) => {
        const r = rnd();
        return { itemKind: 'software' as const, itemId, value: r < 0.7 ? '2.0.0' : r < 0.9 ? '1.1.0' : null, detectedAt: new Date(now - Math.floor(rnd() * 10 * 86_400_000)).toISOString() };
      }),
    );
  }
}

interface SessionSeedContext {
  computerIds: string[];
  computerTenant: Map<string, string>;
  deploymentIds: string[];
  rnd: () => number;
  pick: <T>(items: readonly T[]) => T;
  now: number;
}

function seedSessions(db: Database, o: SeedOptions, ctx: SessionSeedContext): void {
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, computer_id, tenant_id, status, trigger, priority, reason, created_at, started_at, ended_at, deadline, phase, deployment_ids, decisions, idempotency_key, window_id, occurrence_start, notify, notified_at)
     VALUES (?, ?, ?, ?, ?, 'normal', ?, ?, ?, ?, NULL, 'done', NULL, '[]', NULL, NULL, NULL, 'failure', ?)`,
  );
  const insertAction = db.prepare(
    `INSERT INTO actions (id, session_id, ord, deployment_id, item_kind, item_id, kind, status, reason, from_version, to_version, started_at, ended_at, exit_code, command_id, phase, error)
     VALUES (?, ?, ?, ?, 'software', NULL, 'upgrade', ?, ?, '1.1.0', '2.0.0', ?, ?, ?, NULL, 'verify', NULL)`,
  );
  const insertLog = db.prepare('INSERT INTO session_logs (session_id, seq, at, level, action_id, text) VALUES (?, ?, ?, ?, NULL, ?)');
  const span = o.years * 365 * 86_400_000;
  const step = span / o.sessions;
  const batch = 5000;
  for (let start = 0; start < o.sessions; start += batch) {
    db.tx(() => {
      for (let i = start; i < Math.min(o.sessions, start + batch); i++) {
        const created = ctx.now - span + i * step;
        const computerId = ctx.pick(ctx.computerIds);
        const status = ctx.pick(STATUSES);
        const id = newId();
        const startedAt = new Date(created + 1000).toISOString();
        const endedAt = new Date(created + 60_000 + Math.floor(ctx.rnd() * 600_000)).toISOString();
        const failed = status === 'failed';
        insertSession.run(id, computerId, ctx.computerTenant.get(computerId), status, ctx.rnd() < 0.8 ? 'scheduled' : 'manual', failed ? '1 of 2 actions failed' : null, new Date(created).toISOString(), startedAt, endedAt, endedAt);
        for (let a = 0; a < 2; a++) {
          const actionFailed = failed && a === 1;
          insertAction.run(newId(), id, a, ctx.pick(ctx.deploymentIds), actionFailed ? 'failed' : 'succeeded', actionFailed ? 'exit code 1603' : 'installed 1.1.0 is older than latest (2.0.0)', startedAt, endedAt, actionFailed ? 1603 : 0);
        }
        insertLog.run(id, 1, startedAt, 'info', 'Session started');
        insertLog.run(id, 2, endedAt, failed ? 'error' : 'info', `Session ${status}`);
      }
    });
  }
}
