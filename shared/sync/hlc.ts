// Hybrid logical clocks: timestamps that follow wall time yet never run backwards and order every
// event of every console totally. Encoded as fixed-width strings, so plain string comparison orders them.
import { z } from 'zod';

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 10;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

/** `<wall ms, 15 digits>-<counter, 10 digits>-<node id>`. */
export const HlcString = z.string().regex(/^\d{15}-\d{10}-[A-Za-z0-9_-]{1,64}$/, 'is not a hybrid logical clock timestamp');
export type HlcString = string;

export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

export function formatHlc(h: Hlc): HlcString {
  return `${String(h.wall).padStart(WALL_DIGITS, '0')}-${String(h.counter).padStart(COUNTER_DIGITS, '0')}-${h.node}`;
}

export function parseHlc(text: HlcString): Hlc {
  const [wall, counter, ...node] = text.split('-');
  return { wall: Number(wall), counter: Number(counter), node: node.join('-') };
}

/** Wall-clock milliseconds of a timestamp. */
export function hlcWall(text: HlcString): number {
  return Number(text.slice(0, WALL_DIGITS));
}

export function compareHlc(a: HlcString, b: HlcString): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The clock of one node. `last` restores the latest timestamp issued or seen before a restart. */
export class HlcClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly node: string,
    private readonly now: () => number,
    last?: HlcString | null,
  ) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(node)) throw new Error('an HLC node id is 1-64 letters, digits, - or _');
    if (last) this.observe(last);
  }

  /** A new timestamp, later than every one issued or observed so far. */
  tick(): HlcString {
    const physical = this.now();
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else {
      this.bump();
    }
    return this.current;
  }

  /** Takes a remote timestamp into account, so the next tick is later than it. */
  observe(remote: HlcString): void {
    const r = parseHlc(remote);
    if (r.wall > this.wall) {
      this.wall = r.wall;
      this.counter = r.counter;
    } else if (r.wall === this.wall && r.counter > this.counter) {
      this.counter = r.counter;
    }
  }

  get current(): HlcString {
    return formatHlc({ wall: this.wall, counter: this.counter, node: this.node });
  }

  private bump(): void {
    if (this.counter < MAX_COUNTER) {
      this.counter++;
      return;
    }
    // Ten billion events in one millisecond cannot happen; moving wall time on keeps the order anyway.
    this.wall++;
    this.counter = 0;
  }
}
