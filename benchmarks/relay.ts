// `npm run bench:relay`: the relay under a team's load. 50 simulated consoles (protocol clients in
// this process, the relay as its own process) push 500 operations/s in total and receive each
// other's over the stream: fan-out latency p50/p99. Then the log is filled to 100,000 operations and a
// fresh console catches up from cursor 0 (pull pages + per-field merge): how long it takes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { newId } from '../shared/ids.js';
import { mergeChange, type EntityState } from '../shared/sync/field-merge.js';
import { formatHlc } from '../shared/sync/hlc.js';
import type { ClientOp, LoggedOp } from '../shared/sync/operation.js';
import { RelayHttp } from '../electron/core/sync/relay-http.js';

const CONSOLES = Number(process.env.BENCH_CONSOLES ?? 50);
const OPS_PER_SECOND = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CATCH_UP_OPS = Number(process.env.BENCH_CATCH_UP ?? 100_000);
const TARGET_P99_MS = 250;
const TARGET_CATCH_UP_MS = 10_000;

const here = dirname(fileURLToPath(import.meta.url));

interface SimulatedConsole {
  id: number;
  clientId: string;
  http: RelayHttp;
  socket: WebSocket;
  seq: number;
  /** Like a real console's outbox: one push in flight, the rest wait and go in the next push. */
  outbox: ClientOp[];
  pushing: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Seconds a process ran, and seconds it was ready to run but waited for a CPU (Linux schedstat). */
function schedSeconds(pid: number | undefined): { ran: number; waited: number } {
  try {
    const [ran, waited] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return { ran: ran! / 1e9, waited: waited! / 1e9 };
  } catch {
    return { ran: NaN, waited: NaN };
  }
}

async function startRelay(dataDir: string): Promise<{ url: string; pid: number | undefined; stop(): void }> {
  // BENCH_RELAY_NODE_ARGS="--cpu-prof" profiles the relay.
  const nodeArgs = process.env.BENCH_RELAY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(here, '..', 'relay', 'main.js'), '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /ready at (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the relay exited with ${code}`)));
  });
  return { url, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

function op(c: { clientId: string; seq: number }, entity: number, extra: Record<string, unknown>): ClientOp {
  return { clientSeq: c.seq, kind: 'window', entityId: `bench-${entity}`, hlc: formatHlc({ wall: Date.now(), counter: c.seq, node: c.clientId }), set: { name: `window ${entity}`, days: ['mon', 'wed'], ...extra }, unset: [], deleted: false };
}

async function connect(url: string, token: string, onOps: (ops: LoggedOp[]) => void): Promise<WebSocket> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/stream`, { headers: { Authorization: `Bearer ${token}` }, maxPayload: 64 * 1024 * 1024 });
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as { type: string; ops?: LoggedOp[] };
    if (message.type === 'ops' && message.ops) onOps(message.ops);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-bench-relay-'));
  const relay = await startRelay(dataDir);
  try {
    const ownerJoin = await new RelayHttp(relay.url, null).join(readFileSync(join(dataDir, 'owner-invite'), 'utf8').trim(), 'Bench owner', newId());
    const owner = new RelayHttp(relay.url, ownerJoin.token);

    // ---- fan-out under load ----
    const latencies: number[] = [];
    const fanouts: number[] = [];
    const pushRoundTrips: number[] = [];
    let measuring = false;
    const consoles: SimulatedConsole[] = [];
    for (let i = 0; i < CONSOLES; i++) {
      const { invitation } = await owner.createInvitation('technician', 1);
      const joined = await new RelayHttp(relay.url, null).join(invitation, `Console ${i}`, newId());
      const http = new RelayHttp(relay.url, joined.token);
      const socket = await connect(relay.url, joined.token, (ops) => {
        const now = performance.timeOrigin + performance.now();
        for (const o of ops) {
          const sentAt = o.set.sentAt;
          if (measuring && typeof sentAt === 'number' && o.set.from !== i) {
            latencies.push(now - sentAt);
            fanouts.push(now - Date.parse(o.at));
          }
        }
      });
      consoles.push({ id: i, clientId: newId(), http, socket, seq: 0, outbox: [], pushing: false });
    }
    const perConsoleInterval = (1000 * CONSOLES) / OPS_PER_SECOND;
    let pushed = 0;
    let failed = 0;
    const timers = consoles.map((c, i) =>
      setTimeout(() => {
        const flush = () => {
          if (c.pushing || c.outbox.length === 0) return;
          const batch = c.outbox.splice(0, c.outbox.length);
          c.pushing = true;
          const started = performance.now();
          c.http.push(c.clientId, batch).then(
            () => {
              pushed += batch.length;
              if (measuring) pushRoundTrips.push(performance.now() - started);
            },
            () => (failed += batch.length),
          ).finally(() => {
            c.pushing = false;
            flush();
          });
        };
        const tick = () => {
          c.seq++;
          c.outbox.push(op(c, (c.id * 7 + c.seq) % 200, { from: c.id, sentAt: performance.timeOrigin + performance.now() }));
          flush();
        };
        tick();
        timers[i] = setInterval(tick, perConsoleInterval);
      }, (i * perConsoleInterval) / CONSOLES),
    );
    await new Promise((r) => setTimeout(r, 3000));
    measuring = true;
    const measuredFrom = pushed;
    const relayCpuFrom = cpuSeconds(relay.pid);
    const relaySchedFrom = schedSeconds(relay.pid);
    const benchCpuFrom = process.cpuUsage();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    measuring = false;
    const measuredOps = pushed - measuredFrom;
    const relayCpu = cpuSeconds(relay.pid) - relayCpuFrom;
    const relaySched = schedSeconds(relay.pid);
    const relayWaited = relaySched.waited - relaySchedFrom.waited;
    const relayRan = relaySched.ran - relaySchedFrom.ran;
    const benchCpu = process.cpuUsage(benchCpuFrom);
    for (const t of timers) clearInterval(t);
    await new Promise((r) => setTimeout(r, 1000));
    for (const c of consoles) c.socket.terminate();
    latencies.sort((a, b) => a - b);
    fanouts.sort((a, b) => a - b);
    pushRoundTrips.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);

    // ---- fill the log to 100,000 operations, then catch a fresh console up ----
    const loader = { clientId: newId(), seq: 0 };
    let head = (await owner.pull(0, undefined, 1)).reset ? 0 : (await owner.me()).head;
    const fillStarted = performance.now();
    while (head < CATCH_UP_OPS) {
      const batch: ClientOp[] = [];
      for (let i = 0; i < 500 && head + batch.length < CATCH_UP_OPS; i++) {
        loader.seq++;
        batch.push(op(loader, loader.seq % 5000, { note: `bulk ${loader.seq}` }));
      }
      head = (await owner.push(loader.clientId, batch)).head;
    }
    const fillSeconds = (performance.now() - fillStarted) / 1000;

    const { invitation } = await owner.createInvitation('viewer', 1);
    const fresh = new RelayHttp(relay.url, (await new RelayHttp(relay.url, null).join(invitation, 'Fresh console', newId())).token);
    const states = new Map<string, EntityState>();
    const caughtUpStarted = performance.now();
    let cursor = 0;
    let applied = 0;
    for (;;) {
      const page = await fresh.pull(cursor, undefined, 5000);
      if (page.reset) throw new Error('unexpected reset');
      for (const o of page.ops) {
        const key = `${o.kind}/${o.entityId}`;
        states.set(key, mergeChange(states.get(key), { set: o.set, unset: o.unset, deleted: o.deleted, hlc: o.hlc, by: o.author }).state);
      }
      applied += page.ops.length;
      cursor = page.cursor;
      if (cursor >= page.head) break;
    }
    const catchUpMs = performance.now() - caughtUpStarted;

    const ok = p99 <= TARGET_P99_MS && catchUpMs <= TARGET_CATCH_UP_MS && failed === 0;
    process.stdout.write(
      [
        `Relay benchmark (${CONSOLES} simulated consoles, relay on SQLite in its own process)`,
        `  load:        ${(measuredOps / SECONDS).toFixed(0)} operations/s pushed for ${SECONDS} s (target ${OPS_PER_SECOND}), ${failed} failed pushes`,
        `  fan-out:     ${latencies.length} deliveries to the other consoles; latency p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${latencies[latencies.length - 1]?.toFixed(1)} ms (target p99 ≤ ${TARGET_P99_MS} ms)`,
        `  of which:    relay accepted → received p50 ${percentile(fanouts, 50).toFixed(1)} ms, p99 ${percentile(fanouts, 99).toFixed(1)} ms (ms clock resolution); push round trip p50 ${percentile(pushRoundTrips, 50).toFixed(1)} ms, p99 ${percentile(pushRoundTrips, 99).toFixed(1)} ms`,
        `  machine:     load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores; the relay waited ${relayWaited.toFixed(1)} s for a CPU while ready to run (it ran ${relayRan.toFixed(1)} s) in ${SECONDS} s`,
        `  CPU:         relay ${((relayCpu / SECONDS) * 100).toFixed(0)}% of one core (${((relayCpu * 1e6) / Math.max(1, measuredOps)).toFixed(0)} µs per operation incl. fan-out to ${CONSOLES - 1}); the ${CONSOLES} simulated consoles ${(((benchCpu.user + benchCpu.system) / 1e6 / SECONDS) * 100).toFixed(0)}%`,
        `  log filled:  ${head} operations (${((head - measuredOps) / fillSeconds).toFixed(0)} operations/s in pushes of 500)`,
        `  catch-up:    a fresh console pulled and merged ${applied} operations into ${states.size} entities in ${(catchUpMs / 1000).toFixed(2)} s (target ≤ ${TARGET_CATCH_UP_MS / 1000} s)`,
        ok ? 'PASS' : 'FAIL: a target was missed',
        '',
      ].join('\n'),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    relay.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:relay failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
