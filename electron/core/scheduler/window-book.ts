// The windows the scheduler works with, each compiled once per version for fast occurrence questions.
import { CompiledWindow } from '../../../shared/engine/window-occurrences.js';
import type { MaintenanceWindow } from '../../../shared/model/window.js';
import type { EntityCollection } from '../store/entity-collection.js';

export interface BookEntry {
  window: MaintenanceWindow;
  compiled: CompiledWindow;
}

export class WindowBook {
  private readonly cache = new Map<string, { updatedAt: string; entry: BookEntry }>();

  constructor(private readonly windows: EntityCollection<MaintenanceWindow>) {}

  get(id: string): BookEntry | undefined {
    const window = this.windows.get(id);
    if (!window) {
      this.cache.delete(id);
      return undefined;
    }
    const cached = this.cache.get(id);
    if (cached && cached.updatedAt === window.updatedAt && cached.entry.window === window) return cached.entry;
    const entry = { window, compiled: new CompiledWindow(window) };
    this.cache.set(id, { updatedAt: window.updatedAt, entry });
    return entry;
  }

  all(): BookEntry[] {
    const out: BookEntry[] = [];
    for (const w of this.windows.all()) out.push(this.get(w.id)!);
    if (this.cache.size > out.length) {
      const live = new Set(out.map((e) => e.window.id));
      for (const id of this.cache.keys()) if (!live.has(id)) this.cache.delete(id);
    }
    return out;
  }

  get version(): number {
    return this.windows.version;
  }
}
