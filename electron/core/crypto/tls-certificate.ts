// The agent gateway's self-signed TLS certificate; agents pin it by the fingerprint in their token.
import { X509Certificate } from 'node:crypto';
import type { MetaStore } from '../store/meta.js';
import type { SecretBox } from './secret-box.js';

export interface TlsIdentity {
  cert: string;
  key: string;
  /** SHA-256 fingerprint, upper-case hex with colons, as Node reports `fingerprint256`. */
  fingerprint: string;
}

export async function loadTlsIdentity(meta: MetaStore, box: SecretBox): Promise<TlsIdentity> {
  let cert = meta.get('tls-cert');
  let sealedKey = meta.get('tls-key');
  if (cert === undefined || sealedKey === undefined) {
    // Loaded only on first start: selfsigned pulls in ~90 ASN.1 modules, a third of the start time.
    const { generate } = await import('selfsigned');
    const generated = await generate([{ name: 'commonName', value: 'Steward agent gateway' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 10 * 365 * 24 * 3_600_000),
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
    });
    cert = generated.cert;
    sealedKey = box.encrypt(generated.private);
    meta.set('tls-cert', cert);
    meta.set('tls-key', sealedKey);
  }
  return { cert, key: box.decrypt(sealedKey), fingerprint: new X509Certificate(cert).fingerprint256 };
}
