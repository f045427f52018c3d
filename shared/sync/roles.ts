// Team roles and what each may do. The relay enforces them; consoles only use them to explain.
import { z } from 'zod';

export const Role = z.enum(['owner', 'technician', 'viewer']);
export type Role = z.infer<typeof Role>;

export type TeamAction = 'read' | 'write' | 'run' | 'manage-members';

const ALLOWED: Record<Role, ReadonlySet<TeamAction>> = {
  owner: new Set(['read', 'write', 'run', 'manage-members']),
  technician: new Set(['read', 'write', 'run']),
  viewer: new Set(['read']),
};

export function may(role: Role, action: TeamAction): boolean {
  return ALLOWED[role].has(action);
}

export function refusalFor(role: Role, action: TeamAction): string {
  const what = { read: 'read the team', write: 'change shared configuration', run: 'run maintenance', 'manage-members': 'manage members and invitations' }[action];
  return `a ${role} may not ${what}`;
}
