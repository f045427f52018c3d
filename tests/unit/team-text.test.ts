// The words the UI uses for team sync: the app-bar indicator and "who changed what".
import { describe, expect, it } from 'vitest';
import type { ActivityEntry, TeamStatus } from '../../shared/api/team.js';
import { activitySentence, historySentence, teamLook } from '../../renderer/src/logic/team-text.js';

const status = (over: Partial<TeamStatus>): TeamStatus => ({
  state: 'online', pendingChanges: 0, relayUrl: 'http://relay', members: [], joined: true, team: { id: 't', name: 'Ops' },
  member: { id: 'm', name: 'Alice', role: 'owner' }, revoked: false, lastError: null, refusedChanges: 0, ...over,
});

describe('team indicator', () => {
  it('is absent until the console joins a team', () => {
    expect(teamLook(status({ joined: false }))).toBeNull();
  });

  it('says online, syncing or offline, with the changes waiting to be shared', () => {
    expect(teamLook(status({}))).toMatchObject({ label: 'Team online', color: 'success' });
    expect(teamLook(status({ state: 'syncing', pendingChanges: 3 }))).toMatchObject({ label: 'Syncing · 3', color: 'info' });
    const offline = teamLook(status({ state: 'offline', pendingChanges: 1 }))!;
    expect(offline).toMatchObject({ label: 'Team offline · 1', color: 'warning' });
    expect(offline.detail).toContain('1 change waiting to be shared; they are kept');
    expect(teamLook(status({ state: 'offline', revoked: true, lastError: 'this console was removed from the team' }))).toMatchObject({ label: 'Removed from team', color: 'error' });
  });
});

describe('who changed what', () => {
  const entry = (over: Partial<ActivityEntry>): ActivityEntry => ({
    kind: 'tenant', id: 'x', label: 'Acme', action: 'changed', at: '2026-01-01T00:00:00.000Z', author: { id: 'm', name: 'Bob' }, fields: ['name', 'updatedAt'], deleted: false, pending: false, ...over,
  });

  it('names the author, the action and the entity', () => {
    expect(activitySentence(entry({ action: 'created', fields: ['id', 'name'] }))).toBe('Bob created tenant Acme');
    expect(activitySentence(entry({}))).toBe('Bob changed name of tenant Acme');
    expect(activitySentence(entry({ kind: 'window', action: 'deleted', deleted: true, fields: [] }))).toBe('Bob deleted maintenance window Acme');
    expect(activitySentence(entry({ kind: 'settings', fields: ['automatedMaintenance', 'updatedAt'] }))).toBe('Bob changed automatedMaintenance of the settings');
    expect(activitySentence(entry({ author: null }))).toBe('This console (before joining) changed name of tenant Acme');
  });

  it('reads an entity\'s history oldest entry as its creation', () => {
    const items = [entry({ fields: ['days'] }), entry({ fields: ['id', 'name', 'days'], author: { id: 'a', name: 'Alice' } })];
    expect(items.map((e, i) => historySentence(e, i, items.length))).toEqual(['Bob changed days', 'Created by Alice']);
  });
});
