// A real session end to end: console and agent as processes, real sh scripts in a sandbox folder.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, startConsole } from '../support/processes.js';
import { enrollAgent, installedVersion, logText, runCount, sandbox, sandboxSoftware, waitForSession } from '../support/scenario.js';

afterEach(cleanup);

describe('a maintenance session', () => {
  it('installs software, verifies it by detecting again, and finds nothing to do the second time', async () => {
    const c = await startConsole();
    const { computerId } = await enrollAgent(c, { name: 'pc-1' });
    const computer = await c.api.call('computers.get', { id: computerId });
    expect(computer.os.platform).toBe('linux');
    expect(computer.os.name).not.toBe('');

    const dir = sandbox();
    const software = await c.api.call('software.create', sandboxSoftware(dir, 'foo', [{ version: '1.0.0' }, { version: '1.2.0' }]));
    const deployment = await c.api.call('deployments.create', { name: 'Foo latest', softwareId: software.id, version: 'latest', desiredState: 'installed', targets: [{ kind: 'all' }] });

    const { sessionIds } = await c.api.call('maintenance.run', { computerIds: [computerId] });
    expect(sessionIds).toHaveLength(1);
    const session = await waitForSession(c, sessionIds[0]!);
    expect(session.status).toBe('completed');
    expect(session.trigger).toBe('manual');
    expect(session.startedAt).not.toBeNull();
    expect(session.endedAt).not.toBeNull();
    expect(session.actions).toHaveLength(1);
    expect(session.actions[0]).toMatchObject({ deploymentId: deployment.id, kind: 'install', status: 'succeeded', fromVersion: null, toVersion: '1.2.0', exitCode: 0 });
    expect(session.decisions).toEqual([expect.objectContaining({ deploymentId: deployment.id, won: true })]);
    expect(installedVersion(dir, 'foo')).toBe('1.2.0');
    const log = await logText(c, session.id);
    expect(log).toContain('stdout: installing foo 1.2.0');
    expect(log).toContain('Verified: foo 1.2.0 is installed');

    const listed = (await c.api.call('computers.list', {})).items.find((x) => x.id === computerId)!;
    expect(listed.software).toEqual([expect.objectContaining({ name: 'foo', version: '1.2.0' })]);

    const again = await c.api.call('maintenance.run', { computerIds: [computerId] });
    const second = await waitForSession(c, again.sessionIds[0]!);
    expect(second.status).toBe('completed');
    expect(second.actions).toEqual([]);
    expect(runCount(dir, 'foo')).toBe(1);
  });

  it('fails the session when an install exits non-zero, with the exit code and its error output', async () => {
    const c = await startConsole();
    const { computerId } = await enrollAgent(c, { name: 'pc-fail' });
    const dir = sandbox();
    const software = await c.api.call(
      'software.create',
      sandboxSoftware(dir, 'broken', [{ version: '2.0', install: 'echo "disk full while copying files" >&2\nexit 3' }]),
    );
    await c.api.call('deployments.create', { name: 'Broken', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'computer', id: computerId }] });
    const { sessionIds } = await c.api.call('maintenance.run', { computerIds: [computerId] });
    const session = await waitForSession(c, sessionIds[0]!);
    expect(session.status).toBe('failed');
    expect(session.actions[0]).toMatchObject({ kind: 'install', status: 'failed', exitCode: 3, reason: 'exit code 3' });
    const lines = (await c.api.call('sessions.logs', { id: session.id })).lines;
    expect(lines).toContainEqual(expect.objectContaining({ level: 'stderr', text: 'disk full while copying files', actionId: session.actions[0]!.id }));
  });

  it('follows a session through the API: sessions.list filters and pages, logs resume after a sequence number', async () => {
    const c = await startConsole();
    const a = await enrollAgent(c, { name: 'pc-a' });
    const b = await enrollAgent(c, { name: 'pc-b' });
    const dir = sandbox();
    const software = await c.api.call('software.create', sandboxSoftware(dir, 'bar', [{ version: '1' }]));
    await c.api.call('deployments.create', { name: 'Bar', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'tenant', id: a.tenantId }] });
    const run = await c.api.call('maintenance.run', { computerIds: [a.computerId, b.computerId], priority: 'high' });
    expect(run.sessionIds).toHaveLength(2);
    const [sa, sb] = await Promise.all(run.sessionIds.map((id) => waitForSession(c, id)));
    expect(sa!.actions.map((x) => x.kind)).toEqual(['install']);
    // b is in another tenant: the tenant deployment does not apply to it.
    expect(sb!.actions).toEqual([]);

    const forA = await c.api.call('sessions.list', { computerId: a.computerId });
    expect(forA.items.map((s) => s.id)).toEqual([sa!.id]);
    const byTenant = await c.api.call('sessions.list', { tenantId: b.tenantId, status: 'completed' });
    expect(byTenant.items.map((s) => s.id)).toEqual([sb!.id]);
    const page1 = await c.api.call('sessions.list', { limit: 1 });
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await c.api.call('sessions.list', { limit: 1, cursor: page1.nextCursor! });
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0]!.id).not.toBe(page1.items[0]!.id);
    expect(page2.nextCursor).toBeNull();

    const all = (await c.api.call('sessions.logs', { id: sa!.id })).lines;
    expect(all.map((l) => l.seq)).toEqual(all.map((_, i) => i + 1));
    const tail = (await c.api.call('sessions.logs', { id: sa!.id, afterSeq: 3 })).lines;
    expect(tail[0]!.seq).toBe(4);
    expect(tail).toHaveLength(all.length - 3);
  });
});
