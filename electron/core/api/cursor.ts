// Opaque paging cursors: the sort, a fingerprint of the filter and the last row's sort-key values,
// base64url-encoded, so a cursor used with another sort or filter is refused instead of skipping rows.
import { createHash } from 'node:crypto';

export interface PageCursor {
  sort: string;
  filter: string;
  key: (string | number)[];
}

/** A short fingerprint of the filter a cursor was issued for. */
export function filterFingerprint(filter: object): string {
  const json = JSON.stringify(filter, Object.keys(filter).sort());
  return createHash('sha256').update(json).digest('base64url').slice(0, 12);
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.filter, cursor.key])).toString('base64url');
}

export function decodeCursor(text: string): PageCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [sort, filter, key] = value as unknown[];
    if (typeof sort !== 'string' || typeof filter !== 'string' || !Array.isArray(key)) return null;
    if (!key.every((k) => typeof k === 'string' || typeof k === 'number')) return null;
    return { sort, filter, key };
  } catch {
    return null;
  }
}
