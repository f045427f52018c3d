import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Deployment, Target } from '../../shared/model/deployment.js';
import type { Software } from '../../shared/model/software.js';
import type { Task } from '../../shared/model/task.js';
import { BulkPlanner } from '../../shared/engine/bulk-plan.js';
import { PlanTable, PlanTableBuilder } from '../../shared/engine/plan-table.js';
import { resolveDeployments } from '../../shared/engine/precedence.js';
import { planSoftware } from '../../shared/engine/plan.js';
import { planTask } from '../../shared/engine/plan-tasks.js';

const script = { shell: 'sh' as const, body: 'true' };
const software: Software[] = ['s1', 's2'].map((id) => ({
  id, name: id, vendor: '', platforms: [], detectScript: script, createdAt: '', updatedAt: '',
  versions: ['1.0', '2.0', '2.0.0-rc.1'].map((version) => ({ version, releaseDate: null, installScript: script, uninstallScript: script, upgradeScript: null, upgradeStrategy: 'install-over' as const, options: {} })),
}));
const tasks: Task[] = [{ id: 'k1', name: 'k1', description: '', testScript: script, setScript: script, parameters: [], builtIn: null, createdAt: '', updatedAt: '' }];

const deploymentArb = fc.record({
  item: fc.constantFrom('s1', 's2', 'k1'),
  state: fc.constantFrom('installed', 'update-if-found', 'uninstalled', 'ignore'),
  version: fc.constantFrom('latest', '1.0', '2.0'),
  mode: fc.constantFrom('audit', 'enforce'),
  target: fc.constantFrom<Target>({ kind: 'all' }, { kind: 'tenant', id: 't1' }, { kind: 'group', id: 'g1' }, { kind: 'computer', id: 'c1' }),
  day: fc.integer({ min: 1, max: 9 }),
});
const valueArb = fc.constantFrom<string | null | undefined>(undefined, null, '1.0', '2.0', '3.0', 'compliant', 'non-compliant: drifted');

describe('bulk planning', () => {
  it('plans every computer exactly as resolving and planning it alone would, through the compact table', () => {
    fc.assert(
      fc.property(fc.array(deploymentArb, { maxLength: 10 }), fc.array(fc.tuple(valueArb, valueArb, valueArb), { minLength: 1, maxLength: 6 }), (specs, detectionRows) => {
        const deployments: Deployment[] = specs.map((s, i) => ({
          id: `d${i}`, name: `d${i}`, softwareId: s.item === 'k1' ? null : s.item, taskId: s.item === 'k1' ? 'k1' : null,
          version: s.item === 'k1' ? null : s.version, desiredState: s.item === 'k1' ? null : (s.state as Deployment['desiredState']), mode: s.item === 'k1' ? (s.mode as Deployment['mode']) : null,
          parameters: {}, targets: [s.target], enabled: true, createdAt: '', updatedAt: `2026-01-0${s.day}T00:00:00.000Z`,
        }));
        const computers = detectionRows.map((_, i) => ({ id: `c${i}`, tenantId: i % 2 ? 't1' : 't2', groupIds: i % 3 ? ['g1'] : [] }));
        const detections = detectionRows.map(([a, b, k]) => {
          const m = new Map<string, string | null>();
          if (a !== undefined) m.set('software:s1', a);
          if (b !== undefined) m.set('software:s2', b);
          if (k !== undefined) m.set('task:k1', k);
          return m;
        });
        const planner = new BulkPlanner({ deployments, software, tasks });
        const builder = new PlanTableBuilder();
        computers.forEach((c, i) => {
          builder.begin(c.id);
          planner.plan(c, detections[i], builder);
        });
        const table = new PlanTable([builder.finish()]);
        const got = [...table.entries()].map((e) => ({ id: e.computerId, actions: e.actions.map((a) => `${a.deploymentId}:${a.kind}:${a.fromVersion}>${a.toVersion}`).sort(), unknown: e.unknown }));

        const expected = computers.map((c, i) => {
          const actions: string[] = [];
          let unknown = 0;
          for (const r of resolveDeployments(c, deployments)) {
            const value = detections[i]!.get(`${r.itemKind}:${r.itemId}`);
            if (value === undefined) {
              unknown++;
              continue;
            }
            const p =
              r.itemKind === 'software'
                ? planSoftware(software.find((s) => s.id === r.itemId)!, r.winner, { version: value })
                : value === null
                  ? null
                  : planTask(tasks[0]!, r.winner, { compliant: value === 'compliant', detail: null });
            if (p && !p.skipped) actions.push(`${p.deploymentId}:${p.kind}:${p.fromVersion}>${p.toVersion}`);
          }
          return { id: c.id, actions: actions.sort(), unknown };
        });
        expect(got).toEqual(expected);
        expect(table.computerCount).toBe(computers.length);
      }),
      { numRuns: 300 },
    );
  });
});
