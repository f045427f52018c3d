// Fixed loopback ports below the ephemeral range (which collides with test sockets), checked free.
// Each Vitest worker (and the Playwright runner) takes ports from its own slice of 20000–31999, so
// two test files running side by side never pick the same port between checking and binding it.
import { createServer } from 'node:net';

const FIRST = 20_000;
const SLICES = 4;
const SLICE = 3_000;
const slice = Number(process.env.VITEST_POOL_ID ?? 0) % SLICES;
const base = FIRST + slice * SLICE;
let offset = (process.pid * 37) % SLICE;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let i = 0; i < SLICE; i++) {
    offset = (offset + 1) % SLICE;
    // Read before awaiting: concurrent callers move `offset` on meanwhile.
    const candidate = base + offset;
    if (await isFree(candidate)) return candidate;
  }
  throw new Error(`no free port in ${base}–${base + SLICE - 1}`);
}
