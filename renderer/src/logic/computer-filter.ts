// Search, filter, sort and page the computers list in memory: 10,000 computers filter in a few
// milliseconds, and only one page is ever rendered.
import type { Computer } from '../../../shared/model/computer.js';

export type OnlineFilter = 'all' | 'online' | 'offline';

export interface ComputerFilter {
  search: string;
  tenantId: string | null;
  status: OnlineFilter;
}

export interface SortItem {
  key: string;
  order?: boolean | 'asc' | 'desc';
}

/** "Windows 11 Pro 23H2", "Debian GNU/Linux 12 (bookworm)": the version only when the name lacks it. */
export function osLabel(c: Pick<Computer, 'os'>): string {
  const { name, version, platform } = c.os;
  if (!name) return version ? `${platform} ${version}` : platform;
  return version && !name.includes(version) ? `${name} ${version}` : name;
}

// Each computer object is immutable (a change replaces it), so its search text is computed once.
const searchText = new WeakMap<Computer, string>();

function textOf(c: Computer): string {
  let text = searchText.get(c);
  if (text === undefined) {
    text = `${c.name}\n${c.hostName}\n${osLabel(c)}\n${c.software.map((s) => s.name).join('\n')}`.toLowerCase();
    searchText.set(c, text);
  }
  return text;
}

function matches(c: Computer, terms: string[], tenantName: (id: string) => string): boolean {
  const text = textOf(c);
  let tenant: string | undefined;
  return terms.every((t) => text.includes(t) || (tenant ??= tenantName(c.tenantId).toLowerCase()).includes(t));
}

export function filterComputers(computers: Iterable<Computer>, filter: ComputerFilter, tenantName: (id: string) => string): Computer[] {
  const terms = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  const out: Computer[] = [];
  for (const c of computers) {
    if (filter.tenantId && c.tenantId !== filter.tenantId) continue;
    if (filter.status === 'online' && !c.online) continue;
    if (filter.status === 'offline' && c.online) continue;
    if (terms.length === 0 || matches(c, terms, tenantName)) out.push(c);
  }
  return out;
}

/** "pc-2" < "pc-10": digit runs are padded, so plain string comparison sorts naturally (and fast). */
export function naturalKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'));
}

// Computers are immutable (a change replaces the object), so their sort keys are made once.
const nameKeys = new WeakMap<Computer, string>();
const osKeys = new WeakMap<Computer, string>();

function cached(cache: WeakMap<Computer, string>, c: Computer, make: (c: Computer) => string): string {
  let key = cache.get(c);
  if (key === undefined) cache.set(c, (key = make(c)));
  return key;
}

type SortKey = (c: Computer) => string | number;

function sortKey(key: string, tenantName: (id: string) => string): SortKey {
  switch (key) {
    case 'tenant': {
      const keys = new Map<string, string>();
      return (c) => keys.get(c.tenantId) ?? (keys.set(c.tenantId, naturalKey(tenantName(c.tenantId))), keys.get(c.tenantId)!);
    }
    case 'status':
      return (c) => (c.online ? 0 : 1);
    case 'os':
      return (c) => cached(osKeys, c, (x) => naturalKey(osLabel(x)));
    case 'lastSeenAt':
      return (c) => c.lastSeenAt ?? '';
    case 'software':
      return (c) => c.software.length;
    default:
      return (c) => cached(nameKeys, c, (x) => naturalKey(x.name));
  }
}

const compareKeys = (x: string | number, y: string | number): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Sorts by the table's sort keys, then by name and id so equal rows keep a stable order. Each
 * computer's keys are read once into columns and the positions sorted, so 10,000 computers sort in
 * a few milliseconds (a comparator that looked its keys up cost ~25 ms on a screen's first visit).
 */
export function sortComputers(list: Computer[], sortBy: readonly SortItem[], tenantName: (id: string) => string): Computer[] {
  const keys = sortBy.map((s) => ({ of: sortKey(s.key, tenantName), sign: s.order === 'desc' ? -1 : 1 }));
  if (!sortBy.some((s) => s.key === 'name')) keys.push({ of: sortKey('name', tenantName), sign: 1 });
  keys.push({ of: (c) => c.id, sign: 1 });
  const columns = keys.map((k) => list.map(k.of));
  const signs = keys.map((k) => k.sign);
  const order = list.map((_, i) => i);
  order.sort((a, b) => {
    for (let k = 0; k < columns.length; k++) {
      const r = compareKeys(columns[k]![a]!, columns[k]![b]!) * signs[k]!;
      if (r !== 0) return r;
    }
    return 0;
  });
  return order.map((i) => list[i]!);
}

export function pageOf<T>(list: readonly T[], page: number, perPage: number): T[] {
  if (perPage <= 0) return [...list];
  const start = (Math.max(1, page) - 1) * perPage;
  return list.slice(start, start + perPage);
}
