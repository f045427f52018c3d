// What the agent reports about its computer: host name, OS, agent version and boot id.
import { existsSync, readFileSync } from 'node:fs';
import { arch, hostname, platform, release, uptime } from 'node:os';
import type { Inventory } from '../shared/protocol/agent.js';

export const AGENT_VERSION = '0.1.0';

function osRelease(): Record<string, string> {
  const file = '/etc/os-release';
  if (!existsSync(file)) return {};
  const fields: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) fields[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return fields;
}

/** Changes on every boot: lets the console tell a reboot from a reconnect. */
export function bootId(): string {
  if (process.env.STEWARD_BOOT_ID) return process.env.STEWARD_BOOT_ID;
  const file = '/proc/sys/kernel/random/boot_id';
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  return `boot-${Math.round(Date.now() / 1000 - uptime())}`;
}

export function collectInventory(): Inventory {
  const p = platform();
  const mapped = p === 'linux' ? 'linux' : p === 'win32' ? 'windows' : p === 'darwin' ? 'darwin' : 'other';
  const rel = mapped === 'linux' ? osRelease() : {};
  return {
    hostName: hostname(),
    os: {
      platform: mapped,
      name: rel.PRETTY_NAME ?? rel.NAME ?? (mapped === 'windows' ? 'Windows' : mapped === 'darwin' ? 'macOS' : p),
      version: rel.VERSION_ID ?? release(),
      arch: arch(),
    },
    agentVersion: AGENT_VERSION,
    bootId: bootId(),
  };
}
