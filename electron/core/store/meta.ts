// Small key/value facts about this console (its id, keys, certificate), kept in the database.
import type { Database } from './database.js';
import { text } from './row.js';

export class MetaStore {
  constructor(private readonly db: Database) {}

  get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key);
    return row ? text(row.value) : undefined;
  }

  set(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }

  /** Returns the stored value, creating and storing it first when absent. */
  getOrCreate(key: string, create: () => string): string {
    return this.db.tx(() => {
      const existing = this.get(key);
      if (existing !== undefined) return existing;
      const value = create();
      this.set(key, value);
      return value;
    });
  }
}
