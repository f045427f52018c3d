// Automated maintenance in real time with real agents: a window opening a minute ahead serves the
// computers that are online, an agent started late inside the occurrence is served when it
// connects, and one still offline when the occurrence ends is skipped as agent-offline.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, startAgent, startConsole, stopProcess, waitFor } from '../support/processes.js';
import { enrollAgent, sandbox, installedVersion } from '../support/scenario.js';

afterEach(cleanup);

const hhmmUtc = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('scheduled maintenance in real time', () => {
  it('runs the due computers at the opening, serves a late agent inside the window, skips one that stays offline', async () => {
    const c = await startConsole();
    const early = await enrollAgent(c, { name: 'pc-early', env: { PC_NAME: 'early' } });
    const late = await enrollAgent(c, { name: 'pc-late', tenantId: early.tenantId, env: { PC_NAME: 'late' } });
    const away = await enrollAgent(c, { name: 'pc-away', tenantId: early.tenantId, env: { PC_NAME: 'away' } });
    await stopProcess(late.agent.process);
    await stopProcess(away.agent.process);
    await waitFor(async () => (await c.api.call('computers.list', { tenantId: early.tenantId })).items.filter((x) => x.online).length === 1, 'two agents to go offline');

    const dir = sandbox();
    const software = await c.api.call('software.create', {
      name: 'tool',
      detectScript: { shell: 'sh', body: `cat "${dir}/tool.$PC_NAME" 2>/dev/null || true` },
      versions: [{ version: '2.0', installScript: { shell: 'sh', body: `printf '%s\\n' "$STEWARD_VERSION" > "${dir}/tool.$PC_NAME"` } }],
    });
    await c.api.call('deployments.create', { name: 'Tool', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'tenant', id: early.tenantId }] });

    // The next whole minute at least 5 s away; windows are HH:mm, so this is at most 65 s ahead.
    const opening = Math.ceil((Date.now() + 5_000) / 60_000) * 60_000;
    const closing = opening + 60_000;
    const window = await c.api.call('windows.create', { name: 'In a minute', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: hhmmUtc(opening), end: hhmmUtc(closing), timeZone: 'UTC' });
    await c.api.call('tenants.update', { id: early.tenantId, windowId: window.id });
    await c.api.call('settings.update', { automatedMaintenance: { enabled: true } });

    const effective = await c.api.call('computers.effectiveWindow', { computerId: early.computerId });
    expect(effective).toMatchObject({ windowId: window.id, source: 'tenant', nextOccurrence: { start: new Date(opening).toISOString(), end: new Date(closing).toISOString() } });
    const queue = await c.api.call('maintenance.queue', {});
    expect(queue.upcoming).toContainEqual(expect.objectContaining({ windowId: window.id, start: new Date(opening).toISOString(), computers: 3 }));
    expect((await c.api.call('sessions.list', { trigger: 'scheduled' })).items).toEqual([]);

    // At the opening: one session per computer; the online one runs.
    const scheduled = await waitFor(async () => {
      const items = (await c.api.call('sessions.list', { trigger: 'scheduled' })).items;
      return items.length === 3 ? items : undefined;
    }, 'the window to open', 75_000);
    expect(Date.now()).toBeGreaterThanOrEqual(opening);
    const byComputer = new Map(scheduled.map((s) => [s.computerId, s.id]));
    await waitFor(async () => (await c.api.call('sessions.get', { id: byComputer.get(early.computerId)! })).status === 'completed', 'the online computer to be served', 30_000);
    expect(installedVersion(dir, 'tool.early')).toBe('2.0');

    // An agent that starts inside the occurrence is served then.
    startAgent({ dataDir: late.agent.dataDir, env: { PC_NAME: 'late' } });
    await waitFor(async () => (await c.api.call('sessions.get', { id: byComputer.get(late.computerId)! })).status === 'completed', 'the late computer to be served', 40_000);
    expect(installedVersion(dir, 'tool.late')).toBe('2.0');

    // The one that never came is skipped when the occurrence ends.
    const skipped = await waitFor(async () => {
      const s = await c.api.call('sessions.get', { id: byComputer.get(away.computerId)! });
      return s.status === 'skipped' ? s : undefined;
    }, 'the occurrence to end', 75_000);
    expect(skipped.reason).toBe('agent-offline');
    expect(Date.now()).toBeGreaterThanOrEqual(closing);
    expect(installedVersion(dir, 'tool.away')).toBeNull();

    const journal = await c.api.call('scheduler.openings', { windowId: window.id });
    expect(journal.items).toEqual([expect.objectContaining({ outcome: 'served', cause: 'timer', occurrenceStart: new Date(opening).toISOString() })]);
  }, 240_000);
});
