// `npm start`: the desktop app where Electron can run; otherwise (no binary and no quick way to fetch
// it, no display, running as root) the web console, saying why and opening it in the browser when
// there is one. Arguments after `--` go to whichever starts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserOpener } from './launch/browser-opener.js';
import { findElectronBinary } from './launch/electron-binary.js';
import { planLaunch } from './launch/launch-plan.js';
import { runWithTimeout } from './launch/run-with-timeout.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const failureFile = join(root, 'node_modules', '.cache', 'steward', 'electron-fetch-failed');
/** An Electron that exits with an error this soon never showed a window: fall back to the web console. */
const EARLY_EXIT_MS = 5000;

const require = createRequire(import.meta.url);
const findElectron = () => findElectronBinary(() => require.resolve('electron/package.json'));

function forwardSignals(child: ReturnType<typeof spawn>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

function startWebConsole(args: string[], why: string): void {
  process.stdout.write(`Starting the web console instead of the desktop app: ${why}.\n`);
  const child = spawn(process.execPath, [join(root, 'dist', 'console', 'web-console.js'), ...args], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
  forwardSignals(child);
  const open = browserOpener(process.platform, process.env, (command) => spawnSync('which', [command], { stdio: 'ignore' }).status === 0);
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    buffered += chunk.toString('utf8');
    const match = /^Open in a browser: (\S+)$/m.exec(buffered);
    if (!match) return;
    buffered = '';
    if (open) {
      const [command, commandArgs] = open(match[1]!);
      process.stdout.write('Opening it in your browser.\n');
      spawn(command, commandArgs, { stdio: 'ignore', detached: true }).on('error', () => process.stdout.write('Could not open a browser: open the address above yourself.\n')).unref();
    } else {
      process.stdout.write('No browser to open here: open the address above in a browser.\n');
    }
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

function startDesktop(binary: string, args: string[]): void {
  const started = Date.now();
  const child = spawn(binary, [root, ...args], { cwd: root, stdio: 'inherit' });
  forwardSignals(child);
  child.on('exit', (code) => {
    if (code !== 0 && code !== null && Date.now() - started < EARLY_EXIT_MS) return startWebConsole(args, `the desktop app stopped at start (exit code ${code})`);
    process.exit(code ?? 0);
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const plan = await planLaunch({
    env: process.env,
    platform: process.platform,
    uid: process.getuid?.(),
    now: () => Date.now(),
    findElectron,
    fetchElectron: (timeoutMs) => {
      process.stdout.write(`Electron's binary is not installed: trying to fetch it (giving up after ${timeoutMs / 1000} s)…\n`);
      return runWithTimeout(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], timeoutMs, { cwd: root });
    },
    lastFetchFailure: () => {
      const at = existsSync(failureFile) ? Number(readFileSync(failureFile, 'utf8').trim()) : NaN;
      return Number.isFinite(at) ? at : null;
    },
    recordFetchFailure: (at) => {
      mkdirSync(dirname(failureFile), { recursive: true });
      writeFileSync(failureFile, `${at}\n`);
    },
  });
  if (plan.kind === 'web') return startWebConsole(args, plan.why);
  if (plan.fetched) process.stdout.write('Fetched Electron.\n');
  startDesktop(plan.binary, args);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${(error as Error).message}\n`);
  process.exit(1);
});
