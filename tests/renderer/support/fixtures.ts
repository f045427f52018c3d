// Entities as the core sends them, for renderer tests.
import type { Change } from '../../../shared/api/system.js';
import type { Computer } from '../../../shared/model/computer.js';
import type { SessionSummary } from '../../../shared/model/session.js';
import type { Software } from '../../../shared/model/software.js';
import type { Tenant } from '../../../shared/model/tenant.js';

const T0 = '2026-01-05T10:00:00.000Z';
let n = 0;
const id = (prefix: string) => `${prefix}-${String(++n).padStart(4, '0')}`;

export function tenant(name: string, over: Partial<Tenant> = {}): Tenant {
  return { id: id('t'), name, windowId: null, createdAt: T0, updatedAt: T0, ...over };
}

export function computer(name: string, tenantId: string, over: Partial<Computer> = {}): Computer {
  return {
    id: id('c'),
    tenantId,
    name,
    hostName: name.toLowerCase(),
    os: { platform: 'linux', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', arch: 'x64' },
    agentVersion: '0.1.0',
    online: true,
    lastSeenAt: T0,
    enrolledAt: T0,
    software: [],
    ...over,
  };
}

export function software(name: string, versions: string[] = ['1.0.0']): Software {
  return {
    id: id('s'),
    name,
    vendor: '',
    platforms: [],
    detectScript: { shell: 'sh', body: 'cat /opt/x 2>/dev/null || true' },
    versions: versions.map((version) => ({ version, releaseDate: null, installScript: { shell: 'sh', body: 'true' }, uninstallScript: null, upgradeScript: null, upgradeStrategy: 'install-over', options: {} })),
    createdAt: T0,
    updatedAt: T0,
  };
}

export function session(computerId: string, tenantId: string, over: Partial<SessionSummary> = {}): SessionSummary {
  return { id: id('x'), computerId, tenantId, status: 'queued', trigger: 'manual', priority: 'normal', reason: null, createdAt: T0, startedAt: null, endedAt: null, ...over };
}

export function change(seq: number, kind: Change['kind'], data: { id: string } | null, deletedId?: string): Change {
  return data ? { seq, kind, id: data.id, deleted: false, data } : { seq, kind, id: deletedId!, deleted: true, data: null };
}
