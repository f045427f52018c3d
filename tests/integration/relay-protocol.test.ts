// The relay's protocol against a real relay process: each (client, sequence) applied once, gaps and
// reused sequence numbers refused, malformed / oversized / foreign-origin input rejected without
// harming the relay, invitations single-use with an expiry, leases exclusive, compaction → reset.
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.js';
import { formatHlc } from '../../shared/sync/hlc.js';
import type { ClientOp, LoggedOp } from '../../shared/sync/operation.js';
import { RelayMessage } from '../../shared/sync/stream.js';
import { RelayHttp } from '../../electron/core/sync/relay-http.js';
import { cleanup, startConsole, tempDir, waitFor } from '../support/processes.js';
import { invite, joinTeam, startRelay, type TestRelay } from '../support/team.js';

afterEach(cleanup);

async function owner(relay: TestRelay): Promise<{ http: RelayHttp; token: string; consoleId: string }> {
  const consoleId = newId();
  const joined = await new RelayHttp(relay.url, null).join(relay.ownerInvite, 'Owner', consoleId);
  return { http: new RelayHttp(relay.url, joined.token), token: joined.token, consoleId };
}

async function member(relay: TestRelay, inviter: RelayHttp, role: 'technician' | 'viewer' = 'technician') {
  const consoleId = newId();
  const { invitation } = await inviter.createInvitation(role, 1);
  const joined = await new RelayHttp(relay.url, null).join(invitation, `${role} ${consoleId.slice(-4)}`, consoleId);
  return { http: new RelayHttp(relay.url, joined.token), token: joined.token, consoleId, memberId: joined.member.id };
}

function op(clientId: string, clientSeq: number, set: Record<string, unknown>, entityId = 'entity-1', wall = Date.now()): ClientOp {
  return { clientSeq, kind: 'tenant', entityId, hlc: formatHlc({ wall, counter: clientSeq, node: clientId }), set, unset: [], deleted: false };
}

function raw(relay: TestRelay, method: string, path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${relay.url}${path}`, { method, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', (error) => (error.message.includes('EPIPE') || error.message.includes('ECONNRESET') ? resolve({ status: 413, text: 'connection closed' }) : reject(error)));
    req.end(body);
  });
}

function stream(relay: TestRelay, token: string, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; messages: RelayMessage[] } | { status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${relay.url.replace('http', 'ws')}/v1/stream`, { headers: { Authorization: `Bearer ${token}`, ...headers } });
    const messages: RelayMessage[] = [];
    socket.on('message', (data: Buffer) => messages.push(RelayMessage.parse(JSON.parse(data.toString()))));
    socket.on('open', () => resolve({ socket, messages }));
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.on('error', () => undefined);
  });
}

