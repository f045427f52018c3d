// The agent runs only commands its console signed, for itself, before they expire; a repeated id
// returns the journal's result. The console here is a stand-in speaking the real protocol.
import { generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeEnrollmentToken } from '../../shared/model/enrollment-token.js';
import { AgentFrame, type CommandBody, type CommandOutcome, type ConsoleFrame, type SignedCommand } from '../../shared/protocol/agent.js';
import { signedBytes } from '../../shared/protocol/signed-command.js';
import { freePort } from '../support/ports.js';
import { cleanup, startAgent, tempDir, waitFor } from '../support/processes.js';

const servers: { server: Server; wss: WebSocketServer }[] = [];
afterEach(async () => {
  await cleanup();
  for (const { server, wss } of servers.splice(0)) {
    for (const client of wss.clients) client.terminate();
    wss.close();
    await new Promise((r) => server.close(r));
  }
});

class StandInConsole {
  readonly key = generateKeyPairSync('ed25519');
  socket: WebSocket | null = null;
  readonly frames: AgentFrame[] = [];

  constructor(readonly port: number, readonly fingerprint: string) {}

  static async start(): Promise<StandInConsole> {
    const tls = await generate([{ name: 'commonName', value: 'stand-in' }], { keyType: 'ec', algorithm: 'sha256' });
    const port = await freePort();
    const server = createServer({ cert: tls.cert, key: tls.private });
    const standIn = new StandInConsole(port, new X509Certificate(tls.cert).fingerprint256);
    const wss = new WebSocketServer({ server });
    servers.push({ server, wss });
    wss.on('connection', (socket) => {
      standIn.socket = socket;
      socket.on('message', (data: Buffer) => {
        const frame = AgentFrame.parse(JSON.parse(data.toString('utf8')));
        standIn.frames.push(frame);
        if (frame.type === 'enroll') standIn.send({ type: 'welcome', agentId: 'agent-1', computerId: 'agent-1', heartbeatSeconds: 30 });
      });
      standIn.send({ type: 'challenge', protocol: 1, nonce: 'n'.repeat(32) });
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    return standIn;
  }

  token(fingerprint = this.fingerprint): string {
    const pk = this.key.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    return encodeEnrollmentToken({ v: 1, url: `wss://127.0.0.1:${this.port}`, fp: fingerprint, pk, id: 't1', s: 'secret-secret-secret' });
  }

  send(frame: ConsoleFrame): void {
    this.socket?.send(JSON.stringify(frame));
  }

  command(id: string, body: CommandBody, options: { agentId?: string; expiresInMs?: number; key?: KeyObject } = {}): SignedCommand {
    const now = Date.now();
    const envelope = { id, agentId: options.agentId ?? 'agent-1', issuedAt: new Date(now).toISOString(), expiresAt: new Date(now + (options.expiresInMs ?? 60_000)).toISOString(), body };
    return { ...envelope, signature: sign(null, Buffer.from(signedBytes(envelope)), options.key ?? this.key.privateKey).toString('base64') };
  }

  async run(command: SignedCommand): Promise<CommandOutcome> {
    const seen = this.frames.length;
    this.send({ type: 'command', command });
    const result = await waitFor(() => this.frames.slice(seen).find((f) => f.type === 'result' && f.id === command.id), `the result of ${command.id}`);
    return (result as Extract<AgentFrame, { type: 'result' }>).outcome;
  }
}

function touch(file: string): CommandBody {
  return { kind: 'run-script', payload: { script: { shell: 'sh', body: `echo ran >> "${file}"\necho "value=$STEWARD_VALUE"` }, env: { STEWARD_VALUE: '$(touch /tmp/never); `id`' }, timeoutSeconds: 10 } };
}

describe('agent command checks', () => {
  it('refuses commands with a bad signature, for another agent, expired or altered, and runs a good one once', async () => {
    const standIn = await StandInConsole.start();
    startAgent({ token: standIn.token() });
    await waitFor(() => standIn.frames.some((f) => f.type === 'enroll'), 'the agent to enroll');
    const dir = tempDir('marks');
    const marker = join(dir, 'ran');

    const stranger = generateKeyPairSync('ed25519').privateKey;
    expect(await standIn.run(standIn.command('c-1', touch(marker), { key: stranger }))).toMatchObject({ status: 'rejected', reason: expect.stringContaining('bad signature') });
    expect(await standIn.run(standIn.command('c-2', touch(marker), { agentId: 'agent-2' }))).toMatchObject({ status: 'rejected', reason: expect.stringContaining('addressed to agent agent-2') });
    expect(await standIn.run(standIn.command('c-3', touch(marker), { expiresInMs: -1000 }))).toMatchObject({ status: 'rejected', reason: expect.stringContaining('expired') });
    const altered = standIn.command('c-4', touch(marker));
    altered.body = touch(join(dir, 'elsewhere'));
    expect(await standIn.run(altered)).toMatchObject({ status: 'rejected', reason: expect.stringContaining('bad signature') });
    expect(existsSync(marker)).toBe(false);

    const good = await standIn.run(standIn.command('c-5', touch(marker)));
    expect(good).toMatchObject({ status: 'completed', kind: 'run-script', data: { exitCode: 0 } });
    // Inputs arrive as environment values, never as shell code.
    expect(good.status === 'completed' && good.kind === 'run-script' && good.data.stdout).toBe('value=$(touch /tmp/never); `id`\n');
    const repeat = await standIn.run(standIn.command('c-5', touch(marker)));
    expect(repeat).toEqual(good);
    expect(readFileSync(marker, 'utf8')).toBe('ran\n');
  });

  it('does not talk to a console whose certificate is not the one in its token', async () => {
    const standIn = await StandInConsole.start();
    const agent = startAgent({ token: standIn.token('AA:'.repeat(31) + 'AA') });
    await waitFor(() => agent.output().includes('is not the one this agent was enrolled with'), 'the agent to refuse the certificate');
    expect(standIn.frames.filter((f) => f.type === 'enroll')).toHaveLength(0);
  });
});
