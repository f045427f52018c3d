import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFileSecretBox } from '../../../electron/core/crypto/secret-box.js';
import { chooseSecretBox, detectKeyring, type SafeStoragePort } from '../../../electron/shell/secret-storage.js';
import { recordingLogger } from './fakes.js';

/** A keyring that really transforms the data (so a plain copy would be noticed), with a chosen backend. */
function fakeSafeStorage(backend: string | undefined, available = true): SafeStoragePort & { sealedCount: number } {
  const storage = {
    sealedCount: 0,
    isEncryptionAvailable: () => available,
    encryptString(plain: string) {
      storage.sealedCount++;
      return Buffer.from(`sealed:${Buffer.from(plain).reverse().toString('base64')}`);
    },
    decryptString(sealed: Buffer) {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('not sealed by this keyring');
      return Buffer.from(text.slice(7), 'base64').reverse().toString();
    },
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
  };
  return storage;
}

describe('which keyring counts as real', () => {
  it.each([
    ['linux', 'gnome_libsecret', true, true],
    ['linux', 'kwallet6', true, true],
    ['linux', 'basic_text', true, false],
    ['linux', 'unknown', true, false],
    ['linux', 'gnome_libsecret', false, false],
    ['darwin', undefined, true, true],
    ['win32', undefined, true, true],
    ['win32', undefined, false, false],
  ] as const)('%s with backend %s (encryption available: %s) → real: %s', (platform, backend, available, real) => {
    expect(detectKeyring(fakeSafeStorage(backend, available), platform).real).toBe(real);
  });

  it('says why basic_text is not used', () => {
    const keyring = detectKeyring(fakeSafeStorage('basic_text'), 'linux');
    expect(keyring).toEqual({ real: false, why: expect.stringContaining('basic_text') });
  });
});

describe('choosing the secret box', () => {
  let dataDir: string;
  beforeEach(() => void (dataDir = mkdtempSync(join(tmpdir(), 'steward-secrets-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
  const plainFile = () => join(dataDir, 'secret.key');
  const sealedFile = () => join(dataDir, 'secret.key.sealed');

  it('falls back to the owner-only key file on Linux with basic_text, and says so', () => {
    const logger = recordingLogger();
    const choice = chooseSecretBox({ dataDir, platform: 'linux', safeStorage: fakeSafeStorage('basic_text'), logger });
    expect(choice.info.kind).toBe('key-file');
    expect(choice.info.detail).toContain('basic_text');
    expect(choice.info.detail).toContain(plainFile());
    expect(logger.warnings).toEqual(['secrets fall back to a key file']);
    expect(statSync(plainFile()).mode & 0o777).toBe(0o600);
    expect(existsSync(sealedFile())).toBe(false);
    expect(choice.box.decrypt(choice.box.encrypt('smtp password'))).toBe('smtp password');
  });

  it('seals a new key with a real keyring and keeps no plain copy', () => {
    const safeStorage = fakeSafeStorage('gnome_libsecret');
    const choice = chooseSecretBox({ dataDir, platform: 'linux', safeStorage, logger: recordingLogger() });
    expect(choice.info).toEqual({ kind: 'os-keyring', detail: 'secrets are encrypted with a key sealed by the GNOME keyring (libsecret)' });
    expect(existsSync(plainFile())).toBe(false);
    expect(statSync(sealedFile()).mode & 0o777).toBe(0o600);
    const sealed = choice.box.encrypt('signing key');
    const again = chooseSecretBox({ dataDir, platform: 'linux', safeStorage, logger: recordingLogger() });
    expect(again.box.decrypt(sealed)).toBe('signing key');
    expect(safeStorage.sealedCount).toBe(1);
  });

  it("moves the web console's plain key into the keyring, keeping what it sealed readable", () => {
    const before = keyFileSecretBox(plainFile());
    const sealedByWebConsole = before.encrypt('gateway TLS key');
    const plainKey = readFileSync(plainFile(), 'utf8').trim();
    const choice = chooseSecretBox({ dataDir, platform: 'darwin', safeStorage: fakeSafeStorage(undefined), logger: recordingLogger() });
    expect(choice.info.kind).toBe('os-keyring');
    expect(existsSync(plainFile())).toBe(false);
    expect(readFileSync(sealedFile(), 'utf8')).not.toContain(plainKey);
    expect(choice.box.decrypt(sealedByWebConsole)).toBe('gateway TLS key');
  });

  it('refuses to start over when the keyring that sealed the key is gone', () => {
    chooseSecretBox({ dataDir, platform: 'linux', safeStorage: fakeSafeStorage('kwallet5'), logger: recordingLogger() });
    expect(() => chooseSecretBox({ dataDir, platform: 'linux', safeStorage: fakeSafeStorage('basic_text'), logger: recordingLogger() })).toThrow(/sealed by KWallet 5, which cannot be used now/);
    expect(existsSync(plainFile())).toBe(false);
  });

  it('reports a keyring that cannot unseal the key instead of making a new one', () => {
    writeFileSync(sealedFile(), JSON.stringify({ version: 1, keyring: 'the macOS Keychain', sealed: Buffer.from('garbage').toString('base64') }));
    expect(() => chooseSecretBox({ dataDir, platform: 'darwin', safeStorage: fakeSafeStorage(undefined), logger: recordingLogger() })).toThrow(/could not be unsealed/);
  });

  it('refuses a damaged sealed key file', () => {
    writeFileSync(sealedFile(), '{"version": 2}');
    expect(() => chooseSecretBox({ dataDir, platform: 'win32', safeStorage: fakeSafeStorage(undefined), logger: recordingLogger() })).toThrow(/damaged/);
  });

  it('keeps the web console from replacing a key the desktop app sealed', () => {
    chooseSecretBox({ dataDir, platform: 'darwin', safeStorage: fakeSafeStorage(undefined), logger: recordingLogger() });
    expect(() => keyFileSecretBox(plainFile())).toThrow(/open this data folder with the desktop app/);
    expect(existsSync(plainFile())).toBe(false);
  });
});
