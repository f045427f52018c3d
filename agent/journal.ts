// The command journal: a command id is run at most once. A repeated id gets the recorded outcome;
// one that was started by an earlier run of the agent (which then died) is reported outcome-unknown.
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CommandOutcome } from '../shared/protocol/agent.js';
import { writeFileAtomic } from './files.js';

const Entry = z.discriminatedUnion('state', [
  z.object({ id: z.string(), state: z.literal('started'), at: z.number() }),
  z.object({ id: z.string(), state: z.literal('done'), at: z.number(), outcome: CommandOutcome }),
]);
type Entry = z.infer<typeof Entry>;

const KEEP_MS = 30 * 24 * 3_600_000;
const COMPACT_AFTER = 5000;

export class Journal {
  private readonly entries = new Map<string, Entry>();
  private readonly file: string;
  private appended = 0;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'journal.jsonl');
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const parsed = Entry.safeParse(JSON.parse(line));
          if (parsed.success) this.entries.set(parsed.data.id, parsed.data);
        } catch {
          // A torn last line from a crash: the entry before it stands.
        }
      }
      this.compact(Date.now());
    }
  }

  get(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  /** Records that a command is about to run; durable before the command has any effect. */
  started(id: string, now: number, durable: boolean): void {
    this.write({ id, state: 'started', at: now }, durable);
  }

  done(id: string, outcome: CommandOutcome, now: number): void {
    this.write({ id, state: 'done', at: now, outcome }, true);
  }

  private write(entry: Entry, durable: boolean): void {
    this.entries.set(entry.id, entry);
    const line = `${JSON.stringify(entry)}\n`;
    if (durable) {
      const fd = openSync(this.file, 'a', 0o600);
      try {
        appendFileSync(fd, line);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } else {
      appendFileSync(this.file, line, { mode: 0o600 });
    }
    if (++this.appended >= COMPACT_AFTER) this.compact(Date.now());
  }

  /** Rewrites the journal with one line per command, dropping entries older than 30 days. */
  private compact(now: number): void {
    for (const [id, entry] of this.entries) if (now - entry.at > KEEP_MS) this.entries.delete(id);
    writeFileAtomic(this.file, [...this.entries.values()].map((e) => `${JSON.stringify(e)}\n`).join(''), 0o600);
    this.appended = 0;
  }
}
