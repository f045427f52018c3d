// The software library end to end: real console, real agents, real sh scripts in per-agent sandboxes.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/api/client.js';
import { cleanup, startConsole, stopProcess, waitFor } from '../support/processes.js';
import { logText, waitForSession } from '../support/scenario.js';
import { enrollSandboxed, installScript, installed, preinstall, scriptLog, softwareInput, uninstallScript } from '../support/library.js';

afterEach(cleanup);

async function runOn(c: Awaited<ReturnType<typeof startConsole>>, computerId: string) {
  const { sessionIds } = await c.api.call('maintenance.run', { computerIds: [computerId] });
  return waitForSession(c, sessionIds[0]!);
}

describe('software deployments', () => {
  it('upgrades every Latest deployment once a version is added, and a new pin is an upgrade too', async () => {
    const c = await startConsole();
    const pc = await enrollSandboxed(c, { name: 'pc-latest' });
    const app = await c.api.call('software.create', softwareInput('app', ['1.0']));
    const latest = await c.api.call('deployments.create', { name: 'App latest', softwareId: app.id, version: 'latest', desiredState: 'installed', targets: [{ kind: 'tenant', id: pc.tenantId }] });

    const first = await runOn(c, pc.computerId);
    expect(first.actions).toMatchObject([{ kind: 'install', status: 'succeeded', toVersion: '1.0' }]);

    const withNew = await c.api.call('software.addVersion', { softwareId: app.id, version: '1.1', installScript: installScript('app'), uninstallScript: uninstallScript('app') });
    expect(withNew.versions.map((v) => v.version)).toEqual(['1.0', '1.1']);
    await c.api.call('software.updateVersion', { softwareId: app.id, version: '1.1', releaseDate: '2026-03-01' });
    expect((await c.api.call('software.get', { id: app.id })).versions[1]).toMatchObject({ version: '1.1', releaseDate: '2026-03-01', upgradeStrategy: 'install-over' });

    const second = await runOn(c, pc.computerId);
    expect(second.status).toBe('completed');
    expect(second.actions).toMatchObject([{ deploymentId: latest.id, kind: 'upgrade', status: 'succeeded', fromVersion: '1.0', toVersion: '1.1', reason: 'installed 1.0 is older than latest (1.1)' }]);
    expect(installed(pc.sandbox, 'app')).toBe('1.1');
    expect(await logText(c, second.id)).toContain('Verified: app 1.1 is installed');

    await c.api.call('software.addVersion', { softwareId: app.id, version: '2.0', installScript: installScript('app') });
    await c.api.call('deployments.update', { id: latest.id, version: '1.1' });
    expect((await runOn(c, pc.computerId)).actions).toEqual([]);
    await c.api.call('deployments.update', { id: latest.id, version: '2.0' });
    const pinned = await runOn(c, pc.computerId);
    expect(pinned.actions).toMatchObject([{ kind: 'upgrade', status: 'succeeded', fromVersion: '1.1', toVersion: '2.0' }]);
    expect(scriptLog(pc.sandbox, 'app')).toEqual(['install 1.0 from none opts=', 'install 1.1 from 1.0 opts=', 'install 2.0 from 1.1 opts=']);
  });

  it('update-if-found installs nothing where the software is absent and upgrades it where found', async () => {
    const c = await startConsole();
    const tenantId = (await c.api.call('tenants.create', { name: 'Acme' })).id;
    const absent = await enrollSandboxed(c, { name: 'pc-absent', tenantId });
    const present = await enrollSandboxed(c, { name: 'pc-present', tenantId });
    preinstall(present.sandbox, 'viewer', '1.0');
    const viewer = await c.api.call('software.create', softwareInput('viewer', ['1.0', '1.5']));
    await c.api.call('deployments.create', { name: 'Viewer if found', softwareId: viewer.id, desiredState: 'update-if-found', targets: [{ kind: 'all' }] });

    const [a, p] = await Promise.all([runOn(c, absent.computerId), runOn(c, present.computerId)]);
    expect(a.status).toBe('completed');
    expect(a.actions).toEqual([]);
    expect(installed(absent.sandbox, 'viewer')).toBeNull();
    expect(scriptLog(absent.sandbox, 'viewer')).toEqual([]);
    expect(p.actions).toMatchObject([{ kind: 'upgrade', status: 'succeeded', fromVersion: '1.0', toVersion: '1.5' }]);
    expect(installed(present.sandbox, 'viewer')).toBe('1.5');
  });

  it('uninstalls where the desired state is uninstalled, and verifies it is gone', async () => {
    const c = await startConsole();
    const pc = await enrollSandboxed(c, { name: 'pc-remove' });
    preinstall(pc.sandbox, 'toolbar', '3.2');
    const toolbar = await c.api.call('software.create', softwareInput('toolbar', ['3.2']));
    await c.api.call('deployments.create', { name: 'No toolbar', softwareId: toolbar.id, desiredState: 'uninstalled', targets: [{ kind: 'computer', id: pc.computerId }] });
    const session = await runOn(c, pc.computerId);
    expect(session.actions).toMatchObject([{ kind: 'uninstall', status: 'succeeded', fromVersion: '3.2', toVersion: null }]);
    expect(installed(pc.sandbox, 'toolbar')).toBeNull();
    expect(await logText(c, session.id)).toContain('Verified: toolbar is not installed');
    expect((await c.api.call('computers.get', { id: pc.computerId })).software).toEqual([]);
  });

  it('fails an install whose script exits 0 but leaves the wrong version, with that reason', async () => {
    const c = await startConsole();
    const pc = await enrollSandboxed(c, { name: 'pc-liar' });
    const liar = await c.api.call('software.create', { ...softwareInput('liar', []), versions: [{ version: '2.0', installScript: installScript('liar', '1.9') }] });
    await c.api.call('deployments.create', { name: 'Liar', softwareId: liar.id, desiredState: 'installed', targets: [{ kind: 'all' }] });
    const session = await runOn(c, pc.computerId);
    expect(session.status).toBe('failed');
    expect(session.actions).toMatchObject([{ kind: 'install', status: 'failed', exitCode: 0, reason: 'verification failed: expected 2.0, detected 1.9' }]);
  });

  it('upgrades by uninstalling first when the version says so, with its options as environment variables', async () => {
    const c = await startConsole();
    const pc = await enrollSandboxed(c, { name: 'pc-strategy' });
    preinstall(pc.sandbox, 'suite', '5.0');
    const suite = await c.api.call('software.create', softwareInput('suite', ['5.0']));
    await c.api.call('software.addVersion', {
      softwareId: suite.id, version: '6.0', installScript: installScript('suite'), uninstallScript: uninstallScript('suite'),
      upgradeStrategy: 'uninstall-first', options: { INSTALL_ARGS: '/quiet /norestart' },
    });
    await expect(c.api.call('software.addVersion', { softwareId: suite.id, version: '7.0', installScript: installScript('suite'), upgradeStrategy: 'upgrade-script' })).rejects.toMatchObject({ status: 400, field: 'upgradeScript' });
    await expect(c.api.call('software.addVersion', { softwareId: suite.id, version: '7.0', installScript: installScript('suite'), options: { PATH: '/evil' } })).rejects.toMatchObject({ status: 400 });
    await c.api.call('deployments.create', { name: 'Suite', softwareId: suite.id, desiredState: 'installed', targets: [{ kind: 'all' }] });
    const session = await runOn(c, pc.computerId);
    expect(session.actions).toMatchObject([{ kind: 'upgrade', status: 'succeeded', fromVersion: '5.0', toVersion: '6.0' }]);
    expect(scriptLog(pc.sandbox, 'suite')).toEqual(['uninstall 5.0', 'install 6.0 from 5.0 opts=/quiet /norestart']);
  });
});

