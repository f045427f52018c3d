// API handlers: team sharing through a relay.
import type { teamApi } from '../../../../shared/api/team.js';
import type { TeamService } from '../../sync/team-service.js';
import type { Handlers } from '../handlers.js';

export function teamHandlers(s: { team: TeamService }): Handlers<keyof typeof teamApi> {
  return {
    'team.join': (input) => s.team.join(input),
    'team.leave': () => s.team.leave(),
    'team.status': () => s.team.status(),
    'team.createInvitation': (input) => s.team.createInvitation(input),
    'team.members': async () => ({ members: await s.team.members() }),
    'team.setRole': ({ memberId, role }) => s.team.setRole(memberId, role),
    'team.revoke': ({ memberId }) => s.team.revoke(memberId),
    'team.history': ({ kind, id, limit }) => s.team.history(kind, id, limit),
    'team.activity': ({ limit }) => ({ items: s.team.activity(limit) }),
    'team.authors': ({ kind }) => ({ items: s.team.authors(kind) }),
    'team.computers': () => ({ items: s.team.computers() }),
    'team.releaseComputer': async ({ computerId }) => ({ released: await s.team.releaseComputer(computerId) }),
  };
}
