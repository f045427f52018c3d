// The two secrets a team hands out: an invitation (single use, expires) and a member token (the
// console's credential from then on). Both carry an id for lookup and a random secret the relay
// keeps only as a hash.
export interface Credential {
  id: string;
  secret: string;
}

const FORMATS = { invitation: 'sti1', member: 'stm1' } as const;
const PART = /^[A-Za-z0-9_-]{1,128}$/;

export function formatCredential(kind: keyof typeof FORMATS, credential: Credential): string {
  return `${FORMATS[kind]}.${credential.id}.${credential.secret}`;
}

/** Parses `sti1.<id>.<secret>` / `stm1.<id>.<secret>`; null when it is not one. */
export function parseCredential(kind: keyof typeof FORMATS, text: string): Credential | null {
  const parts = text.trim().split('.');
  if (parts.length !== 3 || parts[0] !== FORMATS[kind]) return null;
  const [, id, secret] = parts as [string, string, string];
  return PART.test(id) && PART.test(secret) ? { id, secret } : null;
}
