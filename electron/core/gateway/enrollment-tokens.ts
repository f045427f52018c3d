// Enrollment tokens: per tenant, with expiry, a use limit and revocation. Only a hash of the secret is kept.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EnrollmentTokenInfo } from '../../../shared/model/enrollment.js';
import { decodeEnrollmentToken, encodeEnrollmentToken } from '../../../shared/model/enrollment-token.js';
import { newId } from '../../../shared/ids.js';
import type { Database } from '../store/database.js';
import type { Clock } from '../ports.js';
import { int, text, textOrNull, type Row } from '../store/row.js';

export interface ConsoleIdentity {
  gatewayUrl: string;
  fingerprint: string;
  publicKey: string;
}


function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function toInfo(r: Row): EnrollmentTokenInfo {
  return {
    id: text(r.id),
    tenantId: text(r.tenant_id),
    createdAt: text(r.created_at),
    expiresAt: text(r.expires_at),
    maxUses: r.max_uses === null ? null : int(r.max_uses),
    uses: int(r.uses),
    revokedAt: textOrNull(r.revoked_at),
  };
}

export class EnrollmentTokens {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly identity: () => ConsoleIdentity,
  ) {}

  create(tenantId: string, expiresInHours: number, maxUses: number | null): { info: EnrollmentTokenInfo; token: string } {
    const id = newId();
    const secret = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    const createdAt = new Date(now).toISOString();
    const expiresAt = new Date(now + expiresInHours * 3_600_000).toISOString();
    this.db
      .prepare('INSERT INTO enrollment_tokens (id, tenant_id, secret_hash, created_at, expires_at, max_uses) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, tenantId, hashSecret(secret), createdAt, expiresAt, maxUses);
    const { gatewayUrl, fingerprint, publicKey } = this.identity();
    const token = encodeEnrollmentToken({ v: 1, url: gatewayUrl, fp: fingerprint, pk: publicKey, id, s: secret });
    return { info: { id, tenantId, createdAt, expiresAt, maxUses, uses: 0, revokedAt: null }, token };
  }

  list(tenantId?: string): EnrollmentTokenInfo[] {
    const rows = tenantId
      ? this.db.prepare('SELECT * FROM enrollment_tokens WHERE tenant_id = ? ORDER BY created_at DESC').all(tenantId)
      : this.db.prepare('SELECT * FROM enrollment_tokens ORDER BY created_at DESC').all();
    return rows.map(toInfo);
  }

  get(id: string): EnrollmentTokenInfo | undefined {
    const row = this.db.prepare('SELECT * FROM enrollment_tokens WHERE id = ?').get(id);
    return row ? toInfo(row) : undefined;
  }

  revoke(id: string): EnrollmentTokenInfo | undefined {
    this.db.prepare('UPDATE enrollment_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(new Date(this.clock.now()).toISOString(), id);
    return this.get(id);
  }

  /**
   * Checks a presented token and counts one use. Call inside the transaction that creates the
   * computer, so a refused or failed enrollment uses nothing.
   */
  consume(token: string): { tenantId: string } | { refused: string } {
    let payload;
    try {
      payload = decodeEnrollmentToken(token);
    } catch (e) {
      return { refused: (e as Error).message };
    }
    const row = this.db.prepare('SELECT * FROM enrollment_tokens WHERE id = ?').get(payload.id);
    const expected = row ? Buffer.from(text(row.secret_hash), 'hex') : Buffer.alloc(32);
    const presented = Buffer.from(hashSecret(payload.s), 'hex');
    if (!row || !timingSafeEqual(expected, presented)) return { refused: 'enrollment token is not known to this console' };
    const info = toInfo(row);
    if (info.revokedAt !== null) return { refused: 'enrollment token has been revoked' };
    if (Date.parse(info.expiresAt) <= this.clock.now()) return { refused: 'enrollment token has expired' };
    if (info.maxUses !== null && info.uses >= info.maxUses) return { refused: 'enrollment token has been used up' };
    this.db.prepare('UPDATE enrollment_tokens SET uses = uses + 1 WHERE id = ?').run(info.id);
    return { tenantId: info.tenantId };
  }
}