describe('the relay protocol', () => {
  it('applies each (client, sequence) exactly once and refuses gaps and reused sequence numbers', async () => {
    const relay = await startRelay();
    const { http } = await owner(relay);
    const client = newId();
    const ops = [1, 2, 3].map((seq) => op(client, seq, { name: String.fromCharCode(96 + seq) }));
    await expect(http.push(client, [ops[1]!])).rejects.toMatchObject({ status: 409, code: 'out-of-order', expected: 1 });
    await expect(http.push(client, [ops[0]!, ops[2]!])).rejects.toMatchObject({ status: 409, code: 'out-of-order' });
    const first = await http.push(client, [ops[0]!, ops[1]!]);
    expect(first.results).toEqual([{ clientSeq: 1, seq: 1, duplicate: false }, { clientSeq: 2, seq: 2, duplicate: false }]);
    // The same push again (a console that did not hear the answer): acknowledged, not applied again.
    const again = await http.push(client, ops);
    expect(again.results).toEqual([{ clientSeq: 1, seq: 1, duplicate: true }, { clientSeq: 2, seq: 2, duplicate: true }, { clientSeq: 3, seq: 3, duplicate: false }]);
    const reused = { ...op(client, 3, { name: 'something else' }), hlc: formatHlc({ wall: Date.now() + 5, counter: 9, node: client }) };
    await expect(http.push(client, [reused])).rejects.toMatchObject({ status: 409, code: 'sequence-reused', expected: 4 });
    const ahead = op(client, 4, { name: 'from the future' }, 'entity-1', Date.now() + 3 * 24 * 3600_000);
    await expect(http.push(client, [ahead])).rejects.toMatchObject({ status: 400, code: 'clock-ahead' });

    const page = await http.pull(0, undefined, 100);
    if (page.reset) throw new Error('unexpected reset');
    expect(page.ops.map((o: LoggedOp) => [o.seq, o.clientSeq, o.set.name])).toEqual([[1, 1, 'a'], [2, 2, 'b'], [3, 3, 'c']]);
    expect(page.ops.every((o) => o.author === page.ops[0]!.author)).toBe(true);
    const snapshot = await http.snapshot(undefined, 10);
    expect(snapshot.entities).toEqual([expect.objectContaining({ kind: 'tenant', id: 'entity-1', state: expect.objectContaining({ fields: { name: expect.objectContaining({ v: 'c' }) } }) })]);

    // Another member cannot push under this client id.
    const other = await member(relay, http);
    await expect(other.http.push(client, [op(client, 4, { name: 'x' })])).rejects.toMatchObject({ status: 403, code: 'client-mismatch' });
  });

  it('rejects malformed, oversized and foreign-origin input and keeps serving everyone else', async () => {
    const relay = await startRelay({ args: ['--allowed-origin', 'https://console.example'] });
    const { http, token } = await owner(relay);
    const auth = { Authorization: `Bearer ${token}` };
    expect((await raw(relay, 'POST', '/v1/ops', '{"clientId":', auth)).status).toBe(400);
    const wrong = await raw(relay, 'POST', '/v1/ops', JSON.stringify({ clientId: 'c', ops: [{ clientSeq: 'one' }] }), auth);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('clientSeq');
    // A field named __proto__ never gets in (the schema drops it), and nothing reaches a prototype.
    const polluted = await raw(relay, 'POST', '/v1/ops', JSON.stringify({ clientId: 'c', ops: [{ ...op('c', 1, {}), set: JSON.parse('{"__proto__": {"polluted": 1}, "ok": 1}') as unknown }] }), auth);
    expect(polluted.status).toBe(200);
    const stored = await http.pull(0, undefined, 10);
    expect(stored.reset ? null : Object.keys(stored.ops[0]!.set)).toEqual(['ok']);
    expect((await raw(relay, 'POST', '/v1/ops', Buffer.alloc(17 * 1024 * 1024, 32), auth)).status).toBe(413);
    const huge = await raw(relay, 'POST', '/v1/ops', JSON.stringify({ clientId: 'c', ops: [{ ...op('c', 2, {}), set: { name: 'x'.repeat(5 * 1024 * 1024) } }] }), auth);
    expect(huge).toMatchObject({ status: 400, text: expect.stringContaining('too-large') });
    expect((await raw(relay, 'POST', '/v1/join', 'x'.repeat(100_000))).status).toBe(413);
    expect((await raw(relay, 'GET', '/v1/ops?cursor=-1', '', auth)).status).toBe(400);
    expect((await raw(relay, 'GET', '/v1/ops?cursor=0', '')).status).toBe(401);
    expect((await raw(relay, 'GET', '/v1/ops?cursor=0', '', { Authorization: 'Bearer stm1.nobody.nothing' })).status).toBe(401);
    expect((await raw(relay, 'GET', '/v1/nothing', '', auth)).status).toBe(404);
    expect((await raw(relay, 'GET', '/v1/members', '', { ...auth, Origin: 'https://evil.example' })).status).toBe(403);
    expect((await raw(relay, 'GET', '/v1/members', '', { ...auth, Origin: 'https://console.example' })).status).toBe(200);

    expect(await stream(relay, token, { Origin: 'https://evil.example' })).toEqual({ status: 403 });
    expect(await stream(relay, 'stm1.nobody.nothing')).toEqual({ status: 401 });
    const bad = await stream(relay, token);
    if ('status' in bad) throw new Error('no stream');
    bad.socket.send('not json');
    bad.socket.send(JSON.stringify({ type: 'run-result', requestId: 'x', outcome: { sessionIds: 'no' } }));
    bad.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await waitFor(() => bad.messages.filter((m) => m.type === 'error').length >= 3, 'the relay to reject the messages');
    const closed = new Promise<number>((resolve) => bad.socket.on('close', (code) => resolve(code)));
    bad.socket.send('x'.repeat(70 * 1024));
    expect(await closed).toBe(1009);

    // Still serving: a push fans out to a healthy stream at once.
    const good = await stream(relay, token);
    if ('status' in good) throw new Error('no stream');
    const client = newId();
    await http.push(client, [op(client, 1, { name: 'still alive' })]);
    const fanned = await waitFor(() => good.messages.find((m) => m.type === 'ops'), 'the operation to be fanned out', 2000);
    expect(fanned).toMatchObject({ type: 'ops', after: 1, ops: [expect.objectContaining({ seq: 2, set: { name: 'still alive' } })] });
    good.socket.close();
    expect(relay.process.exitCode).toBeNull();
  });

  it('makes invitations single-use with an expiry, and leases exclusive to one console', async () => {
    const relay = await startRelay();
    const { http: ownerHttp, consoleId: ownerConsole } = await owner(relay);
    await expect(new RelayHttp(relay.url, null).join(relay.ownerInvite, 'Again', newId())).rejects.toMatchObject({ status: 403, code: 'invitation-used' });
    const { invitation } = await ownerHttp.createInvitation('technician', 0.0003);
    await new Promise((r) => setTimeout(r, 1300));
    await expect(new RelayHttp(relay.url, null).join(invitation, 'Late', newId())).rejects.toMatchObject({ status: 403, code: 'invitation-expired' });
    await expect(new RelayHttp(relay.url, null).join('sti1.forged.secret', 'Forger', newId())).rejects.toMatchObject({ status: 403, code: 'invitation-unknown' });

    const a = await member(relay, ownerHttp);
    const b = await member(relay, ownerHttp);
    const computer = newId();
    expect((await a.http.claim(a.consoleId, [computer])).granted).toEqual([computer]);
    const refused = await b.http.claim(b.consoleId, [computer]);
    expect(refused).toMatchObject({ granted: [], refused: [{ computerId: computer, holder: { consoleId: a.consoleId } }] });
    await expect(b.http.claim(a.consoleId, [computer])).rejects.toMatchObject({ status: 403 });
    // Only the holder releases, unless an owner forces it.
    expect((await b.http.release([computer], false)).released).toEqual([]);
    await expect(b.http.release([computer], true)).rejects.toMatchObject({ status: 403 });
    expect((await ownerHttp.release([computer], true)).released).toEqual([computer]);
    expect((await b.http.claim(b.consoleId, [computer])).granted).toEqual([computer]);
    expect((await ownerHttp.claim(ownerConsole, [computer])).refused).toHaveLength(1);
    // A revoked member's leases are freed.
    await ownerHttp.revoke(b.memberId);
    expect((await a.http.claim(a.consoleId, [computer])).granted).toEqual([computer]);
    await expect(b.http.me()).rejects.toMatchObject({ status: 401, code: 'revoked' });
  });

  it('compacts the log and answers an old cursor with an explicit reset, never a silent gap', async () => {
    const relay = await startRelay({ args: ['--retain-ops', '10'] });
    const { http } = await owner(relay);
    const client = newId();
    for (let seq = 1; seq <= 30; seq++) await http.push(client, [op(client, seq, { name: `v${seq}` }, `entity-${seq % 4}`)]);
    const old = await waitFor(async () => {
      const page = await http.pull(0, undefined, 100);
      return page.reset ? page : undefined;
    }, 'the relay to compact');
    expect(old).toMatchObject({ reset: true, head: 30 });
    const recent = await http.pull(25, undefined, 100);
    expect(recent.reset ? [] : recent.ops.map((o) => o.seq)).toEqual([26, 27, 28, 29, 30]);
    expect((await http.pull(31, undefined, 10)).reset).toBe(true);
    expect((await http.pull(30, newId(), 10)).reset).toBe(true);
    const snapshot = await http.snapshot(undefined, 2);
    expect(snapshot.entities).toHaveLength(2);
    const rest = await http.snapshot(snapshot.next!, 10);
    expect([...snapshot.entities, ...rest.entities].map((e) => e.state.fields.name?.v).sort()).toEqual(['v27', 'v28', 'v29', 'v30']);
  });

  it('serves HTTPS and WSS with its certificate: consoles that trust it join and sync', async () => {
    const dir = tempDir('relay-tls');
    const pems = await generate([{ name: 'commonName', value: 'relay.test' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.private);
    const relay = await startRelay({ args: ['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')] });
    expect(relay.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
    const trusting = { env: { NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') } };
    const [a, b] = await Promise.all([startConsole(trusting), startConsole(trusting)]);
    await joinTeam(a, relay, relay.ownerInvite, 'Alice');
    await joinTeam(b, relay, await invite(a, 'technician'), 'Bob');
    const tenant = await a.api.call('tenants.create', { name: 'Over TLS' });
    await waitFor(async () => (await b.api.call('tenants.list', {})).items.some((t) => t.id === tenant.id), 'the tenant to arrive over TLS');
    expect((await b.api.call('team.status', {})).relayUrl).toBe(relay.url);

    // A console that does not trust the certificate is refused, and says why.
    const stranger = await startConsole();
    await expect(stranger.api.call('team.join', { relayUrl: relay.url, invitation: await invite(a, 'viewer') })).rejects.toMatchObject({ status: 400, field: 'relayUrl' });
  });
});
