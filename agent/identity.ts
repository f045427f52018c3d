// The agent's identity: its key pair, the console it belongs to (URL, pinned certificate, signing
// key) and, once enrolled, its id. Stored in <data-dir>/identity.json, readable only by its owner.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { decodeEnrollmentToken } from '../shared/model/enrollment-token.js';
import { writeFileAtomic } from './files.js';

const StoredIdentity = z.object({
  version: z.literal(1),
  agentId: z.string().nullable(),
  privateKey: z.string(),
  publicKey: z.string(),
  consoleUrl: z.string(),
  fingerprint: z.string(),
  consolePublicKey: z.string(),
  /** Kept only until enrollment succeeds. */
  pendingToken: z.string().nullable(),
});
type StoredIdentity = z.infer<typeof StoredIdentity>;

export class AgentIdentity {
  private readonly key: KeyObject;

  private constructor(
    private readonly file: string,
    private data: StoredIdentity,
  ) {
    this.key = createPrivateKey(data.privateKey);
  }

  /** Loads the identity, or creates one from an enrollment token on first run. */
  static load(dataDir: string, token: string | null): AgentIdentity {
    const file = join(dataDir, 'identity.json');
    if (existsSync(file)) {
      const parsed = StoredIdentity.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(`${file} is damaged; delete it and enroll again with a new token`);
      return new AgentIdentity(file, parsed.data);
    }
    if (token === null) throw new Error('this agent is not enrolled yet: start it with --token <enrollment token>');
    const payload = decodeEnrollmentToken(token);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const data: StoredIdentity = {
      version: 1,
      agentId: null,
      privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      consoleUrl: payload.url,
      fingerprint: payload.fp,
      consolePublicKey: payload.pk,
      pendingToken: token.trim(),
    };
    const identity = new AgentIdentity(file, data);
    identity.save();
    return identity;
  }

  private save(): void {
    writeFileAtomic(this.file, `${JSON.stringify(this.data, null, 2)}\n`, 0o600);
  }

  get agentId(): string | null {
    return this.data.agentId;
  }

  get pendingToken(): string | null {
    return this.data.pendingToken;
  }

  get consoleUrl(): string {
    return this.data.consoleUrl;
  }

  get fingerprint(): string {
    return this.data.fingerprint;
  }

  get publicKey(): string {
    return this.data.publicKey;
  }

  get consolePublicKey(): KeyObject {
    return createPublicKey({ key: Buffer.from(this.data.consolePublicKey, 'base64'), format: 'der', type: 'spki' });
  }

  sign(message: string): string {
    return sign(null, Buffer.from(message, 'utf8'), this.key).toString('base64');
  }

  /** Records the id the console gave at enrollment and forgets the token. */
  enrolled(agentId: string): void {
    this.data = { ...this.data, agentId, pendingToken: null };
    this.save();
  }
}
