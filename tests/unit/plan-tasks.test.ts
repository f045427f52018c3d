import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../shared/model/deployment.js';
import type { ScannedUpdate, UpdateScan } from '../../shared/model/os-updates.js';
import { OS_UPDATES_TASK_ID, TaskParameter, type Task } from '../../shared/model/task.js';
import { planOsUpdates, planTask, taskEnvironment } from '../../shared/engine/plan-tasks.js';
import { orderPlan } from '../../shared/engine/plan.js';
import { describeUpdates, selectUpdates } from '../../shared/engine/os-updates.js';

const script = { shell: 'sh' as const, body: 'true' };
const task: Task = {
  id: 'k', name: 'Screen lock', description: '', testScript: script, setScript: script, builtIn: null, createdAt: '', updatedAt: '',
  parameters: [
    { name: 'MINUTES', type: 'number', default: 10 },
    { name: 'MODE', type: 'choice', choices: ['strict', 'loose'] },
    { name: 'NOTIFY', type: 'boolean', default: false },
  ],
};
const osTask: Task = { ...task, id: OS_UPDATES_TASK_ID, name: 'OS Updates', parameters: [], testScript: null, setScript: null, builtIn: 'os-updates' };
const deployment = (patch: Partial<Deployment>): Deployment => ({
  id: 'd', name: 'd', softwareId: null, taskId: 'k', version: null, desiredState: null, mode: 'audit', parameters: {}, targets: [{ kind: 'all' }], enabled: true, createdAt: '', updatedAt: '', ...patch,
});
const update = (id: string, category: ScannedUpdate['category'], selected = true): ScannedUpdate => ({
  id, title: `Update ${id}`, category, kb: null, releaseDate: null, severity: null, fromVersion: null, toVersion: null, selected, heldBack: selected ? null : 'held',
});
const scan = (updates: ScannedUpdate[], rebootRequired = false): UpdateScan => ({ provider: 'apt', error: null, updates, rebootRequired });

describe('planning a task', () => {
  it('does nothing when the test says compliant, in either mode', () => {
    expect(planTask(task, deployment({}), { compliant: true, detail: 'ok' })).toBeNull();
    expect(planTask(task, deployment({ mode: 'enforce' }), { compliant: true, detail: null })).toBeNull();
  });

  it('audit lists the non-compliance and changes nothing', () => {
    expect(planTask(task, deployment({}), { compliant: false, detail: 'lock after 30 min' })).toMatchObject({
      kind: 'run-task', skipped: true, error: null, reason: 'non-compliant: lock after 30 min; audit mode reports it and changes nothing',
    });
  });

  it('enforce plans the set script and a test after it', () => {
    expect(planTask(task, deployment({ mode: 'enforce' }), { compliant: false, detail: null })).toMatchObject({ kind: 'run-task', skipped: false, reason: 'non-compliant; enforce runs the set script, then tests again' });
  });

  it('a test that could not run becomes an action that fails with the reason', () => {
    expect(planTask(task, deployment({}), { error: 'timed out after 120 s' })).toMatchObject({ error: 'test failed to run: timed out after 120 s' });
  });

  it('passes parameters as environment variables, defaults filled in, typed values as text', () => {
    expect(taskEnvironment(task, { MODE: 'strict', NOTIFY: true })).toEqual({ MINUTES: '10', MODE: 'strict', NOTIFY: 'true' });
  });

  it('refuses parameter declarations that do not hold together', () => {
    expect(TaskParameter.safeParse({ name: 'MODE', type: 'choice' }).success).toBe(false);
    expect(TaskParameter.safeParse({ name: 'MODE', type: 'choice', choices: ['a'], default: 'b' }).success).toBe(false);
    expect(TaskParameter.safeParse({ name: 'N', type: 'number', default: 'ten' }).success).toBe(false);
    expect(TaskParameter.safeParse({ name: 'PATH', type: 'string' }).success).toBe(false);
    expect(TaskParameter.safeParse({ name: 'STEWARD_X', type: 'string' }).success).toBe(false);
    expect(TaskParameter.safeParse({ name: 'N', type: 'number', default: 3 }).success).toBe(true);
  });
});

