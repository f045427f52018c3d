// Real console and agent processes for integration tests, owned and killed by the test that made them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHttpApiClient, type ApiClient } from '../../shared/api/client.js';
import { freePort } from './ports.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const children = new Set<ChildProcess>();
const dirs = new Set<string>();

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `steward-${prefix}-`));
  dirs.add(dir);
  return dir;
}

/** Kills every process and removes every folder the test created. */
export async function cleanup(): Promise<void> {
  await Promise.all([...children].map((c) => stopProcess(c, 'SIGKILL')));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child);
      return done(child.exitCode);
    }
    child.once('exit', (code) => {
      children.delete(child);
      done(code);
    });
    child.kill(signal);
  });
}

export async function waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Spawned {
  process: ChildProcess;
  output: () => string;
}

export function spawnNode(script: string, args: string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { process: child, output: () => output };
}

export interface TestConsole {
  url: string;
  port: number;
  agentPort: number;
  dataDir: string;
  token: string;
  api: ApiClient;
  process: ChildProcess;
  output: () => string;
}

export async function startConsole(options: { dataDir?: string; port?: number; agentPort?: number; tuning?: Record<string, number>; args?: string[]; env?: Record<string, string> } = {}): Promise<TestConsole> {
  const dataDir = options.dataDir ?? tempDir('console');
  const port = options.port ?? (await freePort());
  const agentPort = options.agentPort ?? (await freePort());
  const env: Record<string, string> = { ...options.env, ...(options.tuning ? { STEWARD_TUNING: JSON.stringify(options.tuning) } : {}) };
  const spawned = spawnNode('dist/console/web-console.js', ['--port', String(port), '--agent-port', String(agentPort), '--data-dir', dataDir, ...(options.args ?? [])], env);
  await waitFor(() => spawned.output().includes('Steward console ready') || spawned.process.exitCode !== null, 'the console to start');
  if (spawned.process.exitCode !== null) throw new Error(`console exited: ${spawned.output()}`);
  const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
  const url = `http://127.0.0.1:${port}`;
  return { url, port, agentPort, dataDir, token, api: createHttpApiClient({ baseUrl: url, token }), process: spawned.process, output: spawned.output };
}

export interface TestAgent {
  dataDir: string;
  process: ChildProcess;
  output: () => string;
}

export function startAgent(options: { token?: string; dataDir?: string; name?: string; env?: Record<string, string> }): TestAgent {
  const dataDir = options.dataDir ?? tempDir('agent');
  const args = ['--data-dir', dataDir];
  if (options.token) args.push('--token', options.token);
  if (options.name) args.push('--name', options.name);
  const spawned = spawnNode('dist/agent/main.js', args, options.env);
  return { dataDir, process: spawned.process, output: spawned.output };
}
