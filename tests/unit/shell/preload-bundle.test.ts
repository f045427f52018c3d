// Builds the preload exactly as `npm run build` does and runs the bundle against a fake `electron`,
// the only module a sandboxed preload may require.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleApi } from '../../../shared/api/contract.js';
import { IPC } from '../../../electron/shell/ipc-channels.js';

type Listener = (event: unknown, payload?: unknown) => void;

function loadPreload(code: string) {
  const required: string[] = [];
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; input: unknown }[] = [];
  const sent: unknown[][] = [];
  const listeners = new Map<string, Listener[]>();
  let answer: unknown = { ok: true, value: 'fine' };
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, input: args[0] });
      return Promise.resolve(answer);
    },
    send: (...args: unknown[]) => void sent.push(args),
    on: (channel: string, listener: Listener) => void listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: Listener) => void listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener)),
  };
  const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) }, ipcRenderer };
  const require = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  // A fresh context: only what a sandboxed preload gets (no Node globals beyond these arguments).
  const run = runInNewContext(`(function (require, module, exports) {${code}\n})`, {}) as (r: typeof require, m: object, e: object) => void;
  run(require, module, module.exports);
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({}, payload);
  };
  return { required, exposed, invoked, sent, listeners, emit, setAnswer: (a: unknown) => void (answer = a) };
}

describe('the preload bundle', () => {
  let outDir: string;
  let code: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'steward-preload-'));
    await build({ configFile: 'vite.preload.config.ts', logLevel: 'silent', build: { outDir } });
    code = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is one CommonJS file that requires nothing but electron', () => {
    const preload = loadPreload(code);
    expect([...new Set(preload.required)]).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*\(|\bimport\s+[\w{*]/);
  });

  it('exposes window.steward with exactly the contract methods, grouped by domain, and events', () => {
    const { exposed } = loadPreload(code);
    expect([...exposed.keys()]).toEqual(['steward']);
    const api = exposed.get('steward') as Record<string, Record<string, unknown>>;
    const methods = Object.entries(api)
      .filter(([domain]) => domain !== 'events')
      .flatMap(([domain, fns]) => Object.keys(fns).map((name) => `${domain}.${name}`));
    expect(methods.sort()).toEqual(Object.keys(consoleApi).sort());
    for (const fns of Object.values(api)) for (const fn of Object.values(fns)) expect(typeof fn).toBe('function');
    expect(Object.keys(api.events!).sort()).toEqual(['onEvent', 'onNavigate', 'subscribeLogs']);
    expect(Object.values(api).some((v) => 'invoke' in v || 'send' in v)).toBe(false);
  });

  it("calls each method on its own channel and returns the value, or rejects with the API's error", async () => {
    const preload = loadPreload(code);
    const api = preload.exposed.get('steward') as { tenants: { create(i: unknown): Promise<unknown> } };
    await expect(api.tenants.create({ name: 'Acme' })).resolves.toBe('fine');
    expect(preload.invoked).toEqual([{ channel: 'steward:api:tenants.create', input: { name: 'Acme' } }]);
    const error = { code: 'invalid-input', message: 'name: must not be empty', field: 'name', status: 400 };
    preload.setAnswer({ ok: false, error });
    await expect(api.tenants.create({ name: '' })).rejects.toEqual(error);
  });

  it('delivers events to listeners until they unsubscribe', () => {
    const preload = loadPreload(code);
    const { events } = preload.exposed.get('steward') as { events: { onEvent(l: (e: unknown) => void): () => void } };
    const got: unknown[] = [];
    const unsubscribe = events.onEvent((e) => got.push(e));
    preload.emit(IPC.event, { type: 'changes', cursor: 1 });
    unsubscribe();
    preload.emit(IPC.event, { type: 'changes', cursor: 2 });
    expect(got).toEqual([{ type: 'changes', cursor: 1 }]);
    expect(preload.listeners.get(IPC.event)).toEqual([]);
  });

  it('subscribes to a session log and unsubscribes once, however often the unsubscribe is called', () => {
    const preload = loadPreload(code);
    const { events } = preload.exposed.get('steward') as { events: { subscribeLogs(id: string): () => void } };
    const stop = events.subscribeLogs('s1');
    stop();
    stop();
    expect(preload.sent).toEqual([[IPC.logsSubscribe, 's1'], [IPC.logsUnsubscribe, 's1']]);
  });

  it('tells the main process when a navigation listener is ready, and delivers requests to it', () => {
    const preload = loadPreload(code);
    const { events } = preload.exposed.get('steward') as { events: { onNavigate(l: (r: unknown) => void): () => void } };
    const got: unknown[] = [];
    events.onNavigate((r) => got.push(r));
    expect(preload.sent).toEqual([[IPC.navigateReady]]);
    preload.emit(IPC.navigate, { view: 'session', sessionId: 'x' });
    expect(got).toEqual([{ view: 'session', sessionId: 'x' }]);
  });
});
