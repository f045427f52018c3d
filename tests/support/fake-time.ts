// A controllable clock and timer port for unit tests: wall and monotonic time move together when
// time passes, and apart when the machine sleeps or the wall clock is set. Timers behave like
// node-schedule Date jobs: they count elapsed (monotonic) time and re-check the wall clock on firing.
import type { Clock } from '../../electron/core/ports.js';
import type { TimerHandle, TimerPort } from '../../electron/core/scheduler/timer-port.js';

interface FakeTimer {
  id: number;
  dueMono: number;
  wallAt: number | null;
  every: number | null;
  fn: () => void;
}

export class FakeTime implements Clock, TimerPort {
  private wall: number;
  private mono = 1_000_000;
  private nextId = 1;
  private readonly timers = new Map<number, FakeTimer>();

  constructor(startIso: string) {
    this.wall = Date.parse(startIso);
  }

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    return this.mono;
  }

  get iso(): string {
    return new Date(this.wall).toISOString();
  }

  at(at: number, fn: () => void): TimerHandle {
    return this.add({ dueMono: this.mono + Math.max(0, at - this.wall), wallAt: at, every: null, fn });
  }

  every(ms: number, fn: () => void): TimerHandle {
    return this.add({ dueMono: this.mono + ms, wallAt: null, every: ms, fn });
  }

  /** Timers armed right now, for checking that none is armed too far ahead. */
  pending(): { wallAt: number | null; inMs: number }[] {
    return [...this.timers.values()].map((t) => ({ wallAt: t.wallAt, inMs: t.dueMono - this.mono }));
  }

  /** Lets time pass: timers fire in order, and promises settle after each. */
  async advance(ms: number): Promise<void> {
    const target = this.mono + ms;
    await settle();
    for (;;) {
      let next: FakeTimer | null = null;
      for (const t of this.timers.values()) if (t.dueMono <= target && (!next || t.dueMono < next.dueMono || (t.dueMono === next.dueMono && t.id < next.id))) next = t;
      if (!next) break;
      this.wall += next.dueMono - this.mono;
      this.mono = next.dueMono;
      this.fire(next);
      // Interval callbacks (clock watch, sweep) are synchronous; one-shot timers resolve promises.
      if (next.every === null) await settle();
    }
    this.wall += target - this.mono;
    this.mono = target;
    await settle();
  }

  /** Lets time pass until the wall clock shows `iso`. */
  async advanceTo(iso: string): Promise<void> {
    await this.advance(Date.parse(iso) - this.wall);
  }

  /** The machine sleeps: the wall clock moves on, elapsed time (and so every timer) stands still. */
  sleep(ms: number): void {
    this.wall += ms;
  }

  /** Someone sets the wall clock (NTP step, a technician, a dead CMOS battery). */
  setWall(deltaMs: number): void {
    this.wall += deltaMs;
  }

  private add(t: Omit<FakeTimer, 'id'>): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { ...t, id });
    return { dispose: () => void this.timers.delete(id) };
  }

  private fire(t: FakeTimer): void {
    if (t.every !== null) {
      t.dueMono = this.mono + t.every;
    } else if (t.wallAt !== null && t.wallAt > this.wall) {
      // node-schedule: a Date job whose timeout ran out early (the clock was set back) waits again.
      t.dueMono = this.mono + (t.wallAt - this.wall);
      return;
    } else {
      this.timers.delete(t.id);
    }
    t.fn();
  }
}

/** Lets promise continuations run (the fake agents and the queue only chain promises, no I/O). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
