// Measures the console's own time in an action, summed over the synchronous stretches between the
// waits for the agent: the wall time, the process's CPU time, and for each stretch the smaller of
// the two — the bound on the time the console's thread itself spent running.

export interface ActionStopwatch {
  start(): void;
  stop(): void;
  /** Wall time of the stretches, including any time the thread was off the CPU. */
  readonly wallMs: number;
  /** CPU time of the whole process (every thread) during the stretches. */
  readonly cpuMs: number;
  /**
   * Per stretch the smaller of wall and process CPU time, summed. The thread's own running time is
   * at most each of the two, so this never undercounts it, and it leaves out the time the kernel
   * gave the core to another process (wall without CPU) and other threads' work beside it (CPU
   * beyond the wall).
   */
  readonly ownMs: number;
}

/** Wall and CPU time, summed over the stretches between start() and stop(). */
export class Stopwatch implements ActionStopwatch {
  private wall = 0;
  private cpu = 0;
  private own = 0;
  private started: { wall: number; cpu: NodeJS.CpuUsage } | null = null;

  start(): void {
    this.started = { cpu: process.cpuUsage(), wall: performance.now() };
  }

  stop(): void {
    if (this.started === null) return;
    const wall = performance.now() - this.started.wall;
    const used = process.cpuUsage(this.started.cpu);
    const cpu = (used.user + used.system) / 1000;
    this.wall += wall;
    this.cpu += cpu;
    this.own += Math.min(wall, cpu);
    this.started = null;
  }

  get wallMs(): number {
    return this.wall;
  }

  get cpuMs(): number {
    return this.cpu;
  }

  get ownMs(): number {
    return this.own;
  }
}

/** Stands in when nobody asked for metrics: an action then costs no clock reads. */
export const idleStopwatch: ActionStopwatch = { start: () => undefined, stop: () => undefined, wallMs: 0, cpuMs: 0, ownMs: 0 };
