// Reconnect delays: exponential with jitter, capped, so thousands of agents do not return in step.

export class Backoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 1000,
    private readonly capMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The next delay: between half and all of min(cap, base × 2^attempt). */
  next(): number {
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(ceiling * (0.5 + 0.5 * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** A heartbeat interval of about `seconds`, spread over [2/3, 4/3] of it (30–60 s for 45). */
export function heartbeatDelay(seconds: number, random: () => number = Math.random): number {
  return Math.round(seconds * 1000 * (2 / 3 + (2 / 3) * random()));
}
