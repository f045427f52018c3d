// The timer port the scheduler arms its jobs through: node-schedule Date jobs in production, a fake
// clock in tests. One job per window opening, never one per computer.
import schedule from 'node-schedule';
import type { Clock } from '../ports.js';

/** setTimeout overflows past 2^31 ms (24.8 days): nothing is armed further ahead than this. */
export const MAX_ARM_AHEAD_MS = 24 * 86_400_000;

/** An armed timer; disposing it cancels it. */
export interface TimerHandle {
  dispose(): void;
}

export interface TimerPort {
  /** Runs `fn` once when the wall clock reaches `at` (ms since the epoch); soon when that has passed. */
  at(at: number, fn: () => void): TimerHandle;
  /** Runs `fn` every `ms` of elapsed (monotonic) time. */
  every(ms: number, fn: () => void): TimerHandle;
}

export function nodeScheduleTimers(clock: Clock): TimerPort {
  return {
    at(at, fn) {
      const delay = at - clock.now();
      if (delay > MAX_ARM_AHEAD_MS) throw new RangeError(`refusing to arm a timer ${Math.round(delay / 86_400_000)} days ahead`);
      if (delay <= 0) {
        const handle = setTimeout(fn, 0);
        return { dispose: () => clearTimeout(handle) };
      }
      // node-schedule re-checks the wall clock when its timeout fires, so a clock set back does not
      // make a job fire early; a clock set forward (or sleep) is caught by the scheduler's ClockWatch.
      const job = schedule.scheduleJob(new Date(at), fn);
      return { dispose: () => void job?.cancel() };
    },
    every(ms, fn) {
      const handle = setInterval(fn, ms);
      handle.unref();
      return { dispose: () => clearInterval(handle) };
    },
  };
}
