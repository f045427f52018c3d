// Playwright fixtures, after Mattermost's e2e/fixtures: each test gets its own data folder, its own
// web console (real process, free ports), agents started from the UI's agent command, and a
// `shoot(name)` that saves the screen in both themes to test-results/screens/.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHttpApiClient, type ApiClient } from '../../shared/api/client.js';
import { freePort } from '../support/ports.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const SCREENS = join(ROOT, 'test-results', 'screens');

interface Proc {
  child: ChildProcess;
  output: () => string;
}

function node(script: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill(signal);
  });
}

export class Steward {
  readonly dataDir: string;
  port = 0;
  agentPort = 0;
  token = '';
  api!: ApiClient;
  private console: Proc | null = null;
  private readonly agents: Proc[] = [];

  constructor(
    private readonly outputDir: string,
    private readonly page: Page,
  ) {
    this.dataDir = join(outputDir, 'console');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts, on the same ports and data) the web console and waits until it is ready. */
  async startConsole(): Promise<void> {
    if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) throw new Error('the UI is not built: run npm run build');
    this.port ||= await freePort();
    this.agentPort ||= await freePort();
    const proc = node('dist/console/web-console.js', ['--port', String(this.port), '--agent-port', String(this.agentPort), '--data-dir', this.dataDir]);
    this.console = proc;
    await expect.poll(() => proc.output().includes('Steward console ready') || proc.child.exitCode !== null, { timeout: 20_000 }).toBe(true);
    if (proc.child.exitCode !== null) throw new Error(`the console exited: ${proc.output()}`);
    this.token = readFileSync(join(this.dataDir, 'api-token'), 'utf8').trim();
    this.api = createHttpApiClient({ baseUrl: this.url, token: this.token });
  }

  async stopConsole(): Promise<void> {
    if (this.console) await stop(this.console.child);
    this.console = null;
  }

  /** Opens the console the way its printed link does: /?token=… (the server swaps it for a cookie). */
  async open(): Promise<void> {
    await this.page.goto(`${this.url}/?token=${this.token}`);
    await expect(this.page.locator('[data-view]').first()).toBeVisible();
  }

  /**
   * Runs the agent command the UI gave: the arguments after `npm run agent --`, with the data
   * folder moved into this test's folder (a later --data-dir wins) and an optional name.
   */
  startAgentFromCommand(command: string, options: { name?: string } = {}): Proc {
    const marker = 'npm run agent -- ';
    expect(command.startsWith(marker), `agent command: ${command}`).toBe(true);
    const args = command.slice(marker.length).split(/\s+/).filter(Boolean);
    const dir = join(this.outputDir, `agent-${this.agents.length + 1}`);
    mkdirSync(dir, { recursive: true });
    const proc = node('dist/agent/main.js', [...args, '--data-dir', dir, ...(options.name ? ['--name', options.name] : [])]);
    this.agents.push(proc);
    return proc;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.agents.map((a) => stop(a.child, 'SIGKILL')));
    if (this.console) await stop(this.console.child, 'SIGKILL');
  }
}

/** Waits until no CSS animation or transition runs (Vuetify dialogs must finish opening). */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5000 });
}

/** Saves the current screen in the light and the dark theme (the console follows the OS scheme). */
export async function shoot(page: Page, name: string): Promise<void> {
  if (process.env.SKIP_SHOTS) return;
  mkdirSync(SCREENS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('.v-application')).toHaveClass(new RegExp(`v-theme--${scheme}`));
    await settle(page);
    await page.screenshot({ path: join(SCREENS, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

export const test = base.extend<{ steward: Steward }>({
  context: async ({ context }, use) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await use(context);
  },
  steward: async ({ page }, use, testInfo) => {
    const steward = new Steward(testInfo.outputPath(), page);
    await steward.startConsole();
    await use(steward);
    await steward.dispose();
  },
});

export { expect };
