// Encrypts secrets at rest (the console's signing key, TLS key, SMTP password). The key comes from
// a key source: a file readable only by its owner under plain Node, or Electron's safeStorage.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../files.js';

export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

const PREFIX = 'sb1:';

export class AesSecretBox implements SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('secret box key must be 32 bytes');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed secret');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** Loads the 32-byte key from `file` (mode 0600), creating it on first use. */
export function keyFileSecretBox(file: string): SecretBox {
  // The desktop app moves the key into the OS keyring (electron/shell/secret-storage.ts); a new key
  // here could not open the secrets sealed with that one.
  if (existsSync(`${file}.sealed`)) throw new Error(`the key to this folder's secrets is sealed by the desktop app's OS keyring (${file}.sealed): open this data folder with the desktop app`);
  if (!existsSync(file)) writeFileAtomic(file, randomBytes(32).toString('base64') + '\n', 0o600);
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  return new AesSecretBox(key);
}
