// `npm run bench:ui`: the console UI with 10,000 computers and 10,000 sessions in the store.
// Measures, in Chromium against the web console: process start → console ready → first screen
// painted (targets: ≤ 1.5 s), and navigation between screens (target: ≤ 200 ms), for a browser
// that has never seen the console (empty replica) and for one that has (replica in IndexedDB).
import { chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedStore } from './seed-store.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const COUNTS = { tenants: 100, computers: 10_000, sessions: 10_000, software: 30 };
const SCREENS = ['computers', 'sessions', 'tenants', 'software', 'deployments', 'settings', 'dashboard'];
const ROUNDS = 3;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const consoles = new Set<ChildProcess>();
// A failed or interrupted run must not leave a console behind.
process.on('exit', () => {
  for (const child of consoles) child.kill('SIGKILL');
});
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

interface Started {
  child: ChildProcess;
  spawnedAt: number;
  readyAt: number;
}

async function startConsole(dataDir: string, port: number, agentPort: number): Promise<Started> {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'console', 'web-console.js'), '--port', String(port), '--agent-port', String(agentPort), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  consoles.add(child);
  child.once('exit', () => consoles.delete(child));
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const readyAt = await new Promise<number>((done, fail) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('Steward console ready') && done(Date.now()));
    child.once('exit', () => fail(new Error(`the console exited: ${err}`)));
  });
  return { child, spawnedAt, readyAt };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** Records, in the page, the wall-clock time each screen (`data-view`) was first painted. */
const PAINT_PROBE = `
  window.__painted = {};
  new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-view]')) {
      const view = el.getAttribute('data-view');
      if (view in window.__painted) continue;
      window.__painted[view] = -1;
      requestAnimationFrame(() => setTimeout(() => (window.__painted[view] = performance.timeOrigin + performance.now()), 0));
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** Waits in the page until `expression` is truthy and returns its value (plain JS: this file has no DOM types). */
async function waitInPage(page: Page, expression: string, timeout = 60_000): Promise<number> {
  const handle = await page.waitForFunction(expression, undefined, { timeout, polling: 'raf' });
  return Number(await handle.jsonValue());
}

const paintedAt = (page: Page, view: string) => waitInPage(page, `window.__painted && window.__painted[${JSON.stringify(view)}] > 0 && window.__painted[${JSON.stringify(view)}]`);

const NAVIGATE = `async ({ name, rows }) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const until = (selector) => new Promise((resolve) => {
    if (document.querySelector(selector)) return resolve();
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  const start = performance.now();
  document.querySelector('[data-nav="' + name + '"]').click();
  await until('[data-view="' + name + '"]');
  await frame();
  const screen = performance.now() - start;
  if (!rows) return { screen, rows: null };
  await until('[data-view="' + name + '"] tbody [data-status]');
  await frame();
  return { screen, rows: performance.now() - start };
}`;

/** Clicks a nav entry and measures, in the page, until the screen (and optionally its rows) painted. */
async function navigate(page: Page, name: string, rows: boolean): Promise<{ screen: number; rows: number | null }> {
  return page.evaluate(`(${NAVIGATE})(${JSON.stringify({ name, rows })})`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${Math.round(n)} ms`.padStart(8);

async function navigationRound(page: Page, label: string): Promise<boolean> {
  const results = new Map<string, { screen: number[]; rows: number[] }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of SCREENS) {
      const r = await navigate(page, name, name === 'computers' || name === 'sessions');
      const entry = results.get(name) ?? { screen: [], rows: [] };
      entry.screen.push(r.screen);
      if (r.rows !== null) entry.rows.push(r.rows);
      results.set(name, entry);
    }
  }
  process.stdout.write(`\n  Navigation ${label} (${ROUNDS} visits each; median / worst)\n`);
  let ok = true;
  for (const [name, r] of results) {
    const worst = Math.max(...r.screen);
    ok &&= median(r.screen) <= 200;
    const rows = r.rows.length ? `   rows shown ${ms(median(r.rows))} / ${ms(Math.max(...r.rows))}` : '';
    process.stdout.write(`    → ${name.padEnd(12)} screen ${ms(median(r.screen))} / ${ms(worst)}${rows}\n`);
  }
  return ok;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-bench-ui-'));
  const port = await freePort();
  const agentPort = await freePort();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const seeded = Date.now();
    seedStore(dataDir, COUNTS);
    process.stdout.write(`Seeded ${COUNTS.computers.toLocaleString('en')} computers, ${COUNTS.sessions.toLocaleString('en')} sessions, ${COUNTS.tenants} tenants, ${COUNTS.software} software in ${Date.now() - seeded} ms\n`);
    // A store with enrolled computers has started before: its keys and certificate exist. The very
    // first start (which makes them) is not what this measures.
    await stop((await startConsole(dataDir, port, agentPort)).child);
    // bypassCSP lets the probes above run as strings (the console's CSP forbids eval); the app is unchanged.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    await context.addInitScript(PAINT_PROBE);
    let allOk = true;

    for (const run of ['cold (empty replica: this browser never saw the console)', 'warm (replica in IndexedDB from the last visit)']) {
      // The browser tab is already open when the console starts (the user clicks the printed link).
      const page = await context.newPage();
      await page.goto('about:blank');
      await new Promise((r) => setTimeout(r, 1000));
      const started = await startConsole(dataDir, port, agentPort);
      const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
      await page.goto(`http://127.0.0.1:${port}/?token=${token}`, { waitUntil: 'commit' });
      const painted = await paintedAt(page, 'dashboard');
      const dataAt = await waitInPage(page, `document.querySelector('[data-stat="computers"]')?.textContent?.replace(/\\D/g, '') === '10000' && performance.timeOrigin + performance.now()`);
      const first = painted - started.spawnedAt;
      allOk &&= first <= 1500;
      process.stdout.write(`\n${run}\n`);
      process.stdout.write(`  process start → console ready        ${ms(started.readyAt - started.spawnedAt)}\n`);
      process.stdout.write(`  process start → first screen painted ${ms(first)}   (target ≤ 1500 ms; ${Math.round(painted - started.readyAt)} ms of it in the browser)\n`);
      process.stdout.write(`  process start → dashboard shows all 10,000 computers ${ms(dataAt - started.spawnedAt)}\n`);
      const timings = await page.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const paint = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, Math.round(p.startTime)]));
        const js = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).map((r) => Math.round(r.responseEnd));
        return { origin: performance.timeOrigin, responseEnd: Math.round(nav.responseEnd), domInteractive: Math.round(nav.domInteractive), jsEnd: Math.max(...js), ...paint };
      })()`);
      process.stdout.write(`  page timings: ${JSON.stringify({ ...(timings as object), origin: Math.round((timings as { origin: number }).origin - started.spawnedAt) })}\n`);
      const navOk = await navigationRound(page, 'with 10,000 computers in memory');
      allOk &&= navOk;
      await page.close();
      await stop(started.child);
    }
    await context.close();
    process.stdout.write(`\nLoad average during the run: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores\n`);
    process.stdout.write(`${allOk ? 'All targets met.' : 'A target was MISSED.'}\n`);
    if (!allOk) process.exitCode = 1;
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:ui failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
