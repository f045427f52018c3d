// Per-field conflict resolution: an entity is a set of top-level fields, each carrying the hybrid
// logical clock of the change that last wrote it; the later clock wins, field by field, on every
// machine alike. Deletion is a tombstone that no later edit of other fields undoes.
import { canonicalJson } from '../canonical-json.js';
import { compareHlc, type HlcString } from './hlc.js';

/** One top-level property: its value (absent when the field was removed), who wrote it and when. */
export interface FieldValue {
  v?: unknown;
  h: HlcString;
  /** Member id of the author; null for a change made before this console joined a team. */
  by: string | null;
}

export interface Tombstone {
  h: HlcString;
  by: string | null;
}

export interface EntityState {
  fields: Record<string, FieldValue>;
  deleted: Tombstone | null;
}

/** What one operation does to one entity. */
export interface EntityChange {
  set: Record<string, unknown>;
  unset: string[];
  deleted: boolean;
  hlc: HlcString;
  by: string | null;
}

export interface MergeResult {
  state: EntityState;
  /** Fields whose value this change decided. */
  applied: string[];
  /** True when this change deleted an entity that existed. */
  deletedNow: boolean;
}

/** Property names that could reach an object's prototype are never field names. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
export const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;

export function isFieldName(name: string): boolean {
  return FIELD_NAME.test(name) && !FORBIDDEN.has(name);
}

export function emptyState(): EntityState {
  return { fields: Object.create(null) as Record<string, FieldValue>, deleted: null };
}

function copyState(state: EntityState | undefined): EntityState {
  const copy = emptyState();
  if (!state) return copy;
  for (const [name, value] of Object.entries(state.fields)) copy.fields[name] = value;
  copy.deleted = state.deleted;
  return copy;
}

function later(a: { h: HlcString } | null | undefined, b: HlcString): boolean {
  return !a || compareHlc(b, a.h) > 0;
}

/** Applies a change: each field it touches takes the change's value when its clock is later. */
export function mergeChange(state: EntityState | undefined, change: EntityChange): MergeResult {
  const next = copyState(state);
  const applied: string[] = [];
  for (const [name, value] of Object.entries(change.set)) {
    if (!isFieldName(name)) continue;
    if (later(next.fields[name], change.hlc)) {
      next.fields[name] = { v: value, h: change.hlc, by: change.by };
      applied.push(name);
    }
  }
  for (const name of change.unset) {
    if (!isFieldName(name)) continue;
    if (later(next.fields[name], change.hlc)) {
      next.fields[name] = { h: change.hlc, by: change.by };
      applied.push(name);
    }
  }
  let deletedNow = false;
  if (change.deleted && later(next.deleted, change.hlc)) {
    deletedNow = next.deleted === null;
    next.deleted = { h: change.hlc, by: change.by };
  }
  return { state: next, applied, deletedNow };
}

/** Merges two full states (a snapshot into a replica): commutative, associative and idempotent. */
export function mergeStates(a: EntityState | undefined, b: EntityState): EntityState {
  const next = copyState(a);
  for (const [name, value] of Object.entries(b.fields)) {
    if (!isFieldName(name)) continue;
    if (later(next.fields[name], value.h)) next.fields[name] = value;
  }
  if (b.deleted && later(next.deleted, b.deleted.h)) next.deleted = b.deleted;
  return next;
}

/** The document the state describes, or null when it is deleted. */
export function materialize(state: EntityState): Record<string, unknown> | null {
  if (state.deleted) return null;
  const doc: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(state.fields)) if ('v' in value) doc[name] = value.v;
  return doc;
}

/** The top-level fields that differ between two documents, as a change to send. */
export function diffDocuments(before: Record<string, unknown> | null | undefined, after: Record<string, unknown>): { set: Record<string, unknown>; unset: string[] } {
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const [name, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (!before || !Object.hasOwn(before, name) || before[name] === undefined || canonicalJson(before[name]) !== canonicalJson(value)) set[name] = value;
  }
  if (before) {
    for (const name of Object.keys(before)) if (before[name] !== undefined && (!Object.hasOwn(after, name) || after[name] === undefined)) unset.push(name);
  }
  return { set, unset };
}

/** The newest clock anywhere in a state. */
export function latestClock(state: EntityState): HlcString | null {
  let latest: HlcString | null = state.deleted?.h ?? null;
  for (const value of Object.values(state.fields)) if (latest === null || compareHlc(value.h, latest) > 0) latest = value.h;
  return latest;
}
