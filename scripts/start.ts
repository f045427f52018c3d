// `npm start`: the desktop app where Electron's binary is installed; otherwise the web console,
// saying why. Arguments after `--` go to whichever starts.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Electron binary's path, or the reason there is none. */
function electronBinary(): { path: string } | { reason: string } {
  try {
    const require = createRequire(import.meta.url);
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return { reason: "Electron's binary is not installed (its download was skipped or is unreachable)" };
    const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? { path: binary } : { reason: `Electron's binary is missing at ${binary}` };
  } catch {
    return { reason: 'the electron package is not installed' };
  }
}

function run(command: string, args: string[]): void {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

const args = process.argv.slice(2);
const electron = electronBinary();
if ('path' in electron && !process.env.STEWARD_WEB) {
  run(electron.path, [root, ...args]);
} else {
  const why = 'reason' in electron ? electron.reason : 'STEWARD_WEB is set';
  process.stdout.write(`Starting the web console instead of the desktop app: ${why}.\n`);
  run(process.execPath, [join(root, 'dist', 'electron', 'web-console.js'), ...args]);
}
