// Plain-language descriptions of deployments: what they want and whom they target.
import type { Computer } from '../../../shared/model/computer.js';
import type { Deployment, DesiredState, Target } from '../../../shared/model/deployment.js';
import type { Software } from '../../../shared/model/software.js';
import type { Tenant } from '../../../shared/model/tenant.js';

export interface Lookups {
  tenant(id: string): Tenant | undefined;
  computer(id: string): Computer | undefined;
  software(id: string): Software | undefined;
}

export const DESIRED_STATES: { value: DesiredState; title: string; hint: string }[] = [
  { value: 'installed', title: 'Installed', hint: 'Install when missing, upgrade when older' },
  { value: 'update-if-found', title: 'Update if found', hint: 'Upgrade where present, never install' },
  { value: 'uninstalled', title: 'Uninstalled', hint: 'Remove where present' },
  { value: 'ignore', title: 'Ignore', hint: 'Leave it alone (overrides broader deployments)' },
];

export function desiredStateLabel(state: DesiredState | null): string {
  return DESIRED_STATES.find((d) => d.value === state)?.title ?? '—';
}

export function desiredStateColor(state: DesiredState | null): string {
  switch (state) {
    case 'installed':
      return 'primary';
    case 'update-if-found':
      return 'info';
    case 'uninstalled':
      return 'warning';
    default:
      return 'secondary';
  }
}

export function versionLabel(version: string | null): string {
  if (version === null) return '—';
  return version === 'latest' ? 'Latest' : version;
}

export function targetLabel(target: Target, lookups: Lookups): string {
  switch (target.kind) {
    case 'all':
      return 'All computers';
    case 'tenant':
      return `Tenant ${lookups.tenant(target.id!)?.name ?? '(deleted)'}`;
    case 'computer':
      return `Computer ${lookups.computer(target.id!)?.name ?? '(removed)'}`;
    case 'group':
      return 'Computer group';
  }
}

export function deploymentItemName(d: Deployment, lookups: Lookups): string {
  if (d.softwareId) return lookups.software(d.softwareId)?.name ?? '(deleted software)';
  return 'Task';
}

/** "Installed · Latest" or "Uninstalled". */
export function desiredSummary(d: Deployment): string {
  const state = desiredStateLabel(d.desiredState);
  return d.desiredState === 'installed' || d.desiredState === 'update-if-found' ? `${state} · ${versionLabel(d.version)}` : state;
}
