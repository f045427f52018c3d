// Natural, case-insensitive name order ("pc-2" before "pc-10"), shared by every list.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export const compareText = (a: string, b: string): number => collator.compare(a, b);

export function byName<T extends { name: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => collator.compare(a.name, b.name));
}
