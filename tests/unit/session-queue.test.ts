import { describe, expect, it } from 'vitest';
import { SessionQueue, type QueueClass } from '../../electron/core/sessions/session-queue.js';

const s = (id: string, computerId: string, queueClass: QueueClass, createdAt = '2026-01-01T00:00:00.000Z') => ({ id, computerId, queueClass, createdAt });

describe('the session queue', () => {
  it('starts resumed work, then manual high, manual normal, scheduled, retries; oldest first', () => {
    const q = new SessionQueue(10);
    q.add(s('retry', 'c1', 'retry'));
    q.add(s('sched-new', 'c2', 'scheduled', '2026-01-02T00:00:00.000Z'));
    q.add(s('sched-old', 'c3', 'scheduled', '2026-01-01T00:00:00.000Z'));
    q.add(s('normal', 'c4', 'manual-normal'));
    q.add(s('high', 'c5', 'manual-high'));
    q.add(s('resume', 'c6', 'resume'));
    for (const c of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']) q.setOnline(c, true);
    const order = [];
    for (let next = q.take(); next; next = q.take()) order.push(next.id);
    expect(order).toEqual(['resume', 'high', 'normal', 'sched-old', 'sched-new', 'retry']);
  });

  it('never exceeds the limit and runs one session per computer at a time', () => {
    const q = new SessionQueue(2);
    q.add(s('a1', 'a', 'manual-normal', '1'));
    q.add(s('a2', 'a', 'manual-high', '2'));
    q.add(s('b1', 'b', 'manual-normal', '3'));
    q.add(s('c1', 'c', 'manual-normal', '4'));
    for (const c of ['a', 'b', 'c']) q.setOnline(c, true);
    expect(q.take()!.id).toBe('a2');
    expect(q.take()!.id).toBe('b1');
    expect(q.take()).toBeNull();
    expect(q.running).toBe(2);
    q.release('a');
    expect(q.take()!.id).toBe('a1');
    expect(q.take()).toBeNull();
    q.release('b');
    expect(q.take()!.id).toBe('c1');
  });

  it('skips computers whose agent is offline until they connect', () => {
    const q = new SessionQueue(5);
    q.add(s('x', 'off', 'manual-high'));
    q.add(s('y', 'on', 'scheduled'));
    q.setOnline('on', true);
    expect(q.take()!.id).toBe('y');
    expect(q.take()).toBeNull();
    q.setOnline('off', true);
    expect(q.take()!.id).toBe('x');
  });

  it('forgets removed sessions', () => {
    const q = new SessionQueue(5);
    q.add(s('x', 'c', 'manual-normal'));
    q.setOnline('c', true);
    expect(q.remove('x')).toBe(true);
    expect(q.take()).toBeNull();
    expect(q.size).toBe(0);
  });
});
