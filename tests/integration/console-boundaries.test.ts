// What reaches the console from outside: agent frames that fail the schema, API calls without the
// token or from a foreign origin, bad input; and a clean shutdown.
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { cleanup, startConsole, stopProcess, waitFor } from '../support/processes.js';
import { enrollAgent, sandbox, sandboxSoftware, waitForSession } from '../support/scenario.js';

afterEach(cleanup);

function rawAgentSocket(port: number): Promise<{ socket: WebSocket; messages: string[]; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`wss://127.0.0.1:${port}`, { rejectUnauthorized: false });
    const messages: string[] = [];
    const closed = new Promise<number>((r) => socket.on('close', (code) => r(code)));
    socket.on('message', (d: Buffer) => messages.push(d.toString('utf8')));
    socket.on('open', () => resolve({ socket, messages, closed }));
    socket.on('error', reject);
  });
}

describe('the agent gateway', () => {
  it('rejects frames that fail the protocol schema and keeps serving real agents', async () => {
    const c = await startConsole();
    const { computerId } = await enrollAgent(c, { name: 'good-agent' });

    const bad = await rawAgentSocket(c.agentPort);
    bad.socket.send('{not json');
    bad.socket.send(JSON.stringify({ type: 'result', id: 'x', outcome: { status: 'completed', kind: 'detect', data: 'nope' } }));
    bad.socket.send(JSON.stringify({ type: 'auth', protocol: 1, agentId: computerId, signature: 'forged', inventory: { hostName: 'h', os: { platform: 'linux', name: 'x', version: '1', arch: 'x64' }, agentVersion: '0', bootId: 'b' } }));
    expect(await bad.closed).toBe(4001);
    expect(bad.messages.some((m) => m.includes('does not match the agent protocol'))).toBe(true);
    expect(bad.messages.some((m) => m.includes('unknown or revoked agent'))).toBe(true);

    const huge = await rawAgentSocket(c.agentPort);
    huge.socket.send('x'.repeat(2 * 1024 * 1024));
    expect(await huge.closed).toBe(1009);

    // The console is unharmed: the real agent is still online and a session still runs.
    const dir = sandbox();
    const software = await c.api.call('software.create', sandboxSoftware(dir, 'ok', [{ version: '1' }]));
    await c.api.call('deployments.create', { name: 'Ok', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'all' }] });
    const { sessionIds } = await c.api.call('maintenance.run', { computerIds: [computerId] });
    expect((await waitForSession(c, sessionIds[0]!)).status).toBe('completed');
  });
});

describe('the web console', () => {
  it('writes the API token alone on one line, readable by its owner only', async () => {
    const c = await startConsole();
    const file = join(c.dataDir, 'api-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^[A-Za-z0-9_-]{32,}\n$/);
    expect(c.output()).toContain(`http://127.0.0.1:${c.port}`);
  });

  it('answers 401 without the token and changes nothing; refuses foreign origins; 400 names the bad field', async () => {
    const c = await startConsole();
    const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${c.url}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

    expect((await post('tenants.create', { name: 'Sneaky' })).status).toBe(401);
    expect((await post('tenants.create', { name: 'Sneaky' }, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post('tenants.create', { name: 'Evil' }, { Authorization: `Bearer ${c.token}`, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await c.api.call('tenants.list', {})).items).toEqual([]);

    const own = await post('tenants.create', { name: 'Own' }, { Authorization: `Bearer ${c.token}`, Origin: c.url });
    expect(own.status).toBe(200);

    const bad = await post('deployments.create', { name: 'x', softwareId: 'nope', desiredState: 'sideways', targets: [{ kind: 'all' }] }, { Authorization: `Bearer ${c.token}` });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; field: string; message: string } };
    expect(body.error).toMatchObject({ code: 'invalid-input', field: 'desiredState' });
    expect(body.error.message).toContain('desiredState');

    const unknownField = await post('tenants.create', { name: 'A', colour: 'red' }, { Authorization: `Bearer ${c.token}` });
    expect(unknownField.status).toBe(400);
    expect(((await unknownField.json()) as { error: { message: string } }).error.message).toContain('colour');
    expect((await post('tenants.create', { name: 'A' }, { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' }).then((r) => r.status))).toBe(200);
    expect((await fetch(`${c.url}/api/tenants.list`, { method: 'POST', headers: { Authorization: `Bearer ${c.token}` }, body: '{oops' })).status).toBe(400);
    expect((await c.api.call('tenants.list', {})).items.map((t) => t.name).sort()).toEqual(['A', 'Own']);
  });

  it('answers the desktop-only methods truthfully, and says how it keeps secrets', async () => {
    const c = await startConsole();
    expect(await c.api.call('desktop.getLaunchAtLogin', {})).toMatchObject({ available: false, enabled: false, reason: expect.stringContaining('web console') });
    await expect(c.api.call('desktop.setLaunchAtLogin', { enabled: true })).rejects.toMatchObject({ status: 503, code: 'unavailable' });
    const info = await c.api.call('system.info', {});
    expect(info.secretStorage).toEqual({ kind: 'key-file', detail: expect.stringContaining(join(c.dataDir, 'secret.key')) });
  });

  it('streams events on /api/events to token holders from no or the same origin, not to foreign origins', async () => {
    const c = await startConsole();
    const url = `ws://127.0.0.1:${c.port}/api/events`;
    const outcome = (ws: WebSocket) =>
      new Promise<string>((resolve) => {
        ws.on('open', () => resolve('open'));
        ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.on('error', () => resolve('error'));
      });
    expect(await outcome(new WebSocket(url))).toBe('401');
    expect(await outcome(new WebSocket(url, { headers: { Authorization: `Bearer ${c.token}` }, origin: 'http://evil.example' }))).toBe('403');

    const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${c.token}` } });
    const events: { type: string }[] = [];
    ws.on('message', (d: Buffer) => events.push(JSON.parse(d.toString('utf8')) as { type: string }));
    expect(await outcome(ws)).toBe('open');
    await c.api.call('tenants.create', { name: 'Watched' });
    await waitFor(() => events.some((e) => e.type === 'changes'), 'a change event');
    ws.close();
  });

  it('shuts down cleanly on SIGTERM and keeps its data for the next start', async () => {
    const c = await startConsole();
    await c.api.call('tenants.create', { name: 'Kept' });
    expect(await stopProcess(c.process, 'SIGTERM')).toBe(0);
    expect(c.output()).toContain('Steward console stopped.');
    const again = await startConsole({ dataDir: c.dataDir });
    expect(again.token).toBe(c.token);
    expect((await again.api.call('tenants.list', {})).items.map((t) => t.name)).toEqual(['Kept']);
  });
});
