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

type Compare = (a: Computer, b: Computer) => number;

/** "pc-2" < "pc-10": digit runs are padded, so plain string comparison sorts naturally (and fast). */
export function naturalKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'));
}

const nameKeys = new WeakMap<Computer, string>();
const osKeys = new WeakMap<Computer, string>();

function cached(cache: WeakMap<Computer, string>, c: Computer, make: (c: Computer) => string): string {
  let key = cache.get(c);
  if (key === undefined) cache.set(c, (key = make(c)));
  return key;
}

const byKey = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

function comparator(key: string, tenantName: (id: string) => string): Compare {
  switch (key) {
    case 'tenant': {
      const keys = new Map<string, string>();
      const tenantKey = (id: string) => keys.get(id) ?? (keys.set(id, naturalKey(tenantName(id))), keys.get(id)!);
      return (a, b) => byKey(tenantKey(a.tenantId), tenantKey(b.tenantId));
    }
    case 'status':
      return (a, b) => Number(b.online) - Number(a.online);
    case 'os':
      return (a, b) => byKey(cached(osKeys, a, (c) => naturalKey(osLabel(c))), cached(osKeys, b, (c) => naturalKey(osLabel(c))));
    case 'lastSeenAt':
      return (a, b) => byKey(a.lastSeenAt ?? '', b.lastSeenAt ?? '');
    case 'software':
      return (a, b) => a.software.length - b.software.length;
    default:
      return (a, b) => byKey(cached(nameKeys, a, (c) => naturalKey(c.name)), cached(nameKeys, b, (c) => naturalKey(c.name)));
  }
}

/** Sorts by the table's sort keys, then by name and id so equal rows keep a stable order. */
export function sortComputers(list: Computer[], sortBy: readonly SortItem[], tenantName: (id: string) => string): Computer[] {
  const keys = sortBy.map((s) => ({ compare: comparator(s.key, tenantName), sign: s.order === 'desc' ? -1 : 1 }));
  keys.push({ compare: comparator('name', tenantName), sign: 1 }, { compare: (a, b) => a.id.localeCompare(b.id), sign: 1 });
  return [...list].sort((a, b) => {
    for (const k of keys) {
      const r = k.compare(a, b) * k.sign;
      if (r !== 0) return r;
    }
    return 0;
  });
}

export function pageOf<T>(list: readonly T[], page: number, perPage: number): T[] {
  if (perPage <= 0) return [...list];
  const start = (Math.max(1, page) - 1) * perPage;
  return list.slice(start, start + perPage);
}
