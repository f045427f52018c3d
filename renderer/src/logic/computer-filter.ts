// Search, filter, sort and page the computers list in memory: 10,000 computers filter in a few
// milliseconds, and only one page is ever rendered.
import type { Computer } from '../../../shared/model/computer.js';
import { compareText } from './by-name.js';

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

function matches(c: Computer, terms: string[], tenantName: string): boolean {
  if (terms.length === 0) return true;
  const text = textOf(c);
  const tenant = tenantName.toLowerCase();
  return terms.every((t) => text.includes(t) || tenant.includes(t));
}

export function filterComputers(computers: Iterable<Computer>, filter: ComputerFilter, tenantName: (id: string) => string): Computer[] {
  const terms = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  const out: Computer[] = [];
  for (const c of computers) {
    if (filter.tenantId && c.tenantId !== filter.tenantId) continue;
    if (filter.status === 'online' && !c.online) continue;
    if (filter.status === 'offline' && c.online) continue;
    if (matches(c, terms, tenantName(c.tenantId))) out.push(c);
  }
  return out;
}

type Compare = (a: Computer, b: Computer) => number;

function comparator(key: string, tenantName: (id: string) => string): Compare {
  switch (key) {
    case 'tenant':
      return (a, b) => compareText(tenantName(a.tenantId), tenantName(b.tenantId));
    case 'status':
      return (a, b) => Number(b.online) - Number(a.online);
    case 'os':
      return (a, b) => compareText(osLabel(a), osLabel(b));
    case 'lastSeenAt':
      return (a, b) => (a.lastSeenAt ?? '').localeCompare(b.lastSeenAt ?? '');
    case 'software':
      return (a, b) => a.software.length - b.software.length;
    default:
      return (a, b) => compareText(a.name, b.name);
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
