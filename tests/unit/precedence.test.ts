import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../shared/model/deployment.js';
import { resolveDeployments } from '../../shared/engine/precedence.js';

const computer = { id: 'pc', tenantId: 't1', groupIds: ['g1'] };

function dep(id: string, patch: Partial<Deployment>): Deployment {
  return {
    id, name: id, softwareId: 's1', taskId: null, version: 'latest', desiredState: 'installed', mode: null, parameters: {},
    targets: [{ kind: 'all' }], enabled: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...patch,
  };
}

function winnerOf(deployments: Deployment[]) {
  const [r] = resolveDeployments(computer, deployments);
  return r;
}

describe('which deployment wins', () => {
  it('prefers computer over group over tenant over all', () => {
    const r = winnerOf([
      dep('all', {}),
      dep('tenant', { targets: [{ kind: 'tenant', id: 't1' }] }),
      dep('group', { targets: [{ kind: 'group', id: 'g1' }] }),
      dep('computer', { desiredState: 'uninstalled', targets: [{ kind: 'computer', id: 'pc' }] }),
    ])!;
    expect(r.winner.id).toBe('computer');
    expect(r.losers.map((l) => l.deployment.id).sort()).toEqual(['all', 'group', 'tenant']);
    expect(r.losers.find((l) => l.deployment.id === 'tenant')!.reason).toContain('less specific');
  });

  it('a tenant-level uninstall beats an all-computers install', () => {
    expect(winnerOf([dep('install-all', {}), dep('remove', { desiredState: 'uninstalled', targets: [{ kind: 'tenant', id: 't1' }] })])!.winner.id).toBe('remove');
  });

  it('at the same level: ignore > uninstalled > most recently changed', () => {
    const older = dep('older', { updatedAt: '2026-01-01T00:00:00.000Z' });
    const newer = dep('newer', { updatedAt: '2026-02-01T00:00:00.000Z', createdAt: '2025-01-01T00:00:00.000Z' });
    expect(winnerOf([older, newer])!.winner.id).toBe('newer');
    const uninstall = dep('uninstall', { desiredState: 'uninstalled' });
    expect(winnerOf([older, newer, uninstall])!.winner.id).toBe('uninstall');
    const r = winnerOf([older, newer, uninstall, dep('ignore', { desiredState: 'ignore' })])!;
    expect(r.winner.id).toBe('ignore');
    expect(r.winnerReason).toContain("'ignore'");
  });

  it('a disabled deployment takes no part, and deployments that do not target the computer are not listed', () => {
    const r = winnerOf([dep('on', {}), dep('off', { enabled: false, targets: [{ kind: 'computer', id: 'pc' }] }), dep('other', { targets: [{ kind: 'tenant', id: 't2' }] })])!;
    expect(r.winner.id).toBe('on');
    expect(r.losers.map((l) => [l.deployment.id, l.reason])).toEqual([['off', 'disabled: takes no part']]);
  });

  it('resolves ties deterministically', () => {
    const a = dep('a', {});
    const b = dep('b', {});
    expect(winnerOf([a, b])!.winner.id).toBe(winnerOf([b, a])!.winner.id);
  });
});
