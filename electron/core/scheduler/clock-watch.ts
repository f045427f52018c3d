// Notices sleep and wall-clock jumps by comparing how far the wall clock and the monotonic clock
// moved between two looks a few seconds apart (a suspended machine's monotonic clock stands still).
import type { Clock } from '../ports.js';
import type { Disposable } from '../lifecycle.js';
import type { TimerHandle, TimerPort } from './timer-port.js';

export interface ClockJump {
  /** Wall-clock time at the last look before the jump. */
  from: number;
  /** Wall-clock time now. */
  to: number;
  /** How far the wall clock moved beyond (or short of) the elapsed time, in ms. */
  drift: number;
}

export class ClockWatch implements Disposable {
  private lastWall: number;
  private lastMono: number;
  private readonly ticker: TimerHandle;

  constructor(
    private readonly clock: Clock,
    timers: TimerPort,
    private readonly onJump: (jump: ClockJump) => void,
    intervalMs = 5_000,
    private readonly toleranceMs = 3_000,
  ) {
    this.lastWall = clock.now();
    this.lastMono = clock.monotonic();
    this.ticker = timers.every(intervalMs, () => this.check());
  }

  /** Looks now (also called on a power-resume event). */
  check(): void {
    const wall = this.clock.now();
    const mono = this.clock.monotonic();
    const drift = wall - this.lastWall - (mono - this.lastMono);
    const from = this.lastWall;
    this.lastWall = wall;
    this.lastMono = mono;
    if (Math.abs(drift) > this.toleranceMs) this.onJump({ from, to: wall, drift });
  }

  dispose(): void {
    this.ticker.dispose();
  }
}
