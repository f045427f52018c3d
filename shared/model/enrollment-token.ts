// Encoding of enrollment tokens: `stw1.` + base64url(JSON payload).
import { decodeBase64Url, encodeBase64Url } from '../base64url.js';
import { EnrollmentTokenPayload, TOKEN_PREFIX } from './enrollment.js';

export function encodeEnrollmentToken(payload: EnrollmentTokenPayload): string {
  return TOKEN_PREFIX + encodeBase64Url(JSON.stringify(payload));
}

/** Parses a token string; throws an Error with a readable message when it is not one. */
export function decodeEnrollmentToken(token: string): EnrollmentTokenPayload {
  const trimmed = token.trim();
  if (!trimmed.startsWith(TOKEN_PREFIX)) throw new Error(`enrollment token must start with ${TOKEN_PREFIX}`);
  let json: unknown;
  try {
    json = JSON.parse(decodeBase64Url(trimmed.slice(TOKEN_PREFIX.length)));
  } catch {
    throw new Error('enrollment token is damaged (not valid base64url JSON)');
  }
  const parsed = EnrollmentTokenPayload.safeParse(json);
  if (!parsed.success) throw new Error('enrollment token is damaged (unexpected content)');
  return parsed.data;
}