describe('planning OS updates', () => {
  const enforce = deployment({ taskId: OS_UPDATES_TASK_ID, mode: 'enforce' });
  const audit = deployment({ taskId: OS_UPDATES_TASK_ID, mode: 'audit' });

  it('installs what the settings let through, then restarts as the restart behaviour says', () => {
    const found = scan([update('a', 'security'), update('b', 'other', false)]);
    expect(planOsUpdates(osTask, enforce, found, 'if-required').map((a) => [a.kind, a.skipped])).toEqual([['install-updates', false], ['reboot', false]]);
    expect(planOsUpdates(osTask, enforce, found, 'if-required')[0]!.reason).toBe('1 update pending (1 security); 1 held back');
    expect(planOsUpdates(osTask, enforce, found, 'always')[1]!.reason).toContain('always');
    expect(planOsUpdates(osTask, enforce, found, 'never').map((a) => a.kind)).toEqual(['install-updates']);
  });

  it('plans nothing when nothing is pending and no restart waits; restarts a pending restart unless never', () => {
    expect(planOsUpdates(osTask, enforce, scan([update('b', 'driver', false)]), 'always')).toEqual([]);
    expect(planOsUpdates(osTask, enforce, scan([], true), 'if-required').map((a) => [a.kind, a.reason])).toEqual([['reboot', 'a restart is pending']]);
    expect(planOsUpdates(osTask, enforce, scan([], true), 'never')).toMatchObject([{ kind: 'reboot', skipped: true }]);
  });

  it('audit reports pending updates and a pending restart without installing or restarting', () => {
    const actions = planOsUpdates(osTask, audit, scan([update('a', 'critical')], true), 'always');
    expect(actions.map((a) => [a.kind, a.skipped])).toEqual([['install-updates', true], ['reboot', true]]);
    expect(actions[0]!.reason).toContain('audit mode reports them and installs nothing');
  });

  it('a computer without a provider is skipped with the reason; a failed scan fails the action', () => {
    expect(planOsUpdates(osTask, enforce, { provider: null, error: 'no OS update provider on this computer (darwin)', updates: [], rebootRequired: false }, 'always')).toMatchObject([
      { kind: 'install-updates', skipped: true, reason: 'no OS update provider on this computer (darwin)' },
    ]);
    expect(planOsUpdates(osTask, enforce, { provider: 'windows-update', error: 'Windows Update Agent: 0x8024402C', updates: [], rebootRequired: false }, 'always')).toMatchObject([
      { kind: 'install-updates', error: 'update scan failed: Windows Update Agent: 0x8024402C' },
    ]);
    expect(planOsUpdates(osTask, enforce, { error: 'outcome-unknown' }, 'always')).toMatchObject([{ error: 'update scan failed: outcome-unknown' }]);
  });

  it('runs updates after software and tasks, and the restart last', () => {
    const updates = planOsUpdates(osTask, enforce, scan([update('a', 'security')]), 'always');
    const taskAction = planTask(task, deployment({ mode: 'enforce' }), { compliant: false, detail: null })!;
    expect(orderPlan([...updates, taskAction]).map((a) => a.kind)).toEqual(['run-task', 'install-updates', 'reboot']);
  });
});

describe('choosing updates by category and deferral', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  const base = { title: 't', kb: null, severity: null, fromVersion: null, toVersion: null };

  it('lets through chosen categories and holds back the rest, saying why', () => {
    const chosen = selectUpdates(
      [
        { ...base, id: 'a', category: 'security', releaseDate: '2026-03-01T00:00:00Z' },
        { ...base, id: 'b', category: 'driver', releaseDate: '2026-03-01T00:00:00Z' },
      ],
      { categories: ['security'], deferralDays: {} },
      now,
    );
    expect(chosen.map((u) => [u.id, u.selected, u.heldBack])).toEqual([
      ['a', true, null],
      ['b', false, 'category driver is not chosen in the Windows Update settings'],
    ]);
    expect(describeUpdates(chosen)).toBe('1 update pending (1 security); 1 held back');
  });

  it('defers an update until its category deferral has passed since release; without a date nothing is deferred', () => {
    const settings = { categories: ['feature', 'security'] as const, deferralDays: { feature: 30, security: 2 } };
    const chosen = selectUpdates(
      [
        { ...base, id: 'new-feature', category: 'feature', releaseDate: '2026-03-01T00:00:00Z' },
        { ...base, id: 'old-feature', category: 'feature', releaseDate: '2026-02-01T00:00:00Z' },
        { ...base, id: 'security', category: 'security', releaseDate: '2026-03-09T00:00:00Z' },
        { ...base, id: 'apt', category: 'security', releaseDate: null },
      ],
      { categories: [...settings.categories], deferralDays: settings.deferralDays },
      now,
    );
    expect(chosen.map((u) => [u.id, u.selected, u.heldBack])).toEqual([
      ['new-feature', false, 'deferred 30 days after release, until 2026-03-31'],
      ['old-feature', true, null],
      ['security', false, 'deferred 2 days after release, until 2026-03-11'],
      ['apt', true, null],
    ]);
  });
});
