// Team sharing in the UI: this console's membership and sync status (kept current by `team`
// events), members, invitations, and who changed what. All I/O goes through the console store.
import { defineStore } from 'pinia';
import { reactive, toRefs } from 'vue';
import type { ActivityEntry, TeamStatus } from '../../../shared/api/team.js';
import type { Member } from '../../../shared/sync/relay-api.js';
import type { Role } from '../../../shared/sync/roles.js';
import { useConsoleStore } from './console.js';

export interface Authorship {
  createdBy: string | null;
  changedBy: string | null;
  changedAt: string;
}

export interface TeamState {
  status: TeamStatus | null;
  members: Member[];
  activity: ActivityEntry[];
  /** Who created and last changed each entity, per kind, for the kinds a screen asked for. */
  authors: Record<string, Record<string, Authorship>>;
}

export const useTeamStore = defineStore('team', () => {
  const core = useConsoleStore();
  const state = reactive<TeamState>({ status: null, members: [], activity: [], authors: {} });
  let listening: (() => void) | null = null;
  const authorWatchers = new Map<string, number>();
  let authorTimer: ReturnType<typeof setTimeout> | null = null;
  let authorEvents: (() => void) | null = null;

  function apply(status: TeamStatus): void {
    state.status = status;
    state.members = status.members;
  }

  /** Reads the status once and follows it through events from then on. */
  async function follow(): Promise<void> {
    listening ??= core.onConsoleEvent((event) => {
      if (event.type === 'team') apply(event.status);
    });
    await refresh();
  }

  async function refresh(): Promise<void> {
    apply(await core.call('team.status', {}));
  }

  async function join(relayUrl: string, invitation: string, memberName: string): Promise<TeamStatus> {
    const status = await core.call('team.join', { relayUrl: relayUrl.trim(), invitation: invitation.trim(), ...(memberName.trim() ? { memberName: memberName.trim() } : {}) });
    apply(status);
    return status;
  }

  async function leave(): Promise<{ droppedChanges: number; relayInformed: boolean }> {
    const result = await core.call('team.leave', {});
    await refresh();
    state.activity = [];
    return result;
  }

  async function invite(role: Role, expiresInHours: number): Promise<{ invitation: string; expiresAt: string }> {
    return core.call('team.createInvitation', { role, expiresInHours });
  }

  async function loadMembers(): Promise<void> {
    state.members = (await core.call('team.members', {})).members;
  }

  async function setRole(memberId: string, role: Role): Promise<void> {
    await core.call('team.setRole', { memberId, role });
    await loadMembers();
  }

  async function revoke(memberId: string): Promise<void> {
    await core.call('team.revoke', { memberId });
    await loadMembers();
  }

  async function loadActivity(limit = 30): Promise<void> {
    state.activity = (await core.call('team.activity', { limit })).items;
  }

  function history(kind: string, id: string) {
    return core.call('team.history', { kind, id, limit: 50 });
  }

  async function loadAuthors(kind: string): Promise<void> {
    if (!state.status?.joined) return;
    const items = (await core.call('team.authors', { kind })).items;
    state.authors[kind] = Object.fromEntries(items.map(({ id, ...rest }) => [id, rest]));
  }

  /** Keeps `authors[kind]` current while a screen shows it; returns the function that stops. */
  function watchAuthors(kind: string): () => void {
    authorWatchers.set(kind, (authorWatchers.get(kind) ?? 0) + 1);
    void loadAuthors(kind).catch(() => undefined);
    authorEvents ??= core.onConsoleEvent((event) => {
      if ((event.type !== 'changes' && event.type !== 'team') || authorTimer) return;
      authorTimer = setTimeout(() => {
        authorTimer = null;
        for (const k of authorWatchers.keys()) void loadAuthors(k).catch(() => undefined);
      }, 300);
    });
    return () => {
      const left = (authorWatchers.get(kind) ?? 1) - 1;
      if (left > 0) authorWatchers.set(kind, left);
      else authorWatchers.delete(kind);
      if (authorWatchers.size === 0) {
        authorEvents?.();
        authorEvents = null;
      }
    };
  }

  function dispose(): void {
    listening?.();
    listening = null;
  }

  return { ...toRefs(state), follow, refresh, join, leave, invite, loadMembers, setRole, revoke, loadActivity, history, watchAuthors, dispose };
});
