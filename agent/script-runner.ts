// Runs one script with sh or PowerShell: inputs only through the environment, never spliced into a
// command line; a timeout that kills the whole process tree; output streamed as it comes.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Script } from '../shared/model/common.js';
import { MAX_OUTPUT_CHUNK, type RunScriptResult, type ScriptEnv } from '../shared/protocol/agent.js';

const TAIL_BYTES = 64 * 1024;
const KILL_GRACE_MS = 5000;

export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

function interpreter(shell: Script['shell'], file: string): { command: string; args: string[] } {
  if (shell === 'sh') return { command: 'sh', args: [file] };
  const command = process.platform === 'win32' ? 'powershell.exe' : 'pwsh';
  return { command, args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', file] };
}

function tail(text: string): string {
  return text.length > TAIL_BYTES ? text.slice(text.length - TAIL_BYTES) : text;
}

export class ScriptRunner {
  private readonly children = new Set<ReturnType<typeof spawn>>();

  constructor(private readonly workDir: string) {
    mkdirSync(workDir, { recursive: true, mode: 0o700 });
  }

  run(script: Script, env: ScriptEnv, timeoutSeconds: number, onOutput?: OutputSink): Promise<RunScriptResult> {
    const file = join(this.workDir, `${randomUUID()}.${script.shell === 'sh' ? 'sh' : 'ps1'}`);
    writeFileSync(file, script.body, { mode: 0o700 });
    const started = performance.now();
    const { command, args } = interpreter(script.shell, file);
    return new Promise((resolve) => {
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      let settled = false;
      const child = spawn(command, args, {
        cwd: this.workDir,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      this.children.add(child);
      const killTree = (signal: NodeJS.Signals) => {
        try {
          if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, signal);
          else child.kill(signal);
        } catch {
          // already gone
        }
      };
      let killTimer: NodeJS.Timeout | null = null;
      const timer = setTimeout(() => {
        timedOut = true;
        killTree('SIGTERM');
        killTimer = setTimeout(() => killTree('SIGKILL'), KILL_GRACE_MS);
      }, timeoutSeconds * 1000);
      const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        if (stream === 'stdout') stdout = tail(stdout + text);
        else stderr = tail(stderr + text);
        for (let i = 0; i < text.length; i += MAX_OUTPUT_CHUNK) onOutput?.(stream, text.slice(i, i + MAX_OUTPUT_CHUNK));
      };
      child.stdout.on('data', collect('stdout'));
      child.stderr.on('data', collect('stderr'));
      const finish = (exitCode: number | null, error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        this.children.delete(child);
        rmSync(file, { force: true });
        if (error) stderr = tail(`${stderr}${stderr && !stderr.endsWith('\n') ? '\n' : ''}could not start ${command}: ${error.message}\n`);
        resolve({ exitCode, timedOut, durationMs: performance.now() - started, stdout, stderr });
      };
      child.on('error', (error) => finish(null, error));
      child.on('close', (code) => finish(code));
    });
  }

  /** Kills every script still running (the agent is stopping). */
  dispose(): void {
    for (const child of this.children) {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

/** What a detection script printed: its last non-empty line is the version; nothing means absent. */
export function detectedVersion(stdout: string): string | null {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.length === 0 ? null : lines[lines.length - 1]!;
}
