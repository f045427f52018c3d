// Per-field HLC merge: the same set of changes gives the same document in any order, on every console.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffDocuments, materialize, mergeChange, mergeStates, type EntityChange, type EntityState } from '../../shared/sync/field-merge.js';
import { compareHlc, formatHlc, HlcClock, hlcWall } from '../../shared/sync/hlc.js';

describe('hybrid logical clock', () => {
  it('never goes backwards when the wall clock does, and orders ties by node', () => {
    let wall = 1_000;
    const clock = new HlcClock('a', () => wall);
    const first = clock.tick();
    wall = 500;
    const second = clock.tick();
    expect(compareHlc(second, first)).toBe(1);
    expect(hlcWall(second)).toBe(1_000);
    clock.observe(formatHlc({ wall: 5_000, counter: 7, node: 'b' }));
    const third = clock.tick();
    expect(third).toBe(formatHlc({ wall: 5_000, counter: 8, node: 'a' }));
    expect(compareHlc(formatHlc({ wall: 1, counter: 0, node: 'b' }), formatHlc({ wall: 1, counter: 0, node: 'a' }))).toBe(1);
  });

  it('resumes after a restart from the last timestamp it gave out', () => {
    const before = new HlcClock('a', () => 9_000).tick();
    const after = new HlcClock('a', () => 100, before).tick();
    expect(compareHlc(after, before)).toBe(1);
  });
});

describe('per-field merge', () => {
  const change = (hlc: string, set: Record<string, unknown>, extra: Partial<EntityChange> = {}): EntityChange => ({ set, unset: [], deleted: false, hlc, by: null, ...extra });
  const h = (wall: number, node: string) => formatHlc({ wall, counter: 0, node });

  it('keeps concurrent edits of different fields and the later edit of the same field', () => {
    let state = mergeChange(undefined, change(h(1, 'a'), { name: 'Nights', days: ['mon'], start: '22:00' })).state;
    state = mergeChange(state, change(h(3, 'b'), { days: ['mon', 'tue'] })).state;
    state = mergeChange(state, change(h(2, 'c'), { name: 'Late nights', days: ['sun'] })).state;
    expect(materialize(state)).toEqual({ name: 'Late nights', days: ['mon', 'tue'], start: '22:00' });
  });

  it('makes a deletion final: a later edit of other fields does not bring the entity back', () => {
    let state = mergeChange(undefined, change(h(1, 'a'), { name: 'x' })).state;
    const deleted = mergeChange(state, change(h(2, 'b'), {}, { deleted: true }));
    expect(deleted.deletedNow).toBe(true);
    state = mergeChange(deleted.state, change(h(3, 'a'), { name: 'y' })).state;
    expect(materialize(state)).toBeNull();
  });

  it('ignores field names that could reach the prototype', () => {
    const state = mergeChange(undefined, change(h(1, 'a'), JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown>)).state;
    expect(materialize(state)).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('diffs top-level fields only, with removed fields listed', () => {
    expect(diffDocuments({ a: 1, b: { x: [1, 2] }, c: 'gone' }, { a: 1, b: { x: [1, 3] } })).toEqual({ set: { b: { x: [1, 3] } }, unset: ['c'] });
    expect(diffDocuments(null, { a: 1 })).toEqual({ set: { a: 1 }, unset: [] });
  });

  const arbitraryChange = fc.record({
    wall: fc.integer({ min: 1, max: 50 }),
    node: fc.constantFrom('a', 'b', 'c'),
    set: fc.dictionary(fc.constantFrom('name', 'days', 'start', 'end', 'zone'), fc.oneof(fc.string({ maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 3 })), { maxKeys: 3 }),
    unset: fc.subarray(['zone', 'end']),
    deleted: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });

  it('converges to the same document whatever order the changes arrive in (and when repeated)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryChange, { minLength: 1, maxLength: 12 }), fc.infiniteStream(fc.nat()), (changes, randoms) => {
        // Each node numbers its own changes, so no two changes share a clock.
        const counters = new Map<string, number>();
        const all = changes.map((c) => {
          const counter = (counters.get(c.node) ?? 0) + 1;
          counters.set(c.node, counter);
          return change(formatHlc({ wall: c.wall, counter, node: c.node }), c.set, { unset: c.unset, deleted: c.deleted });
        });
        const inOrder = all.reduce<EntityState | undefined>((s, c) => mergeChange(s, c).state, undefined)!;
        const shuffled = [...all];
        const r = randoms[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = r.next().value! % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const otherOrder = [...shuffled, ...all].reduce<EntityState | undefined>((s, c) => mergeChange(s, c).state, undefined)!;
        expect(materialize(otherOrder)).toEqual(materialize(inOrder));
        // A snapshot merged into a replica that has part of the changes gives the same result too.
        const half = shuffled.slice(0, Math.floor(shuffled.length / 2)).reduce<EntityState | undefined>((s, c) => mergeChange(s, c).state, undefined);
        expect(materialize(mergeStates(half, inOrder))).toEqual(materialize(inOrder));
      }),
      { numRuns: 300 },
    );
  });
});
