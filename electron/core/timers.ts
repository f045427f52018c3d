// The timer port: time-based classes arm their timers through it, so tests drive them with a
// manual clock instead of waiting.
import type { Disposable } from './lifecycle.js';

export interface Timers {
  /** Calls `fn` once after `ms`; dispose to cancel. */
  after(ms: number, fn: () => void): Disposable;
}

/** setTimeout overflows past 2^31 ms; a longer wait re-arms in steps. */
const MAX_DELAY = 2 ** 31 - 1;

export const systemTimers: Timers = {
  after(ms, fn) {
    let handle: NodeJS.Timeout;
    const arm = (left: number) => {
      handle = setTimeout(() => (left > MAX_DELAY ? arm(left - MAX_DELAY) : fn()), Math.max(0, Math.min(left, MAX_DELAY)));
      handle.unref();
    };
    arm(ms);
    return { dispose: () => clearTimeout(handle) };
  },
};
