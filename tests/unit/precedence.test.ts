import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Deployment, Target } from '../../shared/model/deployment.js';
import type { Software } from '../../shared/model/software.js';
import { resolveDeployments } from '../../shared/engine/precedence.js';
import { DeploymentIndex } from '../../shared/engine/deployment-index.js';
import { planSoftware } from '../../shared/engine/plan.js';

const computer = { id: 'pc', tenantId: 't1', groupIds: ['g1'] };

function dep(id: string, patch: Partial<Deployment>): Deployment {
  return {
    id, name: id, softwareId: 's1', taskId: null, version: 'latest', desiredState: 'installed', mode: null, parameters: {},
    targets: [{ kind: 'all' }], enabled: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...patch,
  };
}

function winnerOf(deployments: Deployment[], on = computer) {
  const [r] = resolveDeployments(on, deployments);
  return r;
}

const script = { shell: 'sh' as const, body: 'true' };
const app: Software = {
  id: 's1', name: 'App', vendor: '', platforms: [], detectScript: script, createdAt: '', updatedAt: '',
  versions: ['1.0', '2.0'].map((version) => ({ version, releaseDate: null, installScript: script, uninstallScript: script, upgradeScript: null, upgradeStrategy: 'install-over' as const, options: {} })),
};

describe('which deployment wins', () => {
  it('prefers computer over group over tenant over all', () => {
    const r = winnerOf([
      dep('all', {}),
      dep('tenant', { targets: [{ kind: 'tenant', id: 't1' }] }),
      dep('group', { targets: [{ kind: 'group', id: 'g1' }] }),
      dep('computer', { desiredState: 'uninstalled', targets: [{ kind: 'computer', id: 'pc' }] }),
    ])!;
    expect(r.winner.id).toBe('computer');
    expect(r.winnerReason).toBe('most specific: it targets this computer');
    expect(r.losers.map((l) => l.deployment.id).sort()).toEqual(['all', 'group', 'tenant']);
    expect(r.losers.find((l) => l.deployment.id === 'tenant')!.reason).toBe('less specific: it targets its tenant, the winner targets this computer');
    expect(r.losers.find((l) => l.deployment.id === 'group')!.reason).toBe('less specific: it targets a group it belongs to, the winner targets this computer');
  });

  it('a tenant deployment installs everywhere in the tenant, and a computer-level uninstall wins for that one computer', () => {
    const deployments = [dep('install', { targets: [{ kind: 'tenant', id: 't1' }] }), dep('remove-here', { desiredState: 'uninstalled', targets: [{ kind: 'computer', id: 'pc' }] })];
    expect(winnerOf(deployments)!.winner.id).toBe('remove-here');
    const neighbour = { id: 'pc-2', tenantId: 't1', groupIds: [] };
    const r = winnerOf(deployments, neighbour)!;
    expect(r.winner.id).toBe('install');
    expect(r.losers).toEqual([]);
    expect(planSoftware(app, r.winner, { version: null })).toMatchObject({ kind: 'install', toVersion: '2.0' });
    expect(planSoftware(app, winnerOf(deployments)!.winner, { version: '1.0' })).toMatchObject({ kind: 'uninstall', fromVersion: '1.0' });
  });

  it('a tenant-level uninstall beats an all-computers install', () => {
    const r = winnerOf([dep('install-all', {}), dep('remove', { desiredState: 'uninstalled', targets: [{ kind: 'tenant', id: 't1' }] })])!;
    expect(r.winner.id).toBe('remove');
    expect(r.losers[0]!.reason).toContain('less specific: it targets all computers');
  });

  it('a computer-level ignore leaves that computer alone while the rest upgrade to Latest', () => {
    const deployments = [dep('latest', {}), dep('hands-off', { desiredState: 'ignore', targets: [{ kind: 'computer', id: 'pc' }] })];
    const here = winnerOf(deployments)!;
    expect(here.winner.id).toBe('hands-off');
    expect(planSoftware(app, here.winner, { version: '1.0' })).toBeNull();
    const elsewhere = winnerOf(deployments, { id: 'pc-2', tenantId: 't1', groupIds: [] })!;
    expect(elsewhere.winner.id).toBe('latest');
    expect(planSoftware(app, elsewhere.winner, { version: '1.0' })).toMatchObject({ kind: 'upgrade', fromVersion: '1.0', toVersion: '2.0' });
  });

  it('at the same level: ignore > uninstalled > most recently changed (last update, not creation)', () => {
    const older = dep('older', { updatedAt: '2026-01-01T00:00:00.000Z', createdAt: '2025-12-01T00:00:00.000Z' });
    const newer = dep('newer', { updatedAt: '2026-02-01T00:00:00.000Z', createdAt: '2025-01-01T00:00:00.000Z' });
    const r1 = winnerOf([older, newer])!;
    expect(r1.winner.id).toBe('newer');
    expect(r1.winnerReason).toContain('changed most recently');
    expect(r1.losers[0]!.reason).toBe('same level (all) and desired state: the winner was changed more recently (2026-02-01 00:00 UTC against 2026-01-01 00:00 UTC)');
    const uninstall = dep('uninstall', { desiredState: 'uninstalled' });
    const r2 = winnerOf([older, newer, uninstall])!;
    expect(r2.winner.id).toBe('uninstall');
    expect(r2.losers.find((l) => l.deployment.id === 'newer')!.reason).toBe("same level (all): the winner's desired state 'uninstalled' beats 'installed'");
    const r3 = winnerOf([older, newer, uninstall, dep('ignore', { desiredState: 'ignore' })])!;
    expect(r3.winner.id).toBe('ignore');
    expect(r3.winnerReason).toContain("'ignore'");
    expect(r3.losers.find((l) => l.deployment.id === 'uninstall')!.reason).toContain("'ignore' beats 'uninstalled'");
  });

  it('compares change times as instants, whatever their offsets', () => {
    const a = dep('a', { updatedAt: '2026-02-01T10:00:00+02:00' }); // 08:00 UTC
    const b = dep('b', { updatedAt: '2026-02-01T09:00:00.000Z' });
    expect(winnerOf([a, b])!.winner.id).toBe('b');
  });

  it('a disabled deployment takes no part, and deployments that do not target the computer are not listed', () => {
    const r = winnerOf([dep('on', {}), dep('off', { enabled: false, targets: [{ kind: 'computer', id: 'pc' }] }), dep('other', { targets: [{ kind: 'tenant', id: 't2' }] })])!;
    expect(r.winner.id).toBe('on');
    expect(r.winnerReason).toBe('the only enabled deployment of this item for this computer (it targets all computers)');
    expect(r.losers.map((l) => [l.deployment.id, l.reason])).toEqual([['off', 'disabled: takes no part']]);
    expect(resolveDeployments(computer, [dep('off', { enabled: false })])).toEqual([]);
  });

  it('counts a deployment with several targets at its most specific matching one', () => {
    const both = dep('both', { targets: [{ kind: 'all' }, { kind: 'group', id: 'g1' }], updatedAt: '2025-01-01T00:00:00.000Z' });
    const tenant = dep('tenant', { desiredState: 'ignore', targets: [{ kind: 'tenant', id: 't1' }] });
    expect(winnerOf([both, tenant])!.winner.id).toBe('both');
  });

  it('resolves ties deterministically, whatever the input order', () => {
    const a = dep('a', {});
    const b = dep('b', {});
    expect(winnerOf([a, b])!.winner.id).toBe('b');
    expect(winnerOf([b, a])!.winner.id).toBe('b');
    expect(winnerOf([a, b])!.losers[0]!.reason).toContain('larger id');
  });

  it('resolves software items and tasks separately', () => {
    const task = dep('task', { softwareId: null, taskId: 'k1', desiredState: null, mode: 'audit' });
    const items = resolveDeployments(computer, [dep('sw', {}), task]);
    expect(items.map((i) => [i.itemKind, i.itemId, i.winner.id])).toEqual([['software', 's1', 'sw'], ['task', 'k1', 'task']]);
  });
});

