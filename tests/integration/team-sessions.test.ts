// One console per computer: the console holding a computer's agent connection runs its sessions; a
// run asked for on a teammate's console is forwarded to it through the relay, or refused with the
// reason when it is offline; teammates see the session results.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, stopProcess, waitFor, type TestConsole } from '../support/processes.js';
import { enrollAgent, runCount, sandbox, sandboxSoftware, waitForSession } from '../support/scenario.js';
import { startTeam } from '../support/team.js';

afterEach(cleanup);

describe('one console per computer', () => {
  it('forwards a run asked for elsewhere to the serving console, refuses it when that console is offline, and never runs twice', async () => {
    const { consoles } = await startTeam(3);
    const [alice, bob, carol] = consoles as [TestConsole, TestConsole, TestConsole];
    const { computerId, tenantId } = await enrollAgent(alice, { name: 'front-desk' });

    // Alice's console holds the agent connection, so the relay grants it the computer.
    await waitFor(async () => (await alice.api.call('team.computers', {})).items.find((c) => c.computerId === computerId)?.servedHere, 'Alice to serve the computer');
    // Teammates see the computer, online while its agent is connected to Alice's console.
    for (const c of [bob, carol]) {
      await waitFor(async () => (await c.api.call('computers.list', { tenantId })).items.find((x) => x.id === computerId)?.online, 'the computer to be shared, online');
    }

    // Bob sets up the software; it reaches Alice's console, which runs the session.
    const dir = sandbox();
    const software = await bob.api.call('software.create', sandboxSoftware(dir, 'reader', [{ version: '2.1' }]));
    await bob.api.call('deployments.create', { name: 'Reader', softwareId: software.id, version: 'latest', desiredState: 'installed', targets: [{ kind: 'all' }] });
    await waitFor(async () => (await alice.api.call('deployments.list', {})).items.length === 1, 'the deployment to reach Alice');

    const asked = await bob.api.call('maintenance.run', { computerIds: [computerId] });
    expect(asked.sessionIds).toHaveLength(1);
    expect(asked.refused).toBeUndefined();
    const sessionId = asked.sessionIds[0]!;
    const onAlice = await waitForSession(alice, sessionId);
    expect(onAlice).toMatchObject({ status: 'completed', trigger: 'manual' });
    expect(runCount(dir, 'reader')).toBe(1);

    // Teammates see the result through the shared session summary, but cannot cancel it.
    for (const c of [bob, carol]) {
      const summary = await waitFor(async () => (await c.api.call('sessions.list', { computerId })).items.find((s) => s.id === sessionId && s.status === 'completed'), 'the session result to be shared');
      expect(summary.computerId).toBe(computerId);
    }
    const running = await carol.api.call('maintenance.run', { computerIds: [computerId, computerId] });
    expect(running.sessionIds).toHaveLength(1);
    await waitForSession(alice, running.sessionIds[0]!);
    await expect(carol.api.call('sessions.cancel', { id: running.sessionIds[0]! })).rejects.toMatchObject({ status: 409 });
    expect(runCount(dir, 'reader')).toBe(1);

    // Neither Bob's nor Carol's console ever ran a session for the computer: every session there is Alice's.
    const aliceSessions = new Set((await alice.api.call('sessions.list', { computerId })).items.map((s) => s.id));
    for (const c of [bob, carol]) {
      const listed = (await c.api.call('sessions.list', { computerId })).items;
      expect(listed.every((s) => aliceSessions.has(s.id))).toBe(true);
      expect((await c.api.call('team.computers', {})).items.find((x) => x.computerId === computerId)).toMatchObject({ servedHere: false, holder: 'Owner' });
    }

    // With Alice's console gone, the run is refused with the reason, and nothing is queued anywhere.
    await stopProcess(alice.process, 'SIGKILL');
    await waitFor(async () => (await bob.api.call('team.members', {})).members.find((m) => m.name === 'Owner')?.online === false, 'Alice to be seen offline');
    await waitFor(async () => (await bob.api.call('computers.get', { id: computerId })).online === false, 'the computer to be seen offline with its console');
    const before = (await bob.api.call('sessions.list', {})).items.length;
    await expect(bob.api.call('maintenance.run', { computerIds: [computerId] })).rejects.toMatchObject({ status: 409, message: expect.stringContaining('offline') });
    expect((await bob.api.call('sessions.list', {})).items).toHaveLength(before);
  });
});
