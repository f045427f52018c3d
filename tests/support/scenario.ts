// Common steps of integration scenarios: a tenant with an enrolled agent, software that installs into a sandbox folder.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiOutput } from '../../shared/api/contract.js';
import { startAgent, tempDir, waitFor, type TestAgent, type TestConsole } from './processes.js';

export interface EnrolledAgent {
  agent: TestAgent;
  computerId: string;
  tenantId: string;
}

export async function enrollAgent(c: TestConsole, options: { name: string; tenantId?: string; env?: Record<string, string> }): Promise<EnrolledAgent> {
  const tenantId = options.tenantId ?? (await c.api.call('tenants.create', { name: `Tenant of ${options.name}` })).id;
  const { token } = await c.api.call('enrollment.createToken', { tenantId });
  const agent = startAgent({ token, name: options.name, ...(options.env ? { env: options.env } : {}) });
  const computer = await waitFor(async () => (await c.api.call('computers.list', { tenantId })).items.find((x) => x.name === options.name && x.online), `${options.name} to come online`);
  return { agent, computerId: computer.id, tenantId };
}

/** A folder where test software "installs" itself: <sandbox>/<name> holds the installed version. */
export function sandbox(): string {
  return tempDir('sandbox');
}

export function installedVersion(dir: string, name: string): string | null {
  const file = join(dir, name);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/** Counts how many times an install script ran (each run appends a line). */
export function runCount(dir: string, name: string): number {
  const file = join(dir, `${name}.runs`);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

export function sandboxSoftware(dir: string, name: string, versions: { version: string; install?: string }[]) {
  const file = join(dir, name);
  return {
    name,
    detectScript: { shell: 'sh' as const, body: `cat "${file}" 2>/dev/null || true` },
    versions: versions.map((v) => ({
      version: v.version,
      installScript: {
        shell: 'sh' as const,
        body: v.install ?? `echo run >> "${file}.runs"\necho "installing $STEWARD_SOFTWARE $STEWARD_VERSION"\nprintf '%s\\n' "$STEWARD_VERSION" > "${file}"`,
      },
      uninstallScript: { shell: 'sh' as const, body: `rm -f "${file}"` },
    })),
  };
}

export async function waitForSession(c: TestConsole, id: string, statuses: string[] = ['completed', 'failed', 'cancelled', 'skipped', 'incomplete'], timeoutMs = 30_000): Promise<ApiOutput<'sessions.get'>> {
  return waitFor(async () => {
    const s = await c.api.call('sessions.get', { id });
    return statuses.includes(s.status) ? s : undefined;
  }, `session ${id} to reach ${statuses.join('/')}`, timeoutMs);
}

export async function logText(c: TestConsole, id: string): Promise<string> {
  return (await c.api.call('sessions.logs', { id })).lines.map((l) => `${l.level}: ${l.text}`).join('\n');
}
