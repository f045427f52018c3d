// Windows, groups and automated-maintenance settings through the real Console API: validation that
// names the field and changes nothing, previews across DST, assignment and the effective window,
// refusing to delete what is in use, manual runs with a notification choice, and the queue view.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiCallError } from '../../shared/api/client.js';
import { cleanup, startConsole, type TestConsole } from '../support/processes.js';
import { enrollAgent } from '../support/scenario.js';

afterEach(cleanup);

const ALL = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

async function refused(promise: Promise<unknown>): Promise<ApiCallError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiCallError;
  }
  throw new Error('the call was not refused');
}

async function nightly(c: TestConsole, fields: Record<string, unknown> = {}) {
  return c.api.call('windows.create', { name: 'Nightly', days: [...ALL], start: '01:00', end: '05:00', timeZone: 'Europe/Berlin', ...fields });
}

describe('windows and groups API', () => {
  it('creates, edits, duplicates and previews windows; bad input names the field and changes nothing', async () => {
    const c = await startConsole();
    const w = await nightly(c, { days: ['sun', 'mon', 'sun'], exclusions: [{ from: '2026-12-21', to: '2026-12-27', label: 'Christmas week' }], timeZone: 'America/New_York', start: '02:30', end: '04:00' });
    expect(w).toMatchObject({ days: ['mon', 'sun'], frequency: null, exclusions: [{ from: '2026-12-21', to: '2026-12-27', label: 'Christmas week' }] });

    for (const [input, field] of [
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ start: '24:00' }, 'start'],
      [{ end: '7:5' }, 'end'],
      [{ days: [] }, 'days'],
      [{ days: ['mon', 'funday'] }, 'days.1'],
      [{ exclusions: [{ from: '2026-02-30' }] }, 'exclusions.0.from'],
      [{ exclusions: [{ from: '2026-03-02', to: '2026-03-01' }] }, 'exclusions.0.to'],
      [{ frequency: 'hourly' }, 'frequency'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const error = await refused(c.api.call('windows.update', { id: w.id, ...input } as never));
      expect([error.status, error.field]).toEqual([400, field]);
    }
    expect(await c.api.call('windows.get', { id: w.id })).toEqual(w);

    // Spring forward in New York on Sunday 8 March 2026: 02:30 does not exist, the window opens at 03:00 EDT.
    const preview = await c.api.call('windows.preview', { id: w.id, from: '2026-03-07T00:00:00Z', to: '2026-03-10T00:00:00Z' });
    expect(preview.occurrences).toEqual([
      { start: '2026-03-08T07:00:00.000Z', end: '2026-03-08T08:00:00.000Z' },
      { start: '2026-03-09T06:30:00.000Z', end: '2026-03-09T08:00:00.000Z' },
    ]);
    const excluded = await c.api.call('windows.preview', { id: w.id, from: '2026-12-20T00:00:00Z', to: '2027-01-01T00:00:00Z' });
    // Sundays and Mondays: the 21st and 27th are excluded.
    expect(excluded.occurrences.map((o) => o.start.slice(0, 10))).toEqual(['2026-12-20', '2026-12-28']);
    expect((await refused(c.api.call('windows.preview', { id: w.id, from: '2026-03-10T00:00:00Z', to: '2026-03-07T00:00:00Z' }))).field).toBe('to');

    const updated = await c.api.call('windows.update', { id: w.id, timeZone: 'Asia/Kolkata', frequency: 'weekly' });
    expect(updated).toMatchObject({ timeZone: 'Asia/Kolkata', frequency: 'weekly', start: '02:30' });
    const copy = await c.api.call('windows.duplicate', { id: w.id });
    expect(copy).toMatchObject({ name: 'Nightly (copy)', timeZone: 'Asia/Kolkata', exclusions: updated.exclusions });
    expect(copy.id).not.toBe(w.id);
    expect((await c.api.call('windows.list', {})).items.map((x) => x.name)).toEqual(['Nightly', 'Nightly (copy)']);

    // Windows reach the renderer's replica through the change feed.
    const feed = await c.api.call('changes.since', { cursor: 0 });
    expect(feed.changes.filter((x) => x.kind === 'window').map((x) => x.id).sort()).toEqual([w.id, copy.id].sort());
  });

  it('assigns windows to tenants and groups; the first group in order that has a window wins; deleting a window in use is refused', async () => {
    const c = await startConsole();
    const a = await enrollAgent(c, { name: 'pc-a' });
    const b = await enrollAgent(c, { name: 'pc-b', tenantId: a.tenantId });
    const other = await enrollAgent(c, { name: 'pc-other' });
    const tenantWindow = await nightly(c, { name: 'Tenant nights' });
    const serverWindow = await nightly(c, { name: 'Server Sundays', days: ['sun'] });
    const laterWindow = await nightly(c, { name: 'Later', start: '22:00', end: '02:00' });

    expect(await c.api.call('computers.effectiveWindow', { computerId: a.computerId })).toMatchObject({ windowId: null, source: 'none', automated: { enabled: false, nextRun: null } });
    expect((await refused(c.api.call('tenants.update', { id: a.tenantId, windowId: 'no-such-window' }))).field).toBe('windowId');
    await c.api.call('tenants.update', { id: a.tenantId, windowId: tenantWindow.id });

    expect((await refused(c.api.call('groups.create', { tenantId: a.tenantId, name: 'Mixed', computerIds: [a.computerId, other.computerId] }))).field).toBe('computerIds.1');
    const plain = await c.api.call('groups.create', { tenantId: a.tenantId, name: 'Everyone', computerIds: [a.computerId, b.computerId] });
    const servers = await c.api.call('groups.create', { tenantId: a.tenantId, name: 'Servers', computerIds: [a.computerId], windowId: serverWindow.id });
    const late = await c.api.call('groups.create', { tenantId: a.tenantId, name: 'Late', computerIds: [a.computerId, b.computerId], windowId: laterWindow.id });
    expect([plain.order, servers.order, late.order]).toEqual([0, 1, 2]);

    expect(await c.api.call('computers.effectiveWindow', { computerId: a.computerId })).toMatchObject({
      windowId: serverWindow.id,
      source: 'group',
      groupId: servers.id,
      overriddenGroups: [{ groupId: late.id, windowId: laterWindow.id }],
    });
    expect(await c.api.call('computers.effectiveWindow', { computerId: b.computerId })).toMatchObject({ windowId: laterWindow.id, source: 'group', groupId: late.id });

    // The technician moves "Late" ahead of "Servers".
    const reordered = await c.api.call('groups.reorder', { tenantId: a.tenantId, groupIds: [late.id, plain.id, servers.id] });
    expect(reordered.items.map((g) => g.name)).toEqual(['Late', 'Everyone', 'Servers']);
    expect((await c.api.call('computers.effectiveWindow', { computerId: a.computerId })).groupId).toBe(late.id);
    expect((await refused(c.api.call('groups.reorder', { tenantId: a.tenantId, groupIds: [late.id, plain.id] }))).field).toBe('groupIds');

    // windowId: null removes an assignment: back to the tenant's window.
    await c.api.call('groups.update', { id: late.id, windowId: null });
    await c.api.call('groups.update', { id: servers.id, computerIds: [] });
    expect(await c.api.call('computers.effectiveWindow', { computerId: a.computerId })).toMatchObject({ windowId: tenantWindow.id, source: 'tenant' });

    const inUse = await refused(c.api.call('windows.delete', { id: tenantWindow.id }));
    expect(inUse.status).toBe(409);
    expect(inUse.message).toContain('tenant Tenant of pc-a');
    const groupUse = await refused(c.api.call('windows.delete', { id: serverWindow.id }));
    expect(groupUse.message).toContain('group Servers');
    expect(await c.api.call('windows.usage', { id: serverWindow.id })).toEqual({ tenants: [], groups: [{ id: servers.id, name: 'Servers', tenantId: a.tenantId }] });
    await c.api.call('tenants.update', { id: a.tenantId, windowId: null });
    expect(await c.api.call('windows.delete', { id: tenantWindow.id })).toEqual({ id: tenantWindow.id, deleted: true });

    // Groups can be deployment targets now.
    const software = await c.api.call('software.create', { name: 'x', detectScript: { shell: 'sh', body: 'true' }, versions: [{ version: '1', installScript: { shell: 'sh', body: 'true' } }] });
    await c.api.call('deployments.create', { name: 'X for servers', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'group', id: servers.id }] });
    const targeted = await refused(c.api.call('groups.delete', { id: servers.id }));
    expect([targeted.status, targeted.message]).toEqual([409, expect.stringContaining('X for servers')]);
    expect(await c.api.call('groups.delete', { id: plain.id })).toEqual({ id: plain.id, deleted: true });
  });

  it('switches automated maintenance on with its settings, says when a computer will be served, and runs manual maintenance with a notification choice', async () => {
    const c = await startConsole();
    const a = await enrollAgent(c, { name: 'pc-a' });
    expect((await c.api.call('settings.get', {})).automatedMaintenance.enabled).toBe(false);
    const settings = await c.api.call('settings.update', { automatedMaintenance: { enabled: true, maxConcurrentSessions: 3, retry: { attempts: 4 }, frequency: 'weekly' } });
    expect(settings.automatedMaintenance).toEqual({ enabled: true, maxConcurrentSessions: 3, retry: { attempts: 4, delayMinutes: 10 }, frequency: 'weekly', notify: 'failure' });
    expect((await refused(c.api.call('settings.update', { automatedMaintenance: { maxConcurrentSessions: 0 } }))).field).toBe('automatedMaintenance.maxConcurrentSessions');

    const none = await c.api.call('computers.effectiveWindow', { computerId: a.computerId });
    expect(none.automated).toMatchObject({ enabled: true, frequency: 'weekly', nextRun: null, note: expect.stringContaining('no automated maintenance') });
    const w = await nightly(c, { timeZone: 'UTC', start: '00:00', end: '00:00' }); // always open
    await c.api.call('tenants.update', { id: a.tenantId, windowId: w.id });
    const effective = await c.api.call('computers.effectiveWindow', { computerId: a.computerId });
    expect(effective.automated.nextRun).toEqual(effective.nextOccurrence);

    const queue = await c.api.call('maintenance.queue', {});
    expect(queue).toMatchObject({ limit: 3, automatedEnabled: true });

    const run = await c.api.call('maintenance.run', { computerIds: [a.computerId], priority: 'high', notify: 'always' });
    expect(run.sessionIds).toHaveLength(1);
    expect((await refused(c.api.call('maintenance.run', { computerIds: [a.computerId], notify: 'sometimes' } as never))).field).toBe('notify');
  });
});
