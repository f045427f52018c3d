// Steps for library scenarios: software whose scripts keep their state in the agent's own sandbox
// folder ($SANDBOX_DIR, from the agent's environment), so several agents on one machine differ.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiInput } from '../../shared/api/contract.js';
import type { TestConsole } from './processes.js';
import { tempDir } from './processes.js';
import { enrollAgent, type EnrolledAgent } from './scenario.js';

export interface SandboxedAgent extends EnrolledAgent {
  sandbox: string;
}

export async function enrollSandboxed(c: TestConsole, options: { name: string; tenantId?: string; env?: Record<string, string> }): Promise<SandboxedAgent> {
  const sandbox = tempDir(`sandbox-${options.name}`);
  const enrolled = await enrollAgent(c, { ...options, env: { SANDBOX_DIR: sandbox, ...options.env } });
  return { ...enrolled, sandbox };
}

export function preinstall(sandbox: string, name: string, version: string): void {
  mkdirSync(sandbox, { recursive: true });
  writeFileSync(join(sandbox, name), `${version}\n`);
}

export function installed(sandbox: string, name: string): string | null {
  const file = join(sandbox, name);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/** Lines each script appended to <sandbox>/<name>.log: what ran, in order. */
export function scriptLog(sandbox: string, name: string): string[] {
  const file = join(sandbox, `${name}.log`);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

const sh = (body: string) => ({ shell: 'sh' as const, body });

export function installScript(name: string, writes = '$STEWARD_VERSION') {
  return sh(`echo "install $STEWARD_VERSION from \${STEWARD_FROM_VERSION:-none} opts=\${INSTALL_ARGS:-}" >> "$SANDBOX_DIR/${name}.log"\nprintf '%s\\n' "${writes}" > "$SANDBOX_DIR/${name}"`);
}

export function uninstallScript(name: string) {
  return sh(`echo "uninstall $STEWARD_VERSION" >> "$SANDBOX_DIR/${name}.log"\nrm -f "$SANDBOX_DIR/${name}"`);
}

export function softwareInput(name: string, versions: string[]): ApiInput<'software.create'> {
  return {
    name,
    vendor: 'Test Vendor',
    platforms: ['linux'],
    detectScript: sh(`cat "$SANDBOX_DIR/${name}" 2>/dev/null || true`),
    versions: versions.map((version) => ({ version, installScript: installScript(name), uninstallScript: uninstallScript(name) })),
  };
}
