// Relays and teams of consoles for integration tests: real relay processes (SQLite or PostgreSQL)
// and real consoles joined to them through the Console API.
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { ApiOutput } from '../../shared/api/contract.js';
import type { Role } from '../../shared/sync/roles.js';
import { freePort } from './ports.js';
import { spawnNode, startConsole, stopProcess, tempDir, waitFor, type TestConsole } from './processes.js';

export interface TestRelay {
  url: string;
  port: number;
  dataDir: string;
  ownerInvite: string;
  process: ChildProcess;
  output: () => string;
}

export interface RelayOptions {
  dataDir?: string;
  port?: number;
  databaseUrl?: string;
  args?: string[];
}

export async function startRelay(options: RelayOptions = {}): Promise<TestRelay> {
  const dataDir = options.dataDir ?? tempDir('relay');
  const port = options.port ?? (await freePort());
  const args = ['--port', String(port), '--data-dir', dataDir, ...(options.databaseUrl ? ['--database-url', options.databaseUrl] : []), ...(options.args ?? [])];
  const spawned = spawnNode('dist/relay/main.js', args);
  await waitFor(() => spawned.output().includes('Steward relay ready') || spawned.process.exitCode !== null, 'the relay to start');
  if (spawned.process.exitCode !== null) throw new Error(`relay exited: ${spawned.output()}`);
  const url = /ready at (\S+)/.exec(spawned.output())![1]!;
  let ownerInvite = '';
  try {
    ownerInvite = readFileSync(joinPath(dataDir, 'owner-invite'), 'utf8').trim();
  } catch {
    // A second instance on a shared database does not write one.
  }
  return { url, port, dataDir, ownerInvite, process: spawned.process, output: spawned.output };
}

/** Restarts a relay on the same port and data (after it was stopped or killed). */
export async function restartRelay(relay: TestRelay, options: RelayOptions = {}): Promise<TestRelay> {
  await stopProcess(relay.process, 'SIGKILL');
  return startRelay({ ...options, dataDir: relay.dataDir, port: relay.port });
}

export type TeamStatus = ApiOutput<'team.status'>;

export async function joinTeam(c: TestConsole, relay: { url: string }, invitation: string, memberName: string): Promise<TeamStatus> {
  return c.api.call('team.join', { relayUrl: relay.url, invitation, memberName });
}

export async function invite(owner: TestConsole, role: Role): Promise<string> {
  return (await owner.api.call('team.createInvitation', { role })).invitation;
}

export interface TestTeam {
  relay: TestRelay;
  consoles: TestConsole[];
}

/** A relay and consoles joined to it: the first is the owner, the others get `roles` (technician by default). */
export async function startTeam(count: number, options: { roles?: Role[]; relay?: RelayOptions; tuning?: Record<string, number> } = {}): Promise<TestTeam> {
  const relay = await startRelay(options.relay);
  const consoles = await Promise.all(Array.from({ length: count }, () => startConsole(options.tuning ? { tuning: options.tuning } : {})));
  await joinTeam(consoles[0]!, relay, relay.ownerInvite, 'Owner');
  for (let i = 1; i < count; i++) {
    const role = options.roles?.[i - 1] ?? 'technician';
    await joinTeam(consoles[i]!, relay, await invite(consoles[0]!, role), `Member ${i}`);
  }
  return { relay, consoles };
}

export async function waitForOnline(c: TestConsole, timeoutMs = 30_000): Promise<TeamStatus> {
  return waitFor(async () => {
    const status = await c.api.call('team.status', {});
    return status.state === 'online' ? status : undefined;
  }, 'the console to be online and in sync', timeoutMs);
}
