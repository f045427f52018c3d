// OS updates end to end: the real apt scan (read-only), an install through a stand-in apt-get
// first on PATH, and a restart in which the agent exits and its service wrapper starts it again
// with a new boot id while the session waits and then finishes.
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { OS_UPDATES_TASK_ID } from '../../shared/model/task.js';
import { AptProvider } from '../../agent/os-updates/apt-provider.js';
import { ProcessRunner } from '../../agent/process-runner.js';
import { cleanup, startConsole, waitFor } from '../support/processes.js';
import { enrollAgent, logText, waitForSession } from '../support/scenario.js';
import { fakeApt, superviseAgent } from '../support/os-updates.js';

afterEach(cleanup);

describe('the apt provider', () => {
  it('scans this machine for real with apt-get -s, changing nothing', async () => {
    const status = statSync('/var/lib/dpkg/status').mtimeMs;
    const scan = await new AptProvider(new ProcessRunner()).scan(300);
    expect(Array.isArray(scan.updates)).toBe(true);
    for (const u of scan.updates) expect(['security', 'other']).toContain(u.category);
    expect(statSync('/var/lib/dpkg/status').mtimeMs).toBe(status);
  });

  it('previews the OS Updates task through a real agent: the real scan, nothing installed', async () => {
    const c = await startConsole();
    const { computerId } = await enrollAgent(c, { name: 'pc-real-apt' });
    await c.api.call('settings.update', { windowsUpdates: { categories: ['security', 'other'] } });
    await c.api.call('deployments.create', { name: 'Updates (audit)', taskId: OS_UPDATES_TASK_ID, mode: 'audit', targets: [{ kind: 'all' }] });
    const status = statSync('/var/lib/dpkg/status').mtimeMs;
    const preview = await c.api.call('maintenance.preview', { computerId });
    for (const a of preview.actions) {
      expect(a.error).toBeNull();
      expect(a.skipped).toBe(true);
    }
    expect(statSync('/var/lib/dpkg/status').mtimeMs).toBe(status);
  });
});

describe('installing OS updates and restarting', () => {
  it('installs what the settings choose through apt, restarts, and continues the session after the agent comes back', async () => {
    const c = await startConsole({ tuning: { rebootWaitMs: 30_000 } });
    const apt = fakeApt();
    const tenantId = (await c.api.call('tenants.create', { name: 'Acme' })).id;
    const { token } = await c.api.call('enrollment.createToken', { tenantId });
    const agent = superviseAgent({ token, name: 'pc-updates', env: { PATH: apt.path } });
    const computer = await waitFor(async () => (await c.api.call('computers.list', { tenantId })).items.find((x) => x.online), 'the agent to come online');

    const settings = await c.api.call('settings.update', { windowsUpdates: { categories: ['security'], deferralDays: { security: 0 }, restart: 'always' } });
    expect(settings.windowsUpdates).toEqual({ categories: ['security'], deferralDays: { security: 0 }, restart: 'always' });
    const deployment = await c.api.call('deployments.create', { name: 'Security updates', taskId: OS_UPDATES_TASK_ID, mode: 'enforce', targets: [{ kind: 'tenant', id: tenantId }] });

    const preview = await c.api.call('maintenance.preview', { computerId: computer.id });
    expect(preview.actions.map((a) => [a.kind, a.reason])).toEqual([
      ['install-updates', '1 update pending (1 security); 1 held back'],
      ['reboot', 'restart behaviour is always: restart after installing updates'],
    ]);
    expect(apt.calls().every((call) => call.includes('-s'))).toBe(true);

    const { sessionIds } = await c.api.call('maintenance.run', { computerIds: [computer.id] });
    const session = await waitForSession(c, sessionIds[0]!, undefined, 45_000);
    const log = await logText(c, session.id);
    expect(session.status, log).toBe('completed');
    expect(session.actions).toMatchObject([
      { deploymentId: deployment.id, kind: 'install-updates', status: 'succeeded' },
      { deploymentId: deployment.id, kind: 'reboot', status: 'succeeded' },
    ]);
    // Refreshed the lists, then upgraded only the security package, non-interactively.
    const installs = apt.calls().filter((call) => !call.includes('-s'));
    expect(installs).toEqual(['update -q', 'install --only-upgrade -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold openssl']);
    expect(log).toContain('stdout: Setting up openssl ...');
    expect(log).toContain('Installed openssl 3.0.11-1~deb12u1 → 3.0.11-1~deb12u2');
    expect(log).toContain('Waiting for the agent to reconnect');
    expect(log).toContain('The computer restarted (boot boot-1 → boot-2) and its agent is back');
    expect(agent.bootIds).toEqual(['boot-1', 'boot-2']);

    const after = await c.api.call('computers.get', { id: computer.id });
    expect(after.online).toBe(true);
    expect(after.pendingUpdates).toMatchObject({ provider: 'apt', count: 0, security: 0, heldBack: 1, rebootRequired: false });
    agent.stop();
  });

  it('skips a restart nothing asks for when the restart behaviour is if-required', async () => {
    const c = await startConsole();
    const apt = fakeApt();
    const { computerId } = await enrollAgent(c, { name: 'pc-no-restart', env: { PATH: apt.path, STEWARD_REBOOT_MODE: 'exit' } });
    await c.api.call('settings.update', { windowsUpdates: { categories: ['security', 'other'], restart: 'if-required' } });
    await c.api.call('deployments.create', { name: 'All updates', taskId: OS_UPDATES_TASK_ID, mode: 'enforce', targets: [{ kind: 'all' }] });
    const { sessionIds } = await c.api.call('maintenance.run', { computerIds: [computerId] });
    const session = await waitForSession(c, sessionIds[0]!);
    expect(session.status).toBe('completed');
    expect(session.actions).toMatchObject([
      { kind: 'install-updates', status: 'succeeded' },
      { kind: 'reboot', status: 'skipped', reason: 'not needed: no restart is pending' },
    ]);
    expect(apt.calls().filter((call) => call.startsWith('install'))[0]).toMatch(/ openssl tzdata$/);
    expect((await c.api.call('computers.get', { id: computerId })).online).toBe(true);
  });
});
