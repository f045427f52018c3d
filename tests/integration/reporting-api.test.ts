// Session detail follow-ups, log search and download, and compliance with "take action", against a
// real console and agent.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, startConsole } from '../support/processes.js';
import { enrollAgent, installedVersion, sandbox, sandboxSoftware, waitForSession } from '../support/scenario.js';

afterEach(cleanup);

describe('session detail operations', () => {
  it('retries only the failed actions, re-runs, searches and downloads the log', async () => {
    const c = await startConsole();
    const { computerId } = await enrollAgent(c, { name: 'pc-retry' });
    const dir = sandbox();
    const good = await c.api.call('software.create', sandboxSoftware(dir, 'good', [{ version: '1.0' }]));
    const flaky = await c.api.call('software.create', sandboxSoftware(dir, 'flaky', [{ version: '3.1', install: `if [ ! -f "${dir}/flaky.ok" ]; then echo "license server unreachable" >&2; exit 7; fi\nprintf '3.1\\n' > "${dir}/flaky"` }]));
    const dGood = await c.api.call('deployments.create', { name: 'Good', softwareId: good.id, desiredState: 'installed', targets: [{ kind: 'all' }] });
    const dFlaky = await c.api.call('deployments.create', { name: 'Flaky', softwareId: flaky.id, desiredState: 'installed', targets: [{ kind: 'all' }] });
    const first = await waitForSession(c, (await c.api.call('maintenance.run', { computerIds: [computerId] })).sessionIds[0]!);
    expect(first.status).toBe('failed');
    expect(first.decisions.filter((d) => d.won).map((d) => d.deploymentId).sort()).toEqual([dFlaky.id, dGood.id].sort());

    const found = await c.api.call('sessions.logs', { id: first.id, search: 'LICENSE SERVER' });
    expect(found.lines).toEqual([expect.objectContaining({ level: 'stderr', text: 'license server unreachable' })]);
    const errors = await c.api.call('sessions.logs', { id: first.id, levels: ['stderr', 'error'], limit: 1 });
    expect(errors.lines).toHaveLength(1);
    expect(errors.more).toBe(true);

    const download = await fetch(`${c.url}/api/sessions/${first.id}/log.txt`, { headers: { Authorization: `Bearer ${c.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(`steward-session-${first.id}.log.txt`);
    const text = await download.text();
    expect(text).toContain('Computer: pc-retry');
    expect(text).toMatch(/stderr +license server unreachable/);
    expect((await fetch(`${c.url}/api/sessions/${first.id}/log.txt`)).status).toBe(401);

    await expect(c.api.call('sessions.retryFailed', { id: 'no-such-session' })).rejects.toMatchObject({ status: 404 });
    const { sessionId: retryId } = await c.api.call('sessions.retryFailed', { id: first.id });
    const retry = await waitForSession(c, retryId);
    expect(retry).toMatchObject({ trigger: 'manual', deploymentIds: [dFlaky.id], status: 'failed' });
    expect(retry.actions.map((a) => a.deploymentId)).toEqual([dFlaky.id]);

    (await import('node:fs')).writeFileSync(`${dir}/flaky.ok`, '');
    const rerun = await waitForSession(c, (await c.api.call('sessions.rerun', { id: retry.id })).sessionId);
    expect(rerun).toMatchObject({ status: 'completed', deploymentIds: [dFlaky.id] });
    expect(installedVersion(dir, 'flaky')).toBe('3.1');
    await expect(c.api.call('sessions.retryFailed', { id: rerun.id })).rejects.toMatchObject({ status: 409 });

    const list = await c.api.call('sessions.list', { computerId, status: ['failed', 'completed'], sort: 'createdAt' });
    expect(list.items.map((s) => s.id)).toEqual([first.id, retry.id, rerun.id]);
    expect(list).toMatchObject({ total: 3, counts: { failed: 2, completed: 1 } });
    expect(list.items[0]).toMatchObject({ computerName: 'pc-retry', tenantName: 'Tenant of pc-retry' });
  });
});

describe('compliance', () => {
  it('reports per computer × winning deployment, exports CSV and takes action on the non-compliant', async () => {
    const c = await startConsole();
    const a = await enrollAgent(c, { name: 'pc-a' });
    const b = await enrollAgent(c, { name: 'pc-b', tenantId: a.tenantId });
    const dir = sandbox();
    const app = await c.api.call('software.create', sandboxSoftware(dir, 'app', [{ version: '1.0' }, { version: '2.0' }]));
    const v1 = await c.api.call('deployments.create', { name: 'App 1.0', softwareId: app.id, version: '1.0', desiredState: 'installed', targets: [{ kind: 'tenant', id: a.tenantId }] });
    // pc-a installs 1.0 and is compliant; pc-b has never been detected.
    await waitForSession(c, (await c.api.call('maintenance.run', { computerIds: [a.computerId] })).sessionIds[0]!);
    const latest = await c.api.call('deployments.create', { name: 'App latest on pc-a', softwareId: app.id, version: 'latest', desiredState: 'installed', targets: [{ kind: 'computer', id: a.computerId }] });

    const report = await c.api.call('compliance.report', { tenantId: a.tenantId });
    expect(report.rows.map((r) => [r.computerId, r.deploymentId, r.state, r.detail])).toEqual([
      [a.computerId, latest.id, 'non-compliant', 'installed 1.0, desired latest (2.0)'],
      [b.computerId, v1.id, 'unknown', 'never detected'],
    ]);
    expect(report.summary).toMatchObject({ total: { compliant: 0, nonCompliant: 1, unknown: 1 }, nonCompliantComputers: 1, rows: 2 });
    expect(report.summary.byTenant).toEqual([{ tenantId: a.tenantId, compliant: 0, nonCompliant: 1, unknown: 1 }]);
    await expect(c.api.call('compliance.report', { tenantId: 'nope' })).rejects.toMatchObject({ status: 400, field: 'tenantId' });

    const csv = await fetch(`${c.url}/api/compliance.csv?tenantId=${a.tenantId}`, { headers: { Authorization: `Bearer ${c.token}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('pc-a,App latest on pc-a,non-compliant,"installed 1.0, desired latest (2.0)"');

    const action = await c.api.call('compliance.takeAction', { tenantId: a.tenantId });
    expect(action.computers).toBe(1);
    const fixed = await waitForSession(c, action.sessionIds[0]!);
    expect(fixed).toMatchObject({ computerId: a.computerId, deploymentIds: [latest.id], status: 'completed' });
    expect(installedVersion(dir, 'app')).toBe('2.0');
    const after = await c.api.call('compliance.report', { computerId: a.computerId });
    expect(after.rows).toEqual([expect.objectContaining({ state: 'compliant', detail: '2.0 installed' })]);

    const dashboard = await c.api.call('dashboard.summary', {});
    expect(dashboard.computers).toEqual({ total: 2, online: 2, offline: 0 });
    expect(dashboard.sessionsLast24h.completed).toBe(2);
    // No window applies to a computer yet; once the tenant has one, its next occurrence is listed.
    expect(dashboard.nextWindows).toEqual([]);
    const nightly = await c.api.call('windows.create', { name: 'Nightly', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '01:00', end: '05:00', timeZone: 'Europe/Berlin' });
    await c.api.call('tenants.update', { id: a.tenantId, windowId: nightly.id });
    const planned = await c.api.call('dashboard.summary', {});
    expect(planned.nextWindows).toEqual([expect.objectContaining({ windowId: nightly.id, name: 'Nightly', computers: 2 })]);
    const next = planned.nextWindows![0]!;
    expect(Date.parse(next.end) - Date.parse(next.start)).toBe(4 * 3_600_000);
  });
});
