// Fills a console data folder straight through the core's repositories (one transaction each), for
// benchmarks: tenants, software, deployments, computers with detected software, finished sessions.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../shared/ids.js';
import { Deployment } from '../shared/model/deployment.js';
import type { SessionStatus } from '../shared/model/session.js';
import { Software } from '../shared/model/software.js';
import { Tenant } from '../shared/model/tenant.js';
import { DetectionsRepo } from '../electron/core/computers/detections.js';
import { StoredComputer } from '../electron/core/computers/stored-computer.js';
import { createStderrLogger } from '../electron/core/ports.js';
import { ChangeLog } from '../electron/core/store/change-log.js';
import { Database } from '../electron/core/store/database.js';
import { EntityCollection } from '../electron/core/store/entity-collection.js';
import { SessionsRepo } from '../electron/core/store/sessions-repo.js';

export interface SeedCounts {
  tenants: number;
  computers: number;
  sessions: number;
  software: number;
}

const STATUSES: SessionStatus[] = ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'failed', 'skipped', 'incomplete'];

export function seedStore(dataDir: string, counts: SeedCounts): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = Database.open(join(dataDir, 'steward.db'));
  const logger = createStderrLogger('seed');
  const changes = new ChangeLog(db);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  try {
    const tenants = new EntityCollection(db, changes, 'tenant', Tenant, logger);
    const software = new EntityCollection(db, changes, 'software', Software, logger);
    const deployments = new EntityCollection(db, changes, 'deployment', Deployment, logger);
    const computers = new EntityCollection(db, changes, 'computer', StoredComputer, logger);
    const detections = new DetectionsRepo(db);
    const sessions = new SessionsRepo(db);
    const at = iso(now - 86_400_000);
    db.tx(() => {
      const tenantIds = Array.from({ length: counts.tenants }, (_, i) => tenants.put({ id: newId(), name: `Client ${String(i + 1).padStart(3, '0')}`, windowId: null, createdAt: at, updatedAt: at }).id);
      const softwareIds = Array.from({ length: counts.software }, (_, i) =>
        software.put({
          id: newId(),
          name: `Package ${i + 1}`,
          vendor: 'Bench Corp',
          platforms: ['linux'],
          detectScript: { shell: 'sh', body: `cat ../apps/p${i} 2>/dev/null || true` },
          versions: ['1.0.0', '1.1.0', '2.0.0'].map((version) => ({ version, releaseDate: null, installScript: { shell: 'sh' as const, body: 'true' }, uninstallScript: null, upgradeScript: null, upgradeStrategy: 'install-over' as const, options: {} })),
          createdAt: at,
          updatedAt: at,
        }).id,
      );
      for (let i = 0; i < Math.min(10, softwareIds.length); i++) {
        deployments.put({ id: newId(), name: `Package ${i + 1} everywhere`, softwareId: softwareIds[i]!, taskId: null, version: 'latest', desiredState: 'installed', mode: null, parameters: {}, targets: [{ kind: 'all' }], enabled: true, createdAt: at, updatedAt: at });
      }
      const computerIds: { id: string; tenantId: string }[] = [];
      for (let i = 0; i < counts.computers; i++) {
        const tenantId = tenantIds[i % tenantIds.length]!;
        const id = newId();
        const windows = i % 3 === 0;
        computers.put({
          id,
          tenantId,
          customName: null,
          hostName: `${windows ? 'WS' : 'pc'}-${String(i).padStart(5, '0')}`,
          os: windows ? { platform: 'windows', name: 'Windows 11 Pro', version: '23H2', arch: 'x64' } : { platform: 'linux', name: 'Ubuntu 24.04 LTS', version: '24.04', arch: 'x64' },
          agentVersion: '0.1.0',
          enrolledAt: at,
          lastSeenAt: iso(now - (i % 1440) * 60_000),
          revoked: false,
          updatedAt: at,
        });
        detections.record(id, [0, 1, 2].map((k) => ({ itemKind: 'software' as const, itemId: softwareIds[(i + k) % softwareIds.length]!, value: '1.1.0', detectedAt: at })));
        computerIds.push({ id, tenantId });
      }
      for (let i = 0; i < counts.sessions; i++) {
        const c = computerIds[i % computerIds.length]!;
        const created = now - (counts.sessions - i) * 60_000;
        const status = STATUSES[i % STATUSES.length]!;
        sessions.insert({
          id: newId(), computerId: c.id, tenantId: c.tenantId, status, trigger: i % 4 === 0 ? 'manual' : 'scheduled', priority: 'normal',
          reason: status === 'failed' ? '1 of 2 actions failed' : status === 'skipped' ? 'agent-offline' : status === 'incomplete' ? 'window-closed' : null,
          createdAt: iso(created), startedAt: iso(created + 1000), endedAt: iso(created + 45_000), deadline: null, phase: 'done', deploymentIds: null, decisions: [], idempotencyKey: null, windowId: null, occurrenceStart: null, notify: 'failure',
        });
      }
    });
  } finally {
    db.close();
  }
}
