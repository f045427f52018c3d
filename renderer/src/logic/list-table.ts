// Sorting the short in-memory lists (tenants, software, deployments) by one column. Text sorts
// naturally and without case ("Client 2" before "Client 10"); equal rows keep the list's order.
import { compareText } from './by-name.js';

/** The page sizes a user can choose; the first is where every list starts. */
export const PER_PAGE_OPTIONS: readonly number[] = [25, 50, 100];

export type SortValue = string | number;

export interface ListSort {
  key: string;
  descending: boolean;
}

export function sortRows<T>(items: readonly T[], value: (item: T) => SortValue, descending: boolean): T[] {
  const sign = descending ? -1 : 1;
  const keyed = items.map((item) => ({ item, key: value(item) }));
  keyed.sort((a, b) => sign * (typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : compareText(String(a.key), String(b.key))));
  return keyed.map((k) => k.item);
}

/** A new column sorts ascending; the same column flips direction. */
export function nextSort(current: ListSort, key: string): ListSort {
  return { key, descending: current.key === key && !current.descending };
}

export const lastPageOf = (total: number, perPage: number): number => Math.max(1, Math.ceil(total / perPage));

/** A column of a list table; one with `sort` has a header that sorts by what it returns. */
export interface ListColumn<T> {
  key: string;
  title: string;
  sort?: (item: T) => SortValue;
  end?: boolean;
  width?: number;
}