describe('the bulk index', () => {
  const target = fc.oneof(
    fc.constant<Target>({ kind: 'all' }),
    fc.constantFrom('t1', 't2').map((id): Target => ({ kind: 'tenant', id })),
    fc.constantFrom('g1', 'g2', 'g3').map((id): Target => ({ kind: 'group', id })),
    fc.constantFrom('pc', 'pc-2').map((id): Target => ({ kind: 'computer', id })),
  );
  const deployment = fc.record({
    item: fc.constantFrom('s1', 's2', 'k1'),
    state: fc.constantFrom('installed', 'update-if-found', 'uninstalled', 'ignore'),
    targets: fc.array(target, { minLength: 1, maxLength: 3 }),
    enabled: fc.boolean(),
    day: fc.integer({ min: 1, max: 3 }),
  });

  it('picks the same winners as resolveDeployments', () => {
    fc.assert(
      fc.property(fc.array(deployment, { maxLength: 12 }), fc.constantFrom('pc', 'pc-2'), fc.subarray(['g1', 'g2', 'g3']), (specs, id, groupIds) => {
        const deployments = specs.map((s, i) =>
          dep(`d${i}`, {
            softwareId: s.item.startsWith('s') ? s.item : null,
            taskId: s.item.startsWith('k') ? s.item : null,
            desiredState: s.item.startsWith('s') ? (s.state as Deployment['desiredState']) : null,
            targets: s.targets,
            enabled: s.enabled,
            updatedAt: `2026-01-0${s.day}T00:00:00.000Z`,
          }),
        );
        const on = { id, tenantId: 't1', groupIds };
        const expected = resolveDeployments(on, deployments).map((r) => `${r.itemKind}:${r.itemId}=${r.winner.id}@${r.winnerLevel}`).sort();
        const actual = new DeploymentIndex(deployments).winners(on).map((w) => `${w.itemKind}:${w.itemId}=${w.deployment.id}@${w.level}`).sort();
        expect(actual).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
