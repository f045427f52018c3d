// Tasks end to end: typed parameters reach the scripts as environment variables; audit reports
// non-compliance and changes nothing; enforce sets and tests again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, startConsole } from '../support/processes.js';
import { logText, waitForSession } from '../support/scenario.js';
import { enrollSandboxed } from '../support/library.js';

afterEach(cleanup);

const sh = (body: string) => ({ shell: 'sh' as const, body });
// The "setting" is a file in the agent's sandbox; compliant when it holds the wanted timeout.
const screenLock = {
  name: 'Screen lock timeout',
  description: 'Locks the screen after a number of idle minutes',
  testScript: sh('have=$(cat "$SANDBOX_DIR/lock" 2>/dev/null || echo unset)\nif [ "$have" = "$MINUTES" ]; then echo "lock after $have min"; exit 0; fi\necho "lock after $have min, want $MINUTES ($LEVEL)"\nexit 1'),
  setScript: sh('echo "$STEWARD_ACTION $STEWARD_TASK $MINUTES $LEVEL $NOTIFY" >> "$SANDBOX_DIR/lock.log"\nprintf "%s" "$MINUTES" > "$SANDBOX_DIR/lock"'),
  parameters: [
    { name: 'MINUTES', type: 'number' as const, default: 10 },
    { name: 'LEVEL', type: 'choice' as const, choices: ['strict', 'relaxed'] },
    { name: 'NOTIFY', type: 'boolean' as const, default: false },
  ],
};

describe('tasks', () => {
  it('checks deployment parameters against the task: names, types, choices and required ones', async () => {
    const c = await startConsole();
    const { id } = await c.api.call('tasks.create', screenLock);
    const task = await c.api.call('tasks.get', { id });
    expect(task).toMatchObject({ name: 'Screen lock timeout', builtIn: null, parameters: screenLock.parameters });
    const base = { name: 'Lock', taskId: id, mode: 'audit' as const, targets: [{ kind: 'all' as const }] };
    await expect(c.api.call('deployments.create', { ...base, parameters: { LEVEL: 'strict', MINUTS: 5 } })).rejects.toMatchObject({ status: 400, field: 'parameters.MINUTS' });
    await expect(c.api.call('deployments.create', { ...base, parameters: { LEVEL: 'strict', MINUTES: '5' } })).rejects.toMatchObject({ status: 400, field: 'parameters.MINUTES', message: 'parameters.MINUTES: must be a number' });
    await expect(c.api.call('deployments.create', { ...base, parameters: { LEVEL: 'paranoid' } })).rejects.toMatchObject({ status: 400, message: 'parameters.LEVEL: must be one of strict, relaxed' });
    await expect(c.api.call('deployments.create', { ...base, parameters: {} })).rejects.toMatchObject({ status: 400, field: 'parameters.LEVEL' });
    await expect(c.api.call('deployments.create', { name: 'No mode', taskId: id, parameters: { LEVEL: 'strict' }, targets: [{ kind: 'all' }] })).rejects.toMatchObject({ status: 400, field: 'mode' });
    await expect(c.api.call('tasks.create', { ...screenLock, parameters: [{ name: 'PATH', type: 'string' }] })).rejects.toMatchObject({ status: 400 });
    const deployment = await c.api.call('deployments.create', { ...base, parameters: { LEVEL: 'strict' } });
    await expect(c.api.call('tasks.update', { id, parameters: [{ name: 'LEVEL', type: 'choice', choices: ['relaxed'] }] })).rejects.toMatchObject({ status: 400 });
    await expect(c.api.call('tasks.delete', { id })).rejects.toMatchObject({ status: 409 });
    await c.api.call('deployments.delete', { id: deployment.id });
    await c.api.call('tasks.delete', { id });
    const listed = (await c.api.call('tasks.list', {})).items;
    expect(listed.map((t) => [t.name, t.builtIn])).toEqual([['OS Updates', 'os-updates']]);
    await expect(c.api.call('tasks.delete', { id: listed[0]!.id })).rejects.toMatchObject({ status: 409 });
  });

  it('audit reports non-compliance without changing anything; enforce fixes it and tests again', async () => {
    const c = await startConsole();
    const pc = await enrollSandboxed(c, { name: 'pc-task' });
    writeFileSync(join(pc.sandbox, 'lock'), '30');
    const { id: taskId } = await c.api.call('tasks.create', screenLock);
    const deployment = await c.api.call('deployments.create', { name: 'Lock after 5', taskId, mode: 'audit', parameters: { MINUTES: 5, LEVEL: 'strict' }, targets: [{ kind: 'computer', id: pc.computerId }] });

    let run = await c.api.call('maintenance.run', { computerIds: [pc.computerId] });
    const audit = await waitForSession(c, run.sessionIds[0]!);
    expect(audit.status).toBe('completed');
    expect(audit.actions).toMatchObject([{ deploymentId: deployment.id, kind: 'run-task', status: 'skipped', reason: 'non-compliant: lock after 30 min, want 5 (strict); audit mode reports it and changes nothing' }]);
    expect(readFileSync(join(pc.sandbox, 'lock'), 'utf8')).toBe('30');
    expect(existsSync(join(pc.sandbox, 'lock.log'))).toBe(false);
    expect(await logText(c, audit.id)).toContain('Screen lock timeout: non-compliant: lock after 30 min, want 5 (strict)');

    await c.api.call('deployments.update', { id: deployment.id, mode: 'enforce' });
    run = await c.api.call('maintenance.run', { computerIds: [pc.computerId] });
    const enforce = await waitForSession(c, run.sessionIds[0]!);
    expect(enforce.status).toBe('completed');
    expect(enforce.actions).toMatchObject([{ kind: 'run-task', status: 'succeeded', exitCode: 0 }]);
    expect(readFileSync(join(pc.sandbox, 'lock'), 'utf8')).toBe('5');
    expect(readFileSync(join(pc.sandbox, 'lock.log'), 'utf8')).toBe('set Screen lock timeout 5 strict false\n');
    expect(await logText(c, enforce.id)).toContain('Verified: Screen lock timeout is compliant (lock after 5 min)');

    run = await c.api.call('maintenance.run', { computerIds: [pc.computerId] });
    expect((await waitForSession(c, run.sessionIds[0]!)).actions).toEqual([]);
  });

  it('fails an enforce whose set script leaves the setting non-compliant', async () => {
    const c = await startConsole();
    const pc = await enrollSandboxed(c, { name: 'pc-stubborn' });
    const { id: taskId } = await c.api.call('tasks.create', { ...screenLock, setScript: sh('echo "policy locked by GPO"') });
    await c.api.call('deployments.create', { name: 'Lock', taskId, mode: 'enforce', parameters: { LEVEL: 'relaxed' }, targets: [{ kind: 'all' }] });
    const run = await c.api.call('maintenance.run', { computerIds: [pc.computerId] });
    const session = await waitForSession(c, run.sessionIds[0]!);
    expect(session.status).toBe('failed');
    expect(session.actions).toMatchObject([{ kind: 'run-task', status: 'failed', reason: 'still non-compliant after the set script: lock after unset min, want 10 (relaxed)' }]);
  });
});
