// An independent, slow reading of wall-clock time through Intl.formatToParts at every step, to
// check the occurrence engine's table-driven arithmetic in property tests.

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

/** Local wall-clock time at an instant, as ms since 1970-01-01T00:00 local (minute precision). */
export function wallMs(timeZone: string, instant: number): number {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', era: 'short' });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  const year = p.era === 'BC' ? 1 - Number(p.year) : Number(p.year);
  const d = new Date(0);
  d.setUTCFullYear(year, Number(p.month) - 1, Number(p.day));
  d.setUTCHours(Number(p.hour), Number(p.minute), 0, 0);
  return d.getTime();
}

export const localDay = (timeZone: string, instant: number) => Math.floor(wallMs(timeZone, instant) / DAY);
const offsetAt = (timeZone: string, t: number) => wallMs(timeZone, t) - Math.floor(t / MINUTE) * MINUTE;

/** Instants (whole minutes) where the offset changes within [from, to), found by hourly samples and bisection. */
export function transitionsBetween(timeZone: string, from: number, to: number, step = HOUR): number[] {
  const out: number[] = [];
  let previousT = from;
  let previous = offsetAt(timeZone, from);
  for (let t = from + step; t < to + step; t += step) {
    const current = offsetAt(timeZone, t);
    if (current !== previous) {
      let lo = previousT;
      let hi = t;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (offsetAt(timeZone, mid) === previous) lo = mid;
        else hi = mid;
      }
      out.push(hi);
    }
    previous = current;
    previousT = t;
  }
  return out;
}

/**
 * The instant Steward's rules give a wall-clock time: the first instant showing it, or the first
 * instant after the gap that swallowed it. Searched by asking Intl about every candidate.
 */
export function instantFor(timeZone: string, wall: number): number {
  const offsets = new Set<number>();
  for (let t = wall - 36 * HOUR; t <= wall + 36 * HOUR; t += 3 * HOUR) offsets.add(offsetAt(timeZone, t));
  const showing = [...offsets].map((o) => wall - o).filter((t) => wallMs(timeZone, t) === wall);
  if (showing.length > 0) return Math.min(...showing);
  for (const t of transitionsBetween(timeZone, wall - 36 * HOUR, wall + 36 * HOUR)) {
    if (wallMs(timeZone, t - MINUTE) + MINUTE <= wall && wall < wallMs(timeZone, t)) return t;
  }
  throw new Error(`no instant for wall time ${new Date(wall).toISOString()} in ${timeZone}`);
}
