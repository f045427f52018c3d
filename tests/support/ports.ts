// Loopback ports below the ephemeral range (which collides with test sockets), checked free and
// claimed with a marker file, so test processes running at the same time (vitest workers, other
// runs on a shared machine) never pick the same port between the check and the listen.
import { mkdirSync, openSync, closeSync, statSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOW = 20_000;
const HIGH = 32_000;
const CLAIMS = join(tmpdir(), 'steward-test-ports');
/** A claim older than this is from a finished run: its port may be taken again. */
const CLAIM_MS = 10 * 60_000;

let next = LOW + ((process.pid * 7919) % (HIGH - LOW));

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function claim(port: number): boolean {
  mkdirSync(CLAIMS, { recursive: true });
  const file = join(CLAIMS, String(port));
  try {
    closeSync(openSync(file, 'wx'));
    return true;
  } catch {
    try {
      if (Date.now() - statSync(file).mtimeMs < CLAIM_MS) return false;
      const now = new Date();
      utimesSync(file, now, now);
      return true;
    } catch {
      return false;
    }
  }
}

export async function freePort(): Promise<number> {
  for (let i = 0; i < HIGH - LOW; i++) {
    next = next + 1 >= HIGH ? LOW : next + 1;
    // Read before awaiting: concurrent callers (Promise.all of consoles) move `next` on meanwhile.
    const candidate = next;
    if (claim(candidate) && (await isFree(candidate))) return candidate;
  }
  throw new Error(`no free port between ${LOW} and ${HIGH}`);
}
