// Runs one script with sh or PowerShell: inputs only through the environment, never spliced into a
// command line; a timeout that kills the whole process tree; output streamed as it comes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Script } from '../shared/model/common.js';
import type { RunScriptResult, ScriptEnv } from '../shared/protocol/agent.js';
import { ProcessRunner, type OutputSink } from './process-runner.js';

export type { OutputSink } from './process-runner.js';

function interpreter(shell: Script['shell'], file: string): { command: string; args: string[] } {
  if (shell === 'sh') return { command: 'sh', args: [file] };
  const command = process.platform === 'win32' ? 'powershell.exe' : 'pwsh';
  return { command, args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', file] };
}

export class ScriptRunner {
  private readonly processes = new ProcessRunner();

  constructor(private readonly workDir: string) {
    mkdirSync(workDir, { recursive: true, mode: 0o700 });
  }

  async run(script: Script, env: ScriptEnv, timeoutSeconds: number, onOutput?: OutputSink): Promise<RunScriptResult> {
    const file = join(this.workDir, `${randomUUID()}.${script.shell === 'sh' ? 'sh' : 'ps1'}`);
    writeFileSync(file, script.body, { mode: 0o700 });
    const { command, args } = interpreter(script.shell, file);
    try {
      return await this.processes.run(command, args, { cwd: this.workDir, env: { ...process.env, ...env }, timeoutSeconds, ...(onOutput ? { onOutput } : {}) });
    } finally {
      rmSync(file, { force: true });
    }
  }

  /** Kills every script still running (the agent is stopping). */
  dispose(): void {
    this.processes.dispose();
  }
}

/** What a detection script printed: its last non-empty line is the version; nothing means absent. */
export function detectedVersion(stdout: string): string | null {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.length === 0 ? null : lines[lines.length - 1]!;
}
