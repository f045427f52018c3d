// Manual runs forwarded to the console that serves the computers: the request waits here for the
// relay instance that holds that console's connection, and the answer waits here for the asker.
import { newId } from '../../shared/ids.js';
import { RunOutcome, type RunRequest } from '../../shared/sync/relay-api.js';
import { str, type SqlDriver } from '../sql/driver.js';

export interface ForwardRecord {
  id: string;
  consoleId: string;
  request: RunRequest;
  from: { memberId: string; name: string };
}

export class ForwardStore {
  constructor(private readonly db: SqlDriver) {}

  async create(consoleId: string, request: RunRequest, from: { memberId: string; name: string }, now: number): Promise<string> {
    const id = newId();
    await this.db.run('INSERT INTO forwards (id, console_id, body, created_at) VALUES ($1, $2, $3, $4)', [id, consoleId, JSON.stringify({ request, from }), now]);
    return id;
  }

  async get(id: string): Promise<ForwardRecord | null> {
    const rows = await this.db.query('SELECT console_id, body FROM forwards WHERE id = $1', [id]);
    if (!rows[0]) return null;
    const body = JSON.parse(str(rows[0].body)) as { request: RunRequest; from: { memberId: string; name: string } };
    return { id, consoleId: str(rows[0].console_id), request: body.request, from: body.from };
  }

  /** Records the serving console's answer once; a second answer to the same request is ignored. */
  async reply(id: string, consoleId: string, outcome: RunOutcome): Promise<boolean> {
    const changed = await this.db.run('UPDATE forwards SET reply = $1 WHERE id = $2 AND console_id = $3 AND reply IS NULL', [JSON.stringify(outcome), id, consoleId]);
    return changed === 1;
  }

  async outcome(id: string): Promise<RunOutcome | null> {
    const rows = await this.db.query('SELECT reply FROM forwards WHERE id = $1', [id]);
    const reply = rows[0]?.reply;
    if (reply === null || reply === undefined) return null;
    const parsed = RunOutcome.safeParse(JSON.parse(str(reply)));
    return parsed.success ? parsed.data : { refused: 'the serving console sent an answer the relay does not understand' };
  }

  async purge(olderThan: number): Promise<void> {
    await this.db.run('DELETE FROM forwards WHERE created_at < $1', [olderThan]);
  }
}
