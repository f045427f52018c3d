// Measures the console's own time in an action: wall time, and the process's CPU time, summed over
// the synchronous stretches between the waits for the agent.

export interface ActionStopwatch {
  start(): void;
  stop(): void;
  readonly ms: number;
  readonly cpuMs: number;
}

/** Wall and CPU time, summed over the stretches between start() and stop(). */
export class Stopwatch implements ActionStopwatch {
  private wall = 0;
  private cpu = 0;
  private started: { wall: number; cpu: NodeJS.CpuUsage } | null = null;

  start(): void {
    this.started = { wall: performance.now(), cpu: process.cpuUsage() };
  }

  stop(): void {
    if (this.started === null) return;
    this.wall += performance.now() - this.started.wall;
    const used = process.cpuUsage(this.started.cpu);
    this.cpu += (used.user + used.system) / 1000;
    this.started = null;
  }

  get ms(): number {
    return this.wall;
  }

  get cpuMs(): number {
    return this.cpu;
  }
}

/** Stands in when nobody asked for metrics: an action then costs no clock reads. */
export const idleStopwatch: ActionStopwatch = { start: () => undefined, stop: () => undefined, ms: 0, cpuMs: 0 };
