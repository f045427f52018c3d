// Version comparison for software versions: dotted numeric (any length, e.g. Windows four-part),
// semver pre-releases (2.0.0-rc.1 < 2.0.0), build metadata ignored, missing parts count as zero.
// Hand-written because semver libraries reject four-part and two-part versions that vendors use.

function compareNumeric(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares one dotted part such as "10", "3a" or "beta2" by its runs of digits and letters. */
function compareRelease(a: string, b: string): number {
  const runs = (s: string) => s.match(/\d+|[^\d]+/g) ?? [];
  const ra = runs(a);
  const rb = runs(b);
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
    const x = ra[i];
    const y = rb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNum = /^\d/.test(x);
    const yNum = /^\d/.test(y);
    const c = xNum && yNum ? compareNumeric(x, y) : xNum ? 1 : yNum ? -1 : compareText(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

function compareMain(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareRelease(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

function comparePreRelease(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    const c = xNum && yNum ? compareNumeric(x, y) : xNum ? -1 : yNum ? 1 : compareText(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

function split(version: string): { main: string[]; pre: string[] } {
  const noBuild = version.trim().replace(/^v(?=\d)/i, '').split('+')[0] ?? '';
  const dash = noBuild.indexOf('-');
  const main = dash < 0 ? noBuild : noBuild.slice(0, dash);
  const pre = dash < 0 ? '' : noBuild.slice(dash + 1);
  return { main: main.split(/[._]/), pre: pre === '' ? [] : pre.split('.') };
}

/** Negative when a < b, positive when a > b, zero when they name the same version. */
export function compareVersions(a: string, b: string): number {
  const x = split(a);
  const y = split(b);
  return Math.sign(compareMain(x.main, y.main) || comparePreRelease(x.pre, y.pre));
}

export function sameVersion(a: string, b: string): boolean {
  return compareVersions(a, b) === 0;
}

/** The highest version of a list, or null for an empty list. */
export function highestVersion(versions: readonly string[]): string | null {
  let best: string | null = null;
  for (const v of versions) if (best === null || compareVersions(v, best) > 0) best = v;
  return best;
}
