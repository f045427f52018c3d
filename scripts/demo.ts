// `npm run demo`: a web console and three local agents in a sandbox folder (./.demo), loaded with the
// sample catalogue, and a first maintenance run started, so a newcomer sees sessions run at once.
// Scripts only write inside .demo/agents/<name>/apps. Ctrl+C stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpApiClient, type ApiClient } from '../shared/api/client.js';
import { createDeployments, createTenantsAndSoftware, loadCatalogue } from './demo-catalogue.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const children: ChildProcess[] = [];

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

async function freePortFrom(start: number): Promise<number> {
  for (let port = start; port < start + 200; port++) if (await portFree(port)) return port;
  throw new Error(`no free port between ${start} and ${start + 200}`);
}

/** Starts a Node script of this repository with its output in a log file. */
function run(script: string, args: string[], log: string): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(log, { flags: 'a' });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  children.push(child);
  return child;
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve(check()).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

async function main(): Promise<void> {
  const dir = resolve(option('dir', '.demo'));
  const keep = process.argv.includes('--keep');
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) throw new Error('the UI is not built: run npm run build first');
  const catalogue = loadCatalogue(join(ROOT, 'resources', 'sample-catalogue.json'));
  if (!keep) rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'agents'), { recursive: true });

  const port = await freePortFrom(Number(option('port', '7420')));
  const agentPort = await freePortFrom(port + 1);
  say(`Steward demo in ${dir}${keep ? ' (kept from the last run)' : ''}`);
  const consoleProc = run('dist/console/web-console.js', ['--port', String(port), '--agent-port', String(agentPort), '--data-dir', join(dir, 'console')], join(dir, 'console.log'));
  const url = `http://127.0.0.1:${port}`;
  await until('the console to start', () => (existsSync(join(dir, 'console', 'api-token')) && consoleProc.exitCode === null ? portFree(port).then((free) => (free ? undefined : true)) : consoleProc.exitCode !== null ? Promise.reject(new Error('the console exited: see .demo/console.log')) : undefined));
  const token = readFileSync(join(dir, 'console', 'api-token'), 'utf8').trim();
  const api: ApiClient = createHttpApiClient({ baseUrl: url, token });
  await until('the console API', () => api.call('system.info', {}));

  const fresh = (await api.call('tenants.list', {})).items.length === 0;
  const library = fresh ? await createTenantsAndSoftware(api, catalogue) : null;
  const names = catalogue.tenants.flatMap((t) => t.computers.map((name) => ({ name, tenant: t.name })));
  for (const { name, tenant } of names) {
    const agentDir = join(dir, 'agents', name);
    const args = ['--data-dir', agentDir, '--name', name];
    if (library && !existsSync(join(agentDir, 'identity.json'))) {
      const { token: enrollment } = await api.call('enrollment.createToken', { tenantId: library.tenants.get(tenant)!, expiresInHours: 1, maxUses: 1 });
      args.push('--token', enrollment);
    }
    for (const p of catalogue.preinstalled.filter((x) => x.computer === name && fresh)) {
      mkdirSync(dirname(join(agentDir, 'apps', p.path)), { recursive: true });
      writeFileSync(join(agentDir, 'apps', p.path), `${p.content}\n`);
    }
    run('dist/agent/main.js', args, join(dir, 'agents', `${name}.log`));
  }
  const computers = await until('the three agents to come online', async () => {
    const items = (await api.call('computers.list', {})).items;
    return names.every((n) => items.some((c) => c.name === n.name && c.online)) ? new Map(items.map((c) => [c.name, c.id])) : undefined;
  });
  if (library) await createDeployments(api, catalogue, library, computers);

  say();
  say(`  Open the console:  ${url}/?token=${token}`);
  say();
  say(`  ${names.length} agents are online: ${names.map((n) => n.name).join(', ')} (logs in ${join(dir, 'agents')})`);
  if (fresh) {
    const { sessionIds } = await api.call('maintenance.run', { computerIds: [...computers.values()], priority: 'normal' });
    say(`  Maintenance is running on all of them (${sessionIds.length} sessions): open Sessions to follow it live.`);
    say('  One install (Legacy Backup Agent on front-desk) fails on purpose, to show what a failure looks like.');
  }
  say('  Software "installs" only into .demo/agents/<name>/apps. Press Ctrl+C to stop; npm run demo -- --keep resumes.');
}

process.on('SIGINT', () => {
  stopAll();
  say('\nDemo stopped.');
  setTimeout(() => process.exit(0), 300);
});
process.on('SIGTERM', () => {
  stopAll();
  setTimeout(() => process.exit(0), 300);
});

main().catch((error: unknown) => {
  process.stderr.write(`The demo could not start: ${(error as Error).message}\n`);
  stopAll();
  process.exitCode = 1;
});
