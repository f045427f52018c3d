// Session log lines on a real SQLite file: a session's state change is written with its own
// buffered lines (the log never trails the status), and leaves other sessions' lines to the timer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EventBus } from '../../electron/core/event-bus.js';
import { systemClock } from '../../electron/core/ports.js';
import { LogWriter } from '../../electron/core/sessions/log-writer.js';
import { Database } from '../../electron/core/store/database.js';
import { LogsRepo } from '../../electron/core/store/logs-repo.js';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'steward-log-writer-'));
  db = Database.open(join(dir, 'steward.db'));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sessionId: string) => Number(db.prepare('SELECT COUNT(*) AS n FROM session_logs WHERE session_id = ?').get(sessionId)?.n);

it("writes a session's lines in the same transaction as its change, and the others' lines shortly after", async () => {
  const events = new EventBus();
  const announced: string[] = [];
  events.subscribe((e) => e.type === 'log' && announced.push(...e.lines.map((l) => `${e.sessionId}:${l.text}`)));
  const writer = new LogWriter(db, new LogsRepo(db), events, systemClock);
  writer.append('a', 'info', null, 'a1');
  writer.append('b', 'info', null, 'b1');
  writer.append('a', 'info', null, 'a2');

  let linesAtChange = -1;
  writer.flushSession('a', () => (linesAtChange = count('a')));
  expect(linesAtChange).toBe(2);
  expect(count('b')).toBe(0);
  expect(announced).toEqual(['a:a1', 'a:a2']);

  // A change that comes without lines of its own is still written.
  let ran = false;
  writer.flushSession('c', () => (ran = true));
  expect(ran).toBe(true);

  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(count('b')).toBe(1);
  expect(announced).toEqual(['a:a1', 'a:a2', 'b:b1']);
});
