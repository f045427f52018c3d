import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical-json.js';
import { decodeEnrollmentToken, encodeEnrollmentToken } from '../../shared/model/enrollment-token.js';
import { checkCommand } from '../../agent/command-verifier.js';
import { ConsoleKeys } from '../../electron/core/crypto/console-keys.js';
import { AesSecretBox } from '../../electron/core/crypto/secret-box.js';
import { CommandSigner } from '../../electron/core/sessions/command-signer.js';
import { Backoff } from '../../agent/backoff.js';
import { createPublicKey } from 'node:crypto';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":"é","z":1}]},"b":1}');
  });
});

describe('enrollment tokens', () => {
  it('round-trip and reject damaged strings', () => {
    const payload = { v: 1 as const, url: 'wss://127.0.0.1:7421', fp: 'AB:'.repeat(31) + 'AB', pk: 'key', id: 'id', s: 'secret-secret-secret' };
    expect(decodeEnrollmentToken(encodeEnrollmentToken(payload))).toEqual(payload);
    expect(() => decodeEnrollmentToken('nope')).toThrow('must start with stw1.');
    expect(() => decodeEnrollmentToken('stw1.!!!')).toThrow('damaged');
    expect(() => decodeEnrollmentToken(encodeEnrollmentToken({ ...payload, fp: 'short' }))).toThrow('damaged');
  });
});

describe('command signatures', () => {
  const store = new Map<string, string>();
  const meta = { get: (k: string) => store.get(k), set: (k: string, v: string) => void store.set(k, v), getOrCreate: (k: string, f: () => string) => store.get(k) ?? (store.set(k, f()), store.get(k)!) };
  const box = new AesSecretBox(Buffer.alloc(32, 7));
  const keys = ConsoleKeys.load(meta as never, box);
  let now = Date.parse('2026-03-01T00:00:00Z');
  const signer = new CommandSigner(keys, { now: () => now, monotonic: () => 0 }, 60_000);
  const consoleKey = createPublicKey({ key: Buffer.from(keys.publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
  const body = { kind: 'run-script' as const, payload: { script: { shell: 'sh' as const, body: 'true' }, env: {}, timeoutSeconds: 5 } };

  it('keeps the private key sealed at rest', () => {
    expect(store.get('console-signing-key')).toMatch(/^sb1:/);
    expect(store.get('console-signing-key')).not.toContain('PRIVATE KEY');
  });

  it('accepts a good command and refuses altered, misaddressed, expired or foreign-signed ones', () => {
    const good = signer.sign('agent-1', 'cmd-1', body);
    expect(checkCommand(good, 'agent-1', consoleKey, now)).toBeNull();
    expect(checkCommand({ ...good, body: { ...body, payload: { ...body.payload, timeoutSeconds: 6 } } }, 'agent-1', consoleKey, now)).toContain('bad signature');
    expect(checkCommand(good, 'agent-2', consoleKey, now)).toContain('addressed to agent agent-1');
    expect(checkCommand(good, 'agent-1', consoleKey, now + 61_000)).toContain('expired');
    const stranger = generateKeyPairSync('ed25519').publicKey;
    expect(checkCommand(good, 'agent-1', stranger, now)).toContain('bad signature');
    now += 1000;
  });
});

describe('reconnect backoff', () => {
  it('grows exponentially with jitter and stays under the 30 s cap', () => {
    const b = new Backoff(1000, 30_000, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7].map(() => b.next())).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    const jittered = new Backoff(1000, 30_000, () => 0);
    expect(jittered.next()).toBe(500);
    b.reset();
    expect(b.next()).toBe(1000);
  });
});
