// A clock and timers that move only when a test says so: retries and digests tested in milliseconds.
import type { Clock } from '../../electron/core/ports.js';
import type { Timers } from '../../electron/core/timers.js';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

export class ManualTime implements Clock, Timers {
  private current: number;
  private seq = 0;
  private readonly pending = new Set<Pending>();

  constructor(start = Date.parse('2026-03-02T01:00:00.000Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  monotonic(): number {
    return this.current;
  }

  after(ms: number, fn: () => void): { dispose(): void } {
    const entry: Pending = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.pending.add(entry);
    return { dispose: () => void this.pending.delete(entry) };
  }

  /** Instants at which timers are armed, soonest first. */
  get armed(): number[] {
    return [...this.pending].map((p) => p.at).sort((a, b) => a - b);
  }

  /** Moves time forward, firing due timers in order and letting their promises settle in between. */
  async advance(ms: number, settle: () => Promise<void> = flush): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      const next = [...this.pending].filter((p) => p.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.pending.delete(next);
      this.current = Math.max(this.current, next.at);
      next.fn();
      await settle();
    }
    this.current = end;
    await settle();
  }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
