// Team sharing through a relay, with the relay and three consoles as real processes on loopback:
// edits reach the others within a second, offline edits arrive once the relay is back, and
// concurrent edits of one entity converge to the same result everywhere.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, startConsole, stopProcess, waitFor, type TestConsole } from '../support/processes.js';
import { restartRelay, startTeam, waitForOnline } from '../support/team.js';

afterEach(cleanup);

const software = (name: string) => ({ name, detectScript: { shell: 'sh' as const, body: 'true' }, versions: [{ version: '1.0', installScript: { shell: 'sh' as const, body: 'true' } }] });

async function names(c: TestConsole): Promise<string[]> {
  return (await c.api.call('tenants.list', {})).items.map((t) => t.name).sort();
}

describe('team sync', () => {
  it('an edit on one console reaches the other consoles within a second, with who made it', async () => {
    const { consoles } = await startTeam(3);
    const [a, b, c] = consoles as [TestConsole, TestConsole, TestConsole];
    await Promise.all(consoles.map((x) => waitForOnline(x)));

    const started = Date.now();
    const tenant = await a.api.call('tenants.create', { name: 'Acme Dental' });
    await Promise.all([b, c].map((x) => waitFor(async () => (await x.api.call('tenants.list', {})).items.some((t) => t.id === tenant.id), 'the tenant to arrive', 1000)));
    expect(Date.now() - started).toBeLessThan(1000);

    const renamed = Date.now();
    await b.api.call('tenants.update', { id: tenant.id, name: 'Acme Dental Group' });
    await Promise.all([a, c].map((x) => waitFor(async () => (await x.api.call('tenants.get', { id: tenant.id })).name === 'Acme Dental Group', 'the rename to arrive', 1000)));
    expect(Date.now() - renamed).toBeLessThan(1000);

    // Who changed what: C sees that the owner created it and Member 1 renamed it.
    const history = await c.api.call('team.history', { kind: 'tenant', id: tenant.id });
    expect(history.items.map((h) => h.author?.name)).toEqual(['Member 1', 'Owner']);
    expect(history.items[0]).toMatchObject({ fields: expect.arrayContaining(['name']), pending: false, deleted: false });
    expect(history.fields.find((f) => f.field === 'name')?.author?.name).toBe('Member 1');

    // A deletion is a tombstone that reaches everyone.
    const item = await c.api.call('software.create', software('7-Zip'));
    await waitFor(async () => (await a.api.call('software.list', {})).items.some((s) => s.id === item.id), 'the software to arrive', 1000);
    await a.api.call('software.delete', { id: item.id });
    await Promise.all([b, c].map((x) => waitFor(async () => !(await x.api.call('software.list', {})).items.some((s) => s.id === item.id), 'the deletion to arrive', 1000)));
    expect((await c.api.call('team.history', { kind: 'software', id: item.id })).items[0]).toMatchObject({ deleted: true, author: { name: 'Owner' } });
  });

  it('edits made while the relay is down (and across a console restart) arrive after it returns', async () => {
    const team = await startTeam(3);
    const [a, b, c] = team.consoles as [TestConsole, TestConsole, TestConsole];
    await Promise.all(team.consoles.map((x) => waitForOnline(x)));
    await stopProcess(team.relay.process, 'SIGKILL');
    await waitFor(async () => (await a.api.call('team.status', {})).state === 'offline', 'A to notice the relay is gone');

    await a.api.call('tenants.create', { name: 'Planned on a plane' });
    await a.api.call('settings.update', { automatedMaintenance: { enabled: true } });
    await b.api.call('tenants.create', { name: 'Bob offline' });
    const offline = await a.api.call('team.status', {});
    expect(offline).toMatchObject({ state: 'offline', pendingChanges: 2 });

    // The outbox is on disk: A restarts while the relay is still down and keeps its pending changes.
    await stopProcess(a.process, 'SIGKILL');
    const a2 = await startConsole({ dataDir: a.dataDir, port: a.port, agentPort: a.agentPort });
    expect((await a2.api.call('team.status', {})).pendingChanges).toBe(2);

    await restartRelay(team.relay);
    for (const x of [a2, b, c]) {
      await waitFor(async () => (await names(x)).join() === 'Bob offline,Planned on a plane', 'every offline edit to arrive', 15_000);
      expect((await x.api.call('settings.get', {})).automatedMaintenance.enabled).toBe(true);
    }
    await Promise.all([a2, b, c].map((x) => waitForOnline(x)));
    expect((await a2.api.call('team.status', {})).pendingChanges).toBe(0);
  });

  it('concurrent edits of one entity converge to the same result everywhere, field by field', async () => {
    const team = await startTeam(3);
    const [a, b, c] = team.consoles as [TestConsole, TestConsole, TestConsole];
    const item = await a.api.call('software.create', { ...software('Firefox'), vendor: 'Mozilla' });
    await Promise.all([b, c].map((x) => waitFor(async () => (await x.api.call('software.list', {})).items.some((s) => s.id === item.id), 'the software to arrive')));

    // Everyone edits the same item while cut off from each other.
    await stopProcess(team.relay.process, 'SIGKILL');
    await a.api.call('software.update', { id: item.id, name: 'Firefox ESR' });
    await b.api.call('software.update', { id: item.id, vendor: 'Mozilla Foundation' });
    await c.api.call('software.update', { id: item.id, name: 'Mozilla Firefox' });
    await a.api.call('settings.update', { compliance: { staleAfterHours: 48 } });
    await b.api.call('settings.update', { automatedMaintenance: { maxConcurrentSessions: 7 } });
    await restartRelay(team.relay);

    const views = async () => Promise.all([a, b, c].map(async (x) => {
      const s = await x.api.call('software.get', { id: item.id });
      const settings = await x.api.call('settings.get', {});
      return JSON.stringify({ name: s.name, vendor: s.vendor, stale: settings.compliance.staleAfterHours, max: settings.automatedMaintenance.maxConcurrentSessions });
    }));
    const converged = await waitFor(async () => {
      const v = await views();
      const pending = await Promise.all([a, b, c].map(async (x) => (await x.api.call('team.status', {})).pendingChanges));
      return v.every((x) => x === v[0]) && pending.every((p) => p === 0) ? v[0] : undefined;
    }, 'every console to show the same software and settings', 20_000);
    const result = JSON.parse(converged) as { name: string; vendor: string; stale: number; max: number };
    // Different fields keep both edits; the same field takes the later of the two edits (C's, made last).
    expect(result).toEqual({ name: 'Mozilla Firefox', vendor: 'Mozilla Foundation', stale: 48, max: 7 });
  });

  it('a console further behind than the relay keeps resets from the snapshot and loses nothing', async () => {
    const team = await startTeam(2, { relay: { args: ['--retain-ops', '5'] } });
    const [a, b] = team.consoles as [TestConsole, TestConsole];
    await Promise.all(team.consoles.map((x) => waitForOnline(x)));
    await stopProcess(b.process, 'SIGKILL');
    const created = [];
    for (let i = 0; i < 12; i++) created.push(await a.api.call('tenants.create', { name: `Client ${String(i).padStart(2, '0')}` }));
    await a.api.call('tenants.update', { id: created[0]!.id, name: 'Client 00 renamed' });
    await waitForOnline(a);

    const b2 = await startConsole({ dataDir: b.dataDir, port: b.port, agentPort: b.agentPort });
    await b2.api.call('tenants.create', { name: 'Made by B after the reset' });
    const expected = [...created.slice(1).map((t) => t.name), 'Client 00 renamed', 'Made by B after the reset'].sort();
    for (const x of [a, b2]) await waitFor(async () => (await names(x)).join() === expected.join(), 'both consoles to hold every tenant once', 15_000);
    expect(b2.output()).toContain('the relay asked for a reset');
    // Who last set each field survives the reset.
    expect((await b2.api.call('team.history', { kind: 'tenant', id: created[0]!.id })).fields.find((f) => f.field === 'name')?.author?.name).toBe('Owner');
  });
});
