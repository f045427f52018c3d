// How the desktop app keeps the key that seals its secrets (signing key, TLS key, SMTP password):
// wrapped by the OS keyring through safeStorage where there is a real one, otherwise in the same
// owner-only key file the web console uses — and it says which. On Linux, safeStorage's `basic_text`
// backend encrypts with a fixed, public password: that is not encryption, so it counts as no keyring.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretStorage } from '../../shared/api/system.js';
import { AesSecretBox, keyFileSecretBox, type SecretBox } from '../core/crypto/secret-box.js';
import { writeFileAtomic } from '../core/files.js';
import type { Logger } from '../core/ports.js';

/** The parts of Electron's safeStorage this uses. */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  /** Linux only; 'unknown' before the app is ready. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export type Keyring = { real: true; name: string } | { real: false; why: string };

const REAL_LINUX_BACKENDS: Record<string, string> = {
  gnome_libsecret: 'the GNOME keyring (libsecret)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet 5',
  kwallet6: 'KWallet 6',
};

/** Whether safeStorage is backed by a real OS keyring here. Call after the app is ready. */
export function detectKeyring(safeStorage: SafeStoragePort, platform: NodeJS.Platform): Keyring {
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    const name = REAL_LINUX_BACKENDS[backend];
    if (!name) {
      const why = backend === 'basic_text' ? 'safeStorage would use basic_text, a fixed password, which is not encryption' : `safeStorage backend is ${backend}`;
      return { real: false, why };
    }
    return safeStorage.isEncryptionAvailable() ? { real: true, name } : { real: false, why: `${name} is not available` };
  }
  const name = platform === 'darwin' ? 'the macOS Keychain' : platform === 'win32' ? 'Windows DPAPI' : null;
  if (!name) return { real: false, why: `no keyring support on ${platform}` };
  return safeStorage.isEncryptionAvailable() ? { real: true, name } : { real: false, why: `${name} is not available` };
}

const SealedKeyFile = z.object({ version: z.literal(1), keyring: z.string(), sealed: z.string().min(1) });

export interface SecretStorageChoice {
  box: SecretBox;
  info: SecretStorage;
}

export interface SecretStorageOptions {
  dataDir: string;
  platform: NodeJS.Platform;
  safeStorage: SafeStoragePort;
  logger: Logger;
}

/**
 * Opens the secret box for `dataDir`. With a real keyring the 32-byte key lives in
 * `secret.key.sealed`, wrapped by the keyring; a plain `secret.key` left by the web console is moved
 * into it and deleted. Without one, `secret.key` (mode 0600) is used. A sealed key whose keyring is
 * gone is an error, not a reason to start over: a new key could not open the existing secrets.
 */
export function chooseSecretBox(options: SecretStorageOptions): SecretStorageChoice {
  const plainFile = join(options.dataDir, 'secret.key');
  const sealedFile = join(options.dataDir, 'secret.key.sealed');
  const keyring = detectKeyring(options.safeStorage, options.platform);

  if (!keyring.real) {
    if (existsSync(sealedFile)) {
      const { keyring: sealedBy } = readSealed(sealedFile);
      throw new Error(`the key to Steward's secrets is sealed by ${sealedBy}, which cannot be used now (${keyring.why}). Unlock or start the keyring and start Steward again.`);
    }
    const detail = `no OS keyring is available (${keyring.why}): secrets are encrypted with the key in ${plainFile}, readable only by you`;
    options.logger.warn('secrets fall back to a key file', { file: plainFile, why: keyring.why });
    return { box: keyFileSecretBox(plainFile), info: { kind: 'key-file', detail } };
  }

  let key: Buffer;
  if (existsSync(sealedFile)) {
    const sealed = readSealed(sealedFile);
    try {
      key = Buffer.from(options.safeStorage.decryptString(Buffer.from(sealed.sealed, 'base64')), 'base64');
    } catch (error) {
      throw new Error(`the key to Steward's secrets could not be unsealed by ${keyring.name}: ${(error as Error).message}`, { cause: error });
    }
  } else {
    const migrating = existsSync(plainFile);
    key = migrating ? Buffer.from(readFileSync(plainFile, 'utf8').trim(), 'base64') : randomBytes(32);
    const sealed = options.safeStorage.encryptString(key.toString('base64')).toString('base64');
    // Only a key the keyring gives back is written, and only then is a plain copy removed.
    const check = Buffer.from(options.safeStorage.decryptString(Buffer.from(sealed, 'base64')), 'base64');
    if (!check.equals(key)) throw new Error(`${keyring.name} did not give back the key it sealed`);
    writeFileAtomic(sealedFile, `${JSON.stringify({ version: 1, keyring: keyring.name, sealed })}\n`, 0o600);
    if (migrating) {
      rmSync(plainFile);
      options.logger.info('moved the secrets key from its key file into the OS keyring', { keyring: keyring.name });
    }
  }
  return { box: new AesSecretBox(key), info: { kind: 'os-keyring', detail: `secrets are encrypted with a key sealed by ${keyring.name}` } };
}

function readSealed(file: string): z.infer<typeof SealedKeyFile> {
  let parsed;
  try {
    parsed = SealedKeyFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) throw new Error(`${file} is damaged: it is not a sealed Steward key`);
  return parsed.data;
}
