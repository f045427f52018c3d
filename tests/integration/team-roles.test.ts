// Roles are enforced by the relay (and a viewer's console refuses writes with 403 before they
// leave it); revoking a member cuts their console off within a second.
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.js';
import { formatHlc } from '../../shared/sync/hlc.js';
import { RelayHttp } from '../../electron/core/sync/relay-http.js';
import { cleanup, waitFor, type TestConsole } from '../support/processes.js';
import { invite, startTeam, waitForOnline } from '../support/team.js';

afterEach(cleanup);

describe('team roles', () => {
  it('a viewer cannot change anything: the console answers 403 and the relay refuses too', async () => {
    const { relay, consoles } = await startTeam(3, { roles: ['technician', 'viewer'] });
    const [owner, technician, viewer] = consoles as [TestConsole, TestConsole, TestConsole];
    const tenant = await owner.api.call('tenants.create', { name: 'Shared' });
    await waitFor(async () => (await viewer.api.call('tenants.list', {})).items.length === 1, 'the viewer to see the tenant');

    const writes: [string, () => Promise<unknown>][] = [
      ['tenants.create', () => viewer.api.call('tenants.create', { name: 'Nope' })],
      ['tenants.update', () => viewer.api.call('tenants.update', { id: tenant.id, name: 'Renamed' })],
      ['settings.update', () => viewer.api.call('settings.update', { automatedMaintenance: { enabled: true } })],
      ['software.create', () => viewer.api.call('software.create', { name: 'X', detectScript: { shell: 'sh', body: 'true' }, versions: [] })],
      ['maintenance.run', () => viewer.api.call('maintenance.run', { computerIds: [newId()] })],
      ['team.createInvitation', () => viewer.api.call('team.createInvitation', { role: 'owner' })],
    ];
    for (const [method, call] of writes) {
      await expect(call(), method).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    }
    expect((await viewer.api.call('tenants.get', { id: tenant.id })).name).toBe('Shared');
    expect((await viewer.api.call('team.status', {})).member?.role).toBe('viewer');

    // A technician works on the configuration but does not manage members.
    await technician.api.call('tenants.update', { id: tenant.id, name: 'Shared by technician' });
    await expect(technician.api.call('team.createInvitation', { role: 'viewer' })).rejects.toMatchObject({ status: 403 });

    // The relay enforces roles itself: a viewer's token cannot push, claim computers or forward runs.
    const relayViewer = new RelayHttp(relay.url, null);
    const joined = await relayViewer.join(await invite(owner, 'viewer'), 'Scripted viewer', newId());
    const asViewer = new RelayHttp(relay.url, joined.token);
    const clientId = newId();
    const op = { clientSeq: 1, kind: 'tenant', entityId: tenant.id, hlc: formatHlc({ wall: Date.now(), counter: 0, node: clientId }), set: { name: 'Hijacked' }, unset: [], deleted: false };
    await expect(asViewer.push(clientId, [op])).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    await expect(asViewer.claim(joined.member.id, [newId()])).rejects.toMatchObject({ status: 403 });
    await expect(asViewer.forwardRun({ computerIds: [newId()], priority: 'normal' })).rejects.toMatchObject({ status: 403 });
    await expect(asViewer.createInvitation('owner', 1)).rejects.toMatchObject({ status: 403 });
    expect((await asViewer.pull(0, undefined, 10)).reset).toBe(false);

    await waitFor(async () => (await owner.api.call('tenants.get', { id: tenant.id })).name === 'Shared by technician', 'the technician\'s edit');
    await new Promise((r) => setTimeout(r, 300));
    expect((await viewer.api.call('tenants.get', { id: tenant.id })).name).toBe('Shared by technician');
    // A viewer may still leave the team.
    expect(await viewer.api.call('team.leave', {})).toMatchObject({ relayInformed: true });
  });

  it('a revoked member is disconnected within a second and its later edits reach no one', async () => {
    const { relay, consoles } = await startTeam(3);
    const [owner, revoked, other] = consoles as [TestConsole, TestConsole, TestConsole];
    await Promise.all(consoles.map((c) => waitForOnline(c)));
    const memberId = (await revoked.api.call('team.status', {})).member!.id;

    const started = Date.now();
    const result = await owner.api.call('team.revoke', { memberId });
    expect(result.revokedAt).not.toBeNull();
    const status = await waitFor(async () => {
      const s = await revoked.api.call('team.status', {});
      return s.revoked ? s : undefined;
    }, 'the revoked console to be cut off', 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(status).toMatchObject({ state: 'offline', revoked: true });
    expect(status.lastError).toContain('removed from the team');

    // Its token is dead at the relay, and what it does now stays on it.
    const tenant = await revoked.api.call('tenants.create', { name: 'After revocation' });
    await new Promise((r) => setTimeout(r, 800));
    for (const c of [owner, other]) expect((await c.api.call('tenants.list', {})).items.some((t) => t.id === tenant.id)).toBe(false);
    const members = (await owner.api.call('team.members', {})).members;
    expect(members.find((m) => m.id === memberId)?.revokedAt).not.toBeNull();
    await expect(owner.api.call('team.revoke', { memberId: (await owner.api.call('team.status', {})).member!.id })).rejects.toMatchObject({ status: 409 });
    expect(relay.output()).not.toContain('"level":"error"');
  });
});
