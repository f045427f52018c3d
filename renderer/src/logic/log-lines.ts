// A session's log as shown: lines merged by sequence number from pages and live events, without
// duplicates, with a cap so a runaway script cannot exhaust the page's memory.
import type { LogLine } from '../../../shared/model/session.js';

export const MAX_SHOWN_LINES = 20_000;

export interface MergeResult {
  lines: LogLine[];
  /** Lines are missing between what we had and what arrived: fetch from `afterSeq`. */
  gapAfter: number | null;
  /** Lines were dropped from the start to respect the cap. */
  trimmed: number;
}

export function lastSeq(lines: readonly LogLine[]): number {
  return lines.length > 0 ? lines[lines.length - 1]!.seq : 0;
}

export function mergeLines(current: readonly LogLine[], incoming: readonly LogLine[], cap = MAX_SHOWN_LINES): MergeResult {
  const last = lastSeq(current);
  const fresh = incoming.filter((l) => l.seq > last).sort((a, b) => a.seq - b.seq);
  const gapAfter = fresh.length > 0 && fresh[0]!.seq > last + 1 ? last : null;
  if (gapAfter !== null) return { lines: [...current], gapAfter, trimmed: 0 };
  const deduped: LogLine[] = [];
  for (const line of fresh) if (deduped.length === 0 || deduped[deduped.length - 1]!.seq < line.seq) deduped.push(line);
  const all = current.concat(deduped);
  const trimmed = Math.max(0, all.length - cap);
  return { lines: trimmed > 0 ? all.slice(trimmed) : all, gapAfter: null, trimmed };
}
