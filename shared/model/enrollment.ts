// Enrollment tokens: what an agent presents once to join a tenant.
import { z } from 'zod';
import { Id, IsoTime } from './common.js';

export const EnrollmentTokenInfo = z.object({
  id: Id,
  tenantId: Id,
  createdAt: IsoTime,
  expiresAt: IsoTime,
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  revokedAt: IsoTime.nullable(),
});
export type EnrollmentTokenInfo = z.infer<typeof EnrollmentTokenInfo>;

/** What the token string carries, base64url-encoded after the `stw1.` prefix. */
export const EnrollmentTokenPayload = z.strictObject({
  v: z.literal(1),
  /** Gateway URL, wss://host:port */
  url: z.string().min(1).max(2048),
  /** SHA-256 fingerprint of the console's TLS certificate, hex, colon-separated upper case. */
  fp: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  /** The console's Ed25519 public key, SPKI DER, base64. */
  pk: z.string().min(1).max(200),
  /** Token id and secret. */
  id: z.string().min(1).max(64),
  s: z.string().min(16).max(128),
});
export type EnrollmentTokenPayload = z.infer<typeof EnrollmentTokenPayload>;

export const TOKEN_PREFIX = 'stw1.';
