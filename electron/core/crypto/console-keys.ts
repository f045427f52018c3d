// The console's Ed25519 key pair: it signs every command an agent runs. The private key is kept sealed.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { MetaStore } from '../store/meta.js';
import type { SecretBox } from './secret-box.js';

export class ConsoleKeys {
  private constructor(
    private readonly privateKey: KeyObject,
    /** SPKI DER, base64: what enrollment tokens carry. */
    readonly publicKeyBase64: string,
  ) {}

  static load(meta: MetaStore, box: SecretBox): ConsoleKeys {
    const sealed = meta.getOrCreate('console-signing-key', () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      return box.encrypt(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    });
    const privateKey = createPrivateKey(box.decrypt(sealed));
    const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
    return new ConsoleKeys(privateKey, publicKey);
  }

  sign(message: string): string {
    return sign(null, Buffer.from(message, 'utf8'), this.privateKey).toString('base64');
  }
}
