import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../shared/model/deployment.js';
import type { Software } from '../../shared/model/software.js';
import { orderPlan, planSoftware } from '../../shared/engine/plan.js';

const script = { shell: 'sh' as const, body: 'true' };
const software: Software = {
  id: 's', name: 'App', vendor: '', platforms: [], detectScript: script, createdAt: '', updatedAt: '',
  versions: ['1.0', '2.0', '1.5'].map((version) => ({ version, releaseDate: null, installScript: script, uninstallScript: script, upgradeScript: null, upgradeStrategy: 'install-over' as const, options: {} })),
};
const deployment = (patch: Partial<Deployment>): Deployment => ({
  id: 'd', name: 'd', softwareId: 's', taskId: null, version: 'latest', desiredState: 'installed', mode: null, parameters: {}, targets: [{ kind: 'all' }], enabled: true, createdAt: '', updatedAt: '', ...patch,
});

describe('planning a software item', () => {
  it('installs latest when absent, upgrades when older, does nothing when current', () => {
    expect(planSoftware(software, deployment({}), { version: null })).toMatchObject({ kind: 'install', toVersion: '2.0', fromVersion: null });
    expect(planSoftware(software, deployment({}), { version: '1.5' })).toMatchObject({ kind: 'upgrade', fromVersion: '1.5', toVersion: '2.0' });
    expect(planSoftware(software, deployment({}), { version: '2.0' })).toBeNull();
  });

  it('pins a version; a newer pin is an upgrade', () => {
    expect(planSoftware(software, deployment({ version: '1.5' }), { version: '1.0' })).toMatchObject({ kind: 'upgrade', toVersion: '1.5' });
    expect(planSoftware(software, deployment({ version: '1.5' }), { version: '1.5' })).toBeNull();
  });

  it('update-if-found leaves absent software alone; uninstalled removes present software; ignore does nothing', () => {
    expect(planSoftware(software, deployment({ desiredState: 'update-if-found' }), { version: null })).toBeNull();
    expect(planSoftware(software, deployment({ desiredState: 'update-if-found' }), { version: '1.0' })).toMatchObject({ kind: 'upgrade' });
    expect(planSoftware(software, deployment({ desiredState: 'uninstalled' }), { version: '1.0' })).toMatchObject({ kind: 'uninstall', fromVersion: '1.0' });
    expect(planSoftware(software, deployment({ desiredState: 'uninstalled' }), { version: null })).toBeNull();
    expect(planSoftware(software, deployment({ desiredState: 'ignore' }), { version: '0.1' })).toBeNull();
  });

  it('turns a failed detection or a missing pinned version into an action that fails without running', () => {
    expect(planSoftware(software, deployment({}), { error: 'timed out' })).toMatchObject({ error: 'detection failed: timed out' });
    expect(planSoftware(software, deployment({ version: '9.9' }), { version: null })).toMatchObject({ error: 'version 9.9 of App is not in the library' });
  });

  it('orders uninstalls before installs, keeping the order otherwise', () => {
    const a = planSoftware(software, deployment({ id: 'a' }), { version: null })!;
    const b = planSoftware(software, deployment({ id: 'b', desiredState: 'uninstalled' }), { version: '1.0' })!;
    expect(orderPlan([a, b]).map((x) => x.deploymentId)).toEqual(['b', 'a']);
  });
});
