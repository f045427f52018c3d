// Which session runs next: resumed work first, then manual high, manual normal, scheduled, retries;
// oldest first within a class; one session per computer; only computers whose agent is online.

export type QueueClass = 'resume' | 'manual-high' | 'manual-normal' | 'scheduled' | 'retry';

const CLASS_RANK: Record<QueueClass, number> = { resume: 0, 'manual-high': 1, 'manual-normal': 2, scheduled: 3, retry: 4 };

export interface QueuedSession {
  id: string;
  computerId: string;
  queueClass: QueueClass;
  createdAt: string;
}

function before(a: QueuedSession, b: QueuedSession): boolean {
  const rank = CLASS_RANK[a.queueClass] - CLASS_RANK[b.queueClass];
  if (rank !== 0) return rank < 0;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.id < b.id;
}

interface HeapEntry {
  head: QueuedSession;
  computerId: string;
  version: number;
}

/** A binary min-heap of computers' head sessions; stale entries are skipped when popped. */
class Heap {
  private readonly items: HeapEntry[] = [];

  push(entry: HeapEntry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!.head, items[parent]!.head)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): HeapEntry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l]!.head, items[m]!.head)) m = l;
        if (r < items.length && before(items[r]!.head, items[m]!.head)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    this.items.length = 0;
  }
}

export class SessionQueue {
  private readonly byComputer = new Map<string, QueuedSession[]>();
  private readonly sessions = new Map<string, QueuedSession>();
  private readonly online = new Set<string>();
  private readonly busy = new Set<string>();
  private readonly versions = new Map<string, number>();
  private readonly heap = new Heap();
  private runningCount = 0;

  constructor(public limit: number) {}

  get running(): number {
    return this.runningCount;
  }

  get size(): number {
    return this.sessions.size;
  }

  has(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  waiting(): QueuedSession[] {
    return [...this.sessions.values()].sort((a, b) => (before(a, b) ? -1 : 1));
  }

  add(session: QueuedSession): void {
    if (this.sessions.has(session.id)) return;
    this.sessions.set(session.id, session);
    let list = this.byComputer.get(session.computerId);
    if (!list) this.byComputer.set(session.computerId, (list = []));
    let i = list.length;
    while (i > 0 && before(session, list[i - 1]!)) i--;
    list.splice(i, 0, session);
    if (i === 0) this.refresh(session.computerId);
  }

  remove(sessionId: string): boolean {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    this.sessions.delete(sessionId);
    const list = this.byComputer.get(session.computerId) ?? [];
    const index = list.indexOf(session);
    list.splice(index, 1);
    if (list.length === 0) this.byComputer.delete(session.computerId);
    if (index === 0) this.refresh(session.computerId);
    return true;
  }

  setOnline(computerId: string, online: boolean): void {
    if (online) this.online.add(computerId);
    else this.online.delete(computerId);
    this.refresh(computerId);
  }

  isOnline(computerId: string): boolean {
    return this.online.has(computerId);
  }

  /** The best session that may start now (and marks its computer busy), or null. */
  take(): QueuedSession | null {
    if (this.runningCount >= this.limit) return null;
    while (this.heap.size > 0) {
      const entry = this.heap.pop()!;
      if (this.versions.get(entry.computerId) !== entry.version) continue;
      const session = this.byComputer.get(entry.computerId)?.[0];
      if (!session || !this.ready(entry.computerId)) continue;
      this.remove(session.id);
      this.busy.add(session.computerId);
      this.runningCount++;
      this.refresh(session.computerId);
      return session;
    }
    return null;
  }

  /** The session that `take` returned has finished (or stopped) and frees its place. */
  release(computerId: string): void {
    if (!this.busy.delete(computerId)) return;
    this.runningCount--;
    this.refresh(computerId);
  }

  isBusy(computerId: string): boolean {
    return this.busy.has(computerId);
  }

  private ready(computerId: string): boolean {
    return this.online.has(computerId) && !this.busy.has(computerId) && (this.byComputer.get(computerId)?.length ?? 0) > 0;
  }

  /** Re-indexes a computer's head after anything about it changed. */
  private refresh(computerId: string): void {
    const version = (this.versions.get(computerId) ?? 0) + 1;
    this.versions.set(computerId, version);
    if (!this.ready(computerId)) return;
    this.heap.push({ head: this.byComputer.get(computerId)![0]!, computerId, version });
  }
}
