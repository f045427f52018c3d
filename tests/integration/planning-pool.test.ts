// The planning pool with real worker threads (the built worker file), kept current by small updates.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../shared/model/deployment.js';
import type { Software } from '../../shared/model/software.js';

type PoolModule = typeof import('../../electron/core/library/planning-pool.js');

const script = { shell: 'sh' as const, body: 'true' };
const app: Software = {
  id: 's1', name: 'App', vendor: '', platforms: [], detectScript: script, createdAt: '', updatedAt: '',
  versions: ['1.0', '2.0'].map((version) => ({ version, releaseDate: null, installScript: script, uninstallScript: script, upgradeScript: null, upgradeStrategy: 'install-over' as const, options: {} })),
};
const latest: Deployment = {
  id: 'd1', name: 'App', softwareId: 's1', taskId: null, version: 'latest', desiredState: 'installed', mode: null, parameters: {},
  targets: [{ kind: 'all' }], enabled: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the planning pool', () => {
  it('plans every computer in worker threads and follows detection updates', async () => {
    // The pool loads its worker from beside itself: use the built files, as the console does.
    const { PlanningPool } = (await import(pathToFileURL(resolve('dist/electron/core/library/planning-pool.js')).href)) as PoolModule;
    const pool = new PlanningPool(2);
    try {
      pool.setConfig({ deployments: [latest], software: [app], tasks: [] });
      pool.addComputers([
        { computer: { id: 'a', tenantId: 't', groupIds: [] }, detections: [['software:s1', '1.0']] },
        { computer: { id: 'b', tenantId: 't', groupIds: [] }, detections: [['software:s1', '2.0']] },
        { computer: { id: 'c', tenantId: 't', groupIds: [] }, detections: [] },
      ]);
      const first = [...(await pool.planAll()).table.entries()].sort((x, y) => x.computerId.localeCompare(y.computerId));
      expect(first).toEqual([
        { computerId: 'a', actions: [{ deploymentId: 'd1', kind: 'upgrade', fromVersion: '1.0', toVersion: '2.0' }], unknown: 0, inDesiredState: 0 },
        { computerId: 'b', actions: [], unknown: 0, inDesiredState: 1 },
        { computerId: 'c', actions: [], unknown: 1, inDesiredState: 0 },
      ]);
      pool.updateDetections('a', [['software:s1', '2.0']]);
      pool.forget('c');
      const second = await pool.planAll();
      expect(second.table.computerCount).toBe(2);
      expect(second.table.actionCount).toBe(0);
    } finally {
      await pool.dispose();
    }
  });
});
