// Runs a command and gives up on it after a deadline, killing it: Electron's installer can hang for
// minutes on a network that drops packets instead of refusing them.
import { spawn } from 'node:child_process';

export type RunResult = { ok: true } | { ok: false; reason: string };

export function runWithTimeout(command: string, args: string[], timeoutMs: number, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return resolve({ ok: false, reason: `no answer within ${timeoutMs / 1000} s` });
      if (code === 0) return resolve({ ok: true });
      const firstLine = stderr.trim().split('\n').find((line) => line.trim() !== '') ?? '';
      resolve({ ok: false, reason: firstLine ? firstLine.trim().slice(0, 300) : `exit ${code ?? signal}` });
    });
  });
}
