// Runs one program with an argv (never a shell string): a timeout that kills the whole process
// tree, output streamed as it comes and kept as a tail. Owns its children until they end.
import { spawn, type ChildProcess } from 'node:child_process';
import { MAX_OUTPUT_CHUNK } from '../shared/protocol/agent.js';

const TAIL_BYTES = 64 * 1024;
const KILL_GRACE_MS = 5000;

export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

export interface ProcessResult {
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutSeconds: number;
  onOutput?: OutputSink;
}

function tail(text: string): string {
  return text.length > TAIL_BYTES ? text.slice(text.length - TAIL_BYTES) : text;
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}

export class ProcessRunner {
  private readonly children = new Set<ChildProcess>();

  run(command: string, args: readonly string[], options: ProcessOptions): Promise<ProcessResult> {
    const started = performance.now();
    return new Promise((resolve) => {
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      let settled = false;
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      this.children.add(child);
      let killTimer: NodeJS.Timeout | null = null;
      const timer = setTimeout(() => {
        timedOut = true;
        killTree(child, 'SIGTERM');
        killTimer = setTimeout(() => killTree(child, 'SIGKILL'), KILL_GRACE_MS);
      }, options.timeoutSeconds * 1000);
      const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        if (stream === 'stdout') stdout = tail(stdout + text);
        else stderr = tail(stderr + text);
        for (let i = 0; i < text.length; i += MAX_OUTPUT_CHUNK) options.onOutput?.(stream, text.slice(i, i + MAX_OUTPUT_CHUNK));
      };
      child.stdout?.on('data', collect('stdout'));
      child.stderr?.on('data', collect('stderr'));
      const finish = (exitCode: number | null, error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        this.children.delete(child);
        if (error) stderr = tail(`${stderr}${stderr && !stderr.endsWith('\n') ? '\n' : ''}could not start ${command}: ${error.message}\n`);
        resolve({ exitCode, timedOut, durationMs: performance.now() - started, stdout, stderr });
      };
      child.on('error', (error) => finish(null, error));
      child.on('close', (code) => finish(code));
    });
  }

  /** Kills every process still running (the agent is stopping). */
  dispose(): void {
    for (const child of this.children) killTree(child, 'SIGKILL');
  }
}
