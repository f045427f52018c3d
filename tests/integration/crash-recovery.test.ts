// Crashes in the middle of a session: nothing acknowledged is lost and no action runs twice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, startAgent, startConsole, stopProcess, waitFor } from '../support/processes.js';
import { enrollAgent, installedVersion, runCount, sandbox, sandboxSoftware, waitForSession } from '../support/scenario.js';

afterEach(cleanup);

/** An install that takes a while and leaves its process id, so a test can kill it like a power cut would. */
function slowInstall(dir: string, name: string, seconds: number): string {
  const file = join(dir, name);
  return `echo run >> "${file}.runs"\necho $$ > "${file}.pid"\nsleep ${seconds}\nprintf '%s\\n' "$STEWARD_VERSION" > "${file}"`;
}

function killScript(dir: string, name: string): void {
  try {
    process.kill(Number(readFileSync(join(dir, `${name}.pid`), 'utf8').trim()), 'SIGKILL');
  } catch {
    // already finished
  }
}

describe('crash recovery', () => {
  it('reports an action whose agent died mid-run as outcome-unknown and never runs it again', async () => {
    const c = await startConsole();
    const { computerId, agent } = await enrollAgent(c, { name: 'pc-crash' });
    const dir = sandbox();
    const software = await c.api.call('software.create', sandboxSoftware(dir, 'slow', [{ version: '1.0', install: slowInstall(dir, 'slow', 30) }]));
    await c.api.call('deployments.create', { name: 'Slow', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'all' }] });
    const { sessionIds } = await c.api.call('maintenance.run', { computerIds: [computerId] });
    const id = sessionIds[0]!;
    await waitFor(() => runCount(dir, 'slow') === 1, 'the install to start');

    // Power cut: the agent and its script die together.
    await stopProcess(agent.process, 'SIGKILL');
    killScript(dir, 'slow');
    await waitFor(async () => (await c.api.call('sessions.get', { id })).status === 'waiting-for-agent', 'the session to wait for its agent');

    startAgent({ dataDir: agent.dataDir });
    const session = await waitForSession(c, id);
    expect(session.status).toBe('failed');
    expect(session.actions[0]).toMatchObject({ kind: 'install', status: 'failed', reason: 'outcome-unknown' });
    expect(runCount(dir, 'slow')).toBe(1);
    expect(installedVersion(dir, 'slow')).toBeNull();
  });

  it('resumes or closes every session after the console is killed mid-session, without running an action twice', async () => {
    const c = await startConsole({ tuning: { maxConcurrentSessions: 1 } });
    const first = await enrollAgent(c, { name: 'pc-1', env: { PC_NAME: 'pc-1' } });
    const second = await enrollAgent(c, { name: 'pc-2', tenantId: first.tenantId, env: { PC_NAME: 'pc-2' } });
    const dir = sandbox();
    const install = `echo run >> "${dir}/app.$PC_NAME.runs"\nsleep 2\nprintf '%s\\n' "$STEWARD_VERSION" > "${dir}/app.$PC_NAME"`;
    const software = await c.api.call('software.create', {
      name: 'app',
      detectScript: { shell: 'sh', body: `cat "${dir}/app.$PC_NAME" 2>/dev/null || true` },
      versions: [{ version: '3.1', installScript: { shell: 'sh', body: install } }],
    });
    await c.api.call('deployments.create', { name: 'App', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'tenant', id: first.tenantId }] });
    // One session per computer: with a limit of one, the second waits in the queue.
    const { sessionIds } = await c.api.call('maintenance.run', { computerIds: [first.computerId, second.computerId] });
    await waitFor(async () => (await c.api.call('sessions.get', { id: sessionIds[0]! })).actions[0]?.status === 'running', 'the first install to start');

    await stopProcess(c.process, 'SIGKILL');
    const restarted = await startConsole({ dataDir: c.dataDir, port: c.port, agentPort: c.agentPort });
    const sessions = await Promise.all(sessionIds.map((id) => waitForSession(restarted, id, undefined, 60_000)));
    for (const s of sessions) {
      expect(s.status).toBe('completed');
      expect(s.actions).toHaveLength(1);
      expect(s.actions[0]!.status).toBe('succeeded');
    }
    const runs = (name: string) => readFileSync(join(dir, `app.${name}.runs`), 'utf8').split('\n').filter(Boolean).length;
    expect(runs('pc-1')).toBe(1);
    expect(runs('pc-2')).toBe(1);
    const log = (await restarted.api.call('sessions.logs', { id: sessionIds[0]! })).lines.map((l) => l.text);
    expect(log).toContain('Session resumed by the console');
  });
});
