// Enrollment tokens: expired, used up and revoked tokens admit no agent; a revoked computer is cut off.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, startAgent, startConsole, waitFor } from '../support/processes.js';
import { enrollAgent } from '../support/scenario.js';

afterEach(cleanup);

async function refused(agent: ReturnType<typeof startAgent>): Promise<string> {
  await waitFor(() => agent.process.exitCode !== null, 'the agent to give up');
  expect(agent.process.exitCode).toBe(3);
  return agent.output();
}

describe('enrollment', () => {
  it('refuses expired, used-up and revoked tokens, and creates no computer for them', async () => {
    const c = await startConsole();
    const tenant = await c.api.call('tenants.create', { name: 'Clinic' });

    const expired = await c.api.call('enrollment.createToken', { tenantId: tenant.id, expiresInHours: 0.0003 });
    await new Promise((r) => setTimeout(r, 1300));
    expect(await refused(startAgent({ token: expired.token, name: 'late' }))).toContain('enrollment token has expired');

    const once = await c.api.call('enrollment.createToken', { tenantId: tenant.id, maxUses: 1 });
    expect(once.agentCommand).toContain(once.token);
    startAgent({ token: once.token, name: 'first' });
    await waitFor(async () => (await c.api.call('computers.list', {})).items.some((x) => x.name === 'first'), 'the first agent to enroll');
    expect(await refused(startAgent({ token: once.token, name: 'second' }))).toContain('enrollment token has been used up');

    const revoked = await c.api.call('enrollment.createToken', { tenantId: tenant.id });
    const info = await c.api.call('enrollment.revokeToken', { id: revoked.id });
    expect(info.revokedAt).not.toBeNull();
    expect(await refused(startAgent({ token: revoked.token, name: 'third' }))).toContain('enrollment token has been revoked');

    const names = (await c.api.call('computers.list', {})).items.map((x) => x.name);
    expect(names).toEqual(['first']);
    const tokens = (await c.api.call('enrollment.listTokens', { tenantId: tenant.id })).items;
    expect(tokens.find((t) => t.id === once.id)).toMatchObject({ uses: 1, maxUses: 1 });
  });

  it('re-authenticates with its key after a restart, and a revoked computer is disconnected at once and refused', async () => {
    const c = await startConsole();
    const { agent, computerId } = await enrollAgent(c, { name: 'laptop' });
    agent.process.kill('SIGTERM');
    await waitFor(async () => !(await c.api.call('computers.get', { id: computerId })).online, 'the computer to go offline');
    const again = startAgent({ dataDir: agent.dataDir });
    await waitFor(async () => (await c.api.call('computers.get', { id: computerId })).online, 'the same computer to come back');
    expect((await c.api.call('computers.list', {})).items).toHaveLength(1);

    await c.api.call('computers.revoke', { id: computerId });
    const output = await refused(again);
    expect(output).toContain('unknown or revoked agent');
    await expect(c.api.call('computers.get', { id: computerId })).rejects.toMatchObject({ status: 404 });
  });
});
