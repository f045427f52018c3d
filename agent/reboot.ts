// Restarts the computer after a reboot command has been answered. STEWARD_REBOOT_MODE=exit makes
// the agent exit instead (its service wrapper starts it again): how tests and containers stand in
// for a real restart without restarting the machine that runs them.
import { spawn } from 'node:child_process';

export type RebootMode = 'system' | 'exit';

/** Long enough for the answer to reach the console before the connection goes. */
const ANSWER_GRACE_MS = 1000;

export function rebootModeFromEnv(value: string | undefined): RebootMode {
  return value === 'exit' ? 'exit' : 'system';
}

function systemRestart(log: (message: string) => void): void {
  const [command, args]: [string, string[]] = process.platform === 'win32' ? ['shutdown.exe', ['/r', '/t', '5', '/c', 'Steward maintenance restart']] : ['systemctl', ['reboot']];
  const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
  child.on('error', (error) => {
    log(`${command} failed (${error.message}); trying shutdown -r now`);
    if (process.platform !== 'win32') spawn('shutdown', ['-r', 'now'], { stdio: 'ignore', detached: true }).on('error', (e) => log(`shutdown failed: ${e.message}`));
  });
  child.unref();
}

export class Rebooter {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly mode: RebootMode,
    /** Stops the agent and ends the process (exit mode). */
    private readonly exit: () => void,
    private readonly log: (message: string) => void,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.mode === 'exit') {
        this.log('restart requested: exiting for the service wrapper to start the agent again (STEWARD_REBOOT_MODE=exit)');
        this.exit();
      } else {
        this.log('restart requested: restarting the computer');
        systemRestart(this.log);
      }
    }, ANSWER_GRACE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