describe('explaining and previewing a computer', () => {
  it('explains competing deployments, previews the upgrade a new version brings without changing anything, and refuses an offline computer', async () => {
    const c = await startConsole();
    const pc = await enrollSandboxed(c, { name: 'pc-explain' });
    preinstall(pc.sandbox, 'editor', '1.0');
    const editor = await c.api.call('software.create', softwareInput('editor', ['1.0']));
    const everyone = await c.api.call('deployments.create', { name: 'Editor everywhere', softwareId: editor.id, desiredState: 'installed', targets: [{ kind: 'all' }] });
    const tenant = await c.api.call('deployments.create', { name: 'Editor for Acme', softwareId: editor.id, desiredState: 'update-if-found', targets: [{ kind: 'tenant', id: pc.tenantId }] });
    const off = await c.api.call('deployments.create', { name: 'Old rule', softwareId: editor.id, desiredState: 'uninstalled', enabled: false, targets: [{ kind: 'computer', id: pc.computerId }] });

    const explained = await c.api.call('deployments.explain', { computerId: pc.computerId });
    expect(explained.items).toEqual([
      {
        item: { kind: 'software', id: editor.id, name: 'editor' },
        winner: { deploymentId: tenant.id, reason: 'most specific: it targets its tenant' },
        losers: [
          { deploymentId: everyone.id, reason: 'less specific: it targets all computers, the winner targets its tenant' },
          { deploymentId: off.id, reason: 'disabled: takes no part' },
        ],
      },
    ]);

    expect((await c.api.call('maintenance.preview', { computerId: pc.computerId })).actions).toEqual([]);
    await c.api.call('software.addVersion', { softwareId: editor.id, version: '1.2', installScript: installScript('editor') });
    const preview = await c.api.call('maintenance.preview', { computerId: pc.computerId });
    expect(preview.actions).toEqual([{ deploymentId: tenant.id, kind: 'upgrade', fromVersion: '1.0', toVersion: '1.2', reason: 'installed 1.0 is older than latest (1.2)', skipped: false, error: null }]);
    // Nothing ran and nothing was written: no session, no script, no detection recorded.
    expect(installed(pc.sandbox, 'editor')).toBe('1.0');
    expect(scriptLog(pc.sandbox, 'editor')).toEqual([]);
    expect((await c.api.call('sessions.list', {})).items).toEqual([]);
    expect((await c.api.call('computers.get', { id: pc.computerId })).software).toEqual([]);
    expect((await c.api.call('maintenance.preview', { computerId: pc.computerId, deploymentIds: [everyone.id] })).actions).toEqual([]);

    await expect(c.api.call('maintenance.preview', { computerId: pc.computerId, deploymentIds: ['nope'] })).rejects.toMatchObject({ status: 400, field: 'deploymentIds.0' });
    await stopProcess(pc.agent.process);
    await waitFor(async () => !(await c.api.call('computers.get', { id: pc.computerId })).online, 'the agent to be offline');
    const offline = await c.api.call('maintenance.preview', { computerId: pc.computerId }).catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(ApiCallError);
    expect(offline).toMatchObject({ status: 503, code: 'unavailable', message: 'computer pc-explain is offline: a plan preview needs its agent to run detection now' });
  });
});
