// Fixed loopback ports below the ephemeral range (which collides with test sockets), checked free.
import { createServer } from 'node:net';

let next = 20_000 + ((process.pid * 37) % 400) * 25 + Number(process.env.VITEST_POOL_ID ?? 0) * 10_000;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let i = 0; i < 2000; i++) {
    next = next >= 32_000 ? 20_000 + (next % 97) : next + 1;
    // Read before awaiting: concurrent callers move `next` on meanwhile.
    const candidate = next;
    if (await isFree(candidate)) return candidate;
  }
  throw new Error('no free port below 32000');
}
