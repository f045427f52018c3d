// Picks the OS-update provider for this computer: the Windows Update Agent on Windows, apt where
// apt-get is on PATH (Debian, Ubuntu), none elsewhere.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ProcessRunner } from '../process-runner.js';
import type { ScriptRunner } from '../script-runner.js';
import { AptProvider } from './apt-provider.js';
import type { OsUpdateProvider } from './provider.js';
import { WindowsUpdateProvider } from './windows-update-provider.js';

function onPath(program: string, path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, program)));
}

export function chooseProvider(platform: NodeJS.Platform, processes: ProcessRunner, scripts: ScriptRunner): OsUpdateProvider | null {
  if (platform === 'win32') return new WindowsUpdateProvider(scripts);
  if (platform === 'linux' && onPath('apt-get')) return new AptProvider(processes);
  return null;
}
