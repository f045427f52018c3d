// The relay's PostgreSQL mode, tested for real: two relay instances share one database and fan out
// to each other's consoles through LISTEN/NOTIFY, with one log and each operation applied once.
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.js';
import { formatHlc } from '../../shared/sync/hlc.js';
import type { ClientOp, LoggedOp } from '../../shared/sync/operation.js';
import { RelayMessage } from '../../shared/sync/stream.js';
import { RelayHttp } from '../../electron/core/sync/relay-http.js';
import { usePostgres, type TestPostgres } from '../support/postgres.js';
import { cleanup, startConsole, waitFor } from '../support/processes.js';
import { invite, joinTeam, startRelay, waitForOnline } from '../support/team.js';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await usePostgres();
}, 60_000);
afterAll(async () => {
  await postgres.stop();
});
afterEach(cleanup);

async function twoRelays() {
  const databaseUrl = await postgres.database();
  // Both start at once against an empty database: set-up is serialized by an advisory lock.
  const [first, second] = await Promise.all([startRelay({ databaseUrl }), startRelay({ databaseUrl })]);
  const ownerInvite = first.ownerInvite || second.ownerInvite;
  expect([first.ownerInvite, second.ownerInvite].filter(Boolean)).toHaveLength(1);
  return { first, second, ownerInvite };
}

function op(clientId: string, clientSeq: number, name: string): ClientOp {
  return { clientSeq, kind: 'tenant', entityId: `t-${clientSeq % 5}`, hlc: formatHlc({ wall: 1_700_000_000_000 + clientSeq, counter: 0, node: clientId }), set: { name }, unset: [], deleted: false };
}

function listen(url: string, token: string): Promise<{ socket: WebSocket; messages: RelayMessage[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/stream`, { headers: { Authorization: `Bearer ${token}` } });
    const messages: RelayMessage[] = [];
    socket.on('message', (data: Buffer) => messages.push(RelayMessage.parse(JSON.parse(data.toString()))));
    socket.on('open', () => resolve({ socket, messages }));
    socket.on('error', reject);
  });
}

describe('relay on PostgreSQL', () => {
  it('consoles on two relay instances see each other\'s edits within a second', async () => {
    const { first, second, ownerInvite } = await twoRelays();
    const [a, b] = await Promise.all([startConsole(), startConsole()]);
    await joinTeam(a, first, ownerInvite, 'Alice');
    await joinTeam(b, second, await invite(a, 'technician'), 'Bob');
    await Promise.all([waitForOnline(a), waitForOnline(b)]);

    const started = Date.now();
    const tenant = await a.api.call('tenants.create', { name: 'Across instances' });
    await waitFor(async () => (await b.api.call('tenants.list', {})).items.some((t) => t.id === tenant.id), 'the edit to cross instances', 1000);
    await b.api.call('tenants.update', { id: tenant.id, name: 'Back again' });
    await waitFor(async () => (await a.api.call('tenants.get', { id: tenant.id })).name === 'Back again', 'the reply to cross back', 1000);
    expect(Date.now() - started).toBeLessThan(2000);

    // Revoking through one instance cuts the member off on the other within a second.
    const bobId = (await b.api.call('team.status', {})).member!.id;
    const revokedAt = Date.now();
    await a.api.call('team.revoke', { memberId: bobId });
    await waitFor(async () => (await b.api.call('team.status', {})).revoked, 'Bob to be cut off', 1000);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  it('keeps one log with every operation once when the same pushes race through both instances', async () => {
    const { first, second, ownerInvite } = await twoRelays();
    const owner = await new RelayHttp(first.url, null).join(ownerInvite, 'Owner', newId());
    const viaFirst = new RelayHttp(first.url, owner.token);
    const viaSecond = new RelayHttp(second.url, owner.token);
    const watcher = await listen(second.url, owner.token);

    const clients = [newId(), newId(), newId()];
    const perClient = 60;
    await Promise.all(
      clients.map(async (clientId, c) => {
        for (let seq = 1; seq <= perClient; seq += 3) {
          const batch = [seq, seq + 1, seq + 2].map((n) => op(clientId, n, `${c}-${n}`));
          // The same batch through both instances at once, as a console retrying after a timeout would.
          const [x, y] = await Promise.all([viaFirst.push(clientId, batch), viaSecond.push(clientId, batch)]);
          expect(x.results.map((r) => r.seq)).toEqual(y.results.map((r) => r.seq));
        }
      }),
    );

    const ops: LoggedOp[] = [];
    for (let cursor = 0; ; ) {
      const page = await viaSecond.pull(cursor, undefined, 50);
      if (page.reset) throw new Error('unexpected reset');
      ops.push(...page.ops);
      if (page.ops.length === 0) break;
      cursor = page.cursor;
    }
    expect(ops).toHaveLength(clients.length * perClient);
    expect(ops.map((o) => o.seq)).toEqual(ops.map((_, i) => i + 1));
    for (const clientId of clients) expect(ops.filter((o) => o.clientId === clientId).map((o) => o.clientSeq)).toEqual(Array.from({ length: perClient }, (_, i) => i + 1));

    // The stream on the second instance delivered the whole log, in order, with no gap.
    await waitFor(() => watcher.messages.filter((m) => m.type === 'ops').flatMap((m) => (m.type === 'ops' ? m.ops : [])).length === ops.length, 'the stream to deliver everything', 5000);
    let expectedAfter = 0;
    for (const message of watcher.messages) {
      if (message.type !== 'ops') continue;
      expect(message.after).toBe(expectedAfter);
      expectedAfter = message.ops[message.ops.length - 1]!.seq;
    }
    watcher.socket.close();
  });

  it('forwards a run to the serving console connected to the other instance', async () => {
    const { first, second, ownerInvite } = await twoRelays();
    const owner = await new RelayHttp(first.url, null).join(ownerInvite, 'Owner', newId());
    const ownerHttp = new RelayHttp(first.url, owner.token);
    const servingConsole = newId();
    const { invitation } = await ownerHttp.createInvitation('technician', 1);
    const serving = await new RelayHttp(second.url, null).join(invitation, 'Serving', servingConsole);
    const servingHttp = new RelayHttp(second.url, serving.token);
    const computer = newId();
    expect((await servingHttp.claim(servingConsole, [computer])).granted).toEqual([computer]);

    const stream = await listen(second.url, serving.token);
    stream.socket.on('message', (data: Buffer) => {
      const message = RelayMessage.parse(JSON.parse(data.toString()));
      if (message.type === 'run-request') stream.socket.send(JSON.stringify({ type: 'run-result', requestId: message.requestId, outcome: { sessionIds: message.request.computerIds.map(() => 'session-on-serving-console') } }));
    });
    await waitFor(async () => (await ownerHttp.members()).members.find((m) => m.name === 'Serving')?.online, 'the serving console to be present');
    const answer = await ownerHttp.forwardRun({ computerIds: [computer, newId()], priority: 'high' });
    expect(answer.results[0]).toEqual({ computerId: computer, sessionId: 'session-on-serving-console', refused: null, consoleId: servingConsole });
    expect(answer.results[1]).toMatchObject({ sessionId: null, refused: 'no console of the team serves this computer' });

    stream.socket.terminate();
    await waitFor(async () => !(await ownerHttp.members()).members.find((m) => m.name === 'Serving')?.online, 'the serving console to be gone');
    const refused = await ownerHttp.forwardRun({ computerIds: [computer], priority: 'normal' });
    expect(refused.results[0]?.refused).toContain('offline');
  });
});
