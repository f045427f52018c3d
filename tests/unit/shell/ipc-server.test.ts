import { describe, expect, it } from 'vitest';
import { consoleApi } from '../../../shared/api/contract.js';
import { apiChannel, IPC } from '../../../electron/shell/ipc-channels.js';
import { IpcServer } from '../../../electron/shell/ipc-server.js';
import { RendererRegistry } from '../../../electron/shell/renderer-registry.js';
import { SenderPolicy } from '../../../electron/shell/sender-check.js';
import { busWith, FakeIpcMain, FakeRenderer, recordingDispatcher, recordingLogger, senderEvent } from './fakes.js';

function setup() {
  const ipc = new FakeIpcMain();
  const { dispatcher, calls } = recordingDispatcher();
  const senders = new SenderPolicy();
  senders.trust(1);
  const { bus, emit } = busWith();
  const registry = new RendererRegistry(bus);
  const renderer = new FakeRenderer(1);
  registry.add(renderer);
  const logger = recordingLogger();
  const server = new IpcServer(ipc, dispatcher, senders, registry, logger);
  server.start();
  return { ipc, calls, server, renderer, emit, logger, senders };
}

/** A payload that records whether anything read it: a refused sender must not get that far. */
function watchedPayload() {
  const state = { touched: false };
  const payload = new Proxy({ name: 'Acme' }, {
    get(target, key, receiver) {
      state.touched = true;
      return Reflect.get(target, key, receiver) as unknown;
    },
    ownKeys(target) {
      state.touched = true;
      return Reflect.ownKeys(target);
    },
  });
  return { payload, state };
}

describe('the IPC server', () => {
  it('opens one invoke channel per Console API method, and closes them all on dispose', () => {
    const { ipc, server } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.keys(consoleApi).map((m) => `steward:api:${m}`).sort());
    server.dispose();
    expect(ipc.handlers.size).toBe(0);
    expect([...ipc.listeners.values()].flat()).toHaveLength(0);
  });

  it('answers a call from the app window with the handler value', async () => {
    const { ipc, calls } = setup();
    const result = await ipc.invoke(apiChannel('tenants.create'), senderEvent(), { name: 'Acme' });
    expect(result).toEqual({ ok: true, value: { answered: 'tenants.create' } });
    expect(calls).toEqual([{ method: 'tenants.create', input: { name: 'Acme' } }]);
  });

  it.each([
    ['a foreign origin', senderEvent({ url: 'https://evil.example/steal' }), 'messages from https://evil.example are refused'],
    ['a file: page', senderEvent({ url: 'file:///tmp/index.html' }), 'messages from file: are refused'],
    ['a look-alike app host', senderEvent({ url: 'app://steward.evil/index.html' }), 'messages from app://steward.evil are refused'],
    ['a subframe of the app', senderEvent({ subframe: true }), 'messages from a subframe are refused'],
    ['a window Steward did not create', senderEvent({ id: 99 }), 'the sender is not a Steward window'],
    ['a frame that is gone', senderEvent({ gone: true }), 'the sending frame is gone'],
  ])('refuses %s before the payload is read', async (_what, event, reason) => {
    const { ipc, calls } = setup();
    const { payload, state } = watchedPayload();
    const result = await ipc.invoke(apiChannel('tenants.create'), event, payload);
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: `refused: ${reason}`, status: 403 } });
    expect(state.touched).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it('refuses a bad payload from the app window naming the field, without running the handler', async () => {
    const { ipc, calls } = setup();
    const result = await ipc.invoke(apiChannel('maintenance.run'), senderEvent(), { computerIds: [] });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'computerIds', status: 400 } });
    const unknown = await ipc.invoke(apiChannel('tenants.create'), senderEvent(), { name: 'Acme', colour: 'red' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'colour' } });
    expect(calls).toHaveLength(0);
  });

  it('stops trusting a window once its trust is disposed (the window closed)', async () => {
    const { ipc, senders } = setup();
    const trust = senders.trust(7);
    expect(await ipc.invoke(apiChannel('system.info'), senderEvent({ id: 7 }), {})).toMatchObject({ ok: true });
    trust.dispose();
    expect(await ipc.invoke(apiChannel('system.info'), senderEvent({ id: 7 }), {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('routes log subscriptions from the app window, and ignores them from anyone else', () => {
    const { ipc, renderer, emit } = setup();
    const line = { seq: 1, at: '2026-01-01T00:00:00.000Z', level: 'stdout', text: 'hello' };
    const log = (sessionId: string) => ({ type: 'log' as const, sessionId, lines: [line] as never });
    ipc.send(IPC.logsSubscribe, senderEvent({ url: 'https://evil.example/' }), 's1');
    ipc.send(IPC.logsSubscribe, senderEvent(), { not: 'a string' });
    emit(log('s1'));
    expect(renderer.sent).toHaveLength(0);
    ipc.send(IPC.logsSubscribe, senderEvent(), 's1');
    emit(log('s1'));
    emit(log('s2'));
    expect(renderer.sent.map((m) => (m.payload as { sessionId: string }).sessionId)).toEqual(['s1']);
    ipc.send(IPC.logsUnsubscribe, senderEvent(), 's1');
    emit(log('s1'));
    expect(renderer.sent).toHaveLength(1);
  });
});
