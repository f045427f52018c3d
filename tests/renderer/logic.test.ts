// Pure renderer logic: formatting, filtering and sorting computers, merging log lines, placing API
// errors on inputs, and converting forms to API input.
import { describe, expect, it } from 'vitest';
import { consoleApi } from '../../shared/api/contract.js';
import { filterComputers, osLabel, pageOf, sortComputers } from '../../renderer/src/logic/computer-filter.js';
import { deploymentFields, draftFromDeployment, emptyDeploymentDraft } from '../../renderer/src/logic/deployment-draft.js';
import { targetLabel } from '../../renderer/src/logic/deployment-text.js';
import { errorFor, formError } from '../../renderer/src/logic/field-errors.js';
import { elapsedMs, formatDuration, formatRelative, formatUntil, sentence } from '../../renderer/src/logic/format.js';
import { lastPageOf, nextSort, sortRows } from '../../renderer/src/logic/list-table.js';
import { mergeLines } from '../../renderer/src/logic/log-lines.js';
import { draftOf, patchOf } from '../../renderer/src/logic/settings-draft.js';
import { createInput, draftFromSoftware, emptySoftwareDraft, updateInput } from '../../renderer/src/logic/software-draft.js';
import { sessionLook } from '../../renderer/src/logic/status.js';
import { DEFAULT_SETTINGS } from '../../shared/model/settings.js';
import { computer, software, tenant } from './support/fixtures.js';

describe('formatting', () => {
  it('formats durations people read at a glance', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(3_400)).toBe('3.4 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(7_800_000)).toBe('2 h 10 min');
    expect(formatDuration(null)).toBe('—');
  });

  it('measures a running session up to now and a finished one to its end', () => {
    expect(elapsedMs('2026-01-01T00:00:00Z', null, Date.parse('2026-01-01T00:00:05Z'))).toBe(5000);
    expect(elapsedMs('2026-01-01T00:00:00Z', '2026-01-01T00:00:02Z', Date.parse('2026-01-01T01:00:00Z'))).toBe(2000);
    expect(elapsedMs(null, null, 0)).toBeNull();
  });

  it('says how long ago and how long until', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    expect(formatRelative('2026-01-10T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-01-10T11:30:00Z', now)).toBe('30 min ago');
    expect(formatRelative('2026-01-09T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelative(null, now)).toBe('never');
    expect(formatUntil('2026-01-11T12:00:00Z', now)).toBe('in 24 h');
    expect(formatUntil('2026-01-01T00:00:00Z', now)).toBe('expired');
  });

  it('turns the core\'s message fragments into sentences', () => {
    expect(sentence('the web console does not start at sign-in')).toBe('The web console does not start at sign-in.');
    expect(sentence('Done!')).toBe('Done!');
    expect(sentence(null)).toBe('');
  });

  it('gives every session status a label and a colour', () => {
    expect(sessionLook('failed')).toMatchObject({ label: 'Failed', color: 'error' });
    expect(sessionLook('completed').color).toBe('success');
    expect(sessionLook('waiting-for-agent').label).toBe('Waiting for agent');
  });
});

describe('computers list', () => {
  const acme = tenant('Acme');
  const beta = tenant('Beta');
  const names = (list: { name: string }[]) => list.map((c) => c.name);
  const tenantName = (id: string) => (id === acme.id ? 'Acme' : 'Beta');
  const list = [
    computer('pc-10', acme.id, { online: false }),
    computer('pc-2', acme.id),
    computer('reception', beta.id, { os: { platform: 'windows', name: 'Windows 11 Pro', version: '23H2', arch: 'x64' }, software: [{ softwareId: 's', name: '7-Zip', version: '23.01', detectedAt: '2026-01-01T00:00:00Z' }] }),
  ];

  it('searches name, OS, tenant and installed software, every word', () => {
    const f = (search: string) => names(filterComputers(list, { search, tenantId: null, status: 'all' }, tenantName));
    expect(f('7-zip')).toEqual(['reception']);
    expect(f('windows beta')).toEqual(['reception']);
    expect(f('acme')).toEqual(['pc-10', 'pc-2']);
    expect(f('')).toHaveLength(3);
  });

  it('filters by tenant and by online status', () => {
    expect(names(filterComputers(list, { search: '', tenantId: acme.id, status: 'online' }, tenantName))).toEqual(['pc-2']);
    expect(names(filterComputers(list, { search: '', tenantId: null, status: 'offline' }, tenantName))).toEqual(['pc-10']);
  });

  it('sorts names naturally and by any column, then pages', () => {
    expect(names(sortComputers(list, [{ key: 'name', order: 'asc' }], tenantName))).toEqual(['pc-2', 'pc-10', 'reception']);
    expect(names(sortComputers(list, [{ key: 'status', order: 'asc' }], tenantName))[2]).toBe('pc-10');
    expect(names(sortComputers(list, [{ key: 'tenant', order: 'desc' }], tenantName))[0]).toBe('reception');
    expect(pageOf([1, 2, 3, 4, 5], 2, 2)).toEqual([3, 4]);
  });

  it('breaks ties by name, then by id, whatever the order of the list', () => {
    const twins = [computer('pc-1', acme.id, { id: 'b', online: false }), computer('pc-1', acme.id, { id: 'a', online: false }), computer('pc-0', beta.id, { online: false })];
    expect(sortComputers(twins, [{ key: 'status', order: 'asc' }], tenantName).map((c) => c.id)).toEqual([twins[2]!.id, 'a', 'b']);
    expect(sortComputers(twins, [{ key: 'name', order: 'desc' }], tenantName).map((c) => c.id)).toEqual(['a', 'b', twins[2]!.id]);
  });

  it('labels the operating system without repeating its version', () => {
    expect(osLabel(list[0]!)).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(osLabel(list[2]!)).toBe('Windows 11 Pro 23H2');
  });

  it('finds a computer among 10,000 by part of its name', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => computer(`pc-${i}`, i % 2 ? acme.id : beta.id));
    const found = filterComputers(many, { search: 'pc-99', tenantId: null, status: 'all' }, tenantName);
    expect(found.length).toBe(111);
    expect(names(sortComputers(found, [{ key: 'name' }], tenantName))[0]).toBe('pc-99');
  });
});

describe('short lists sorted in memory', () => {
  const rows = [{ name: 'Client 10', total: 3 }, { name: 'client 2', total: 12 }, { name: 'Alpha', total: 3 }];

  it('sorts text naturally without case, numbers by value, and keeps equal rows in list order', () => {
    expect(sortRows(rows, (r) => r.name, false).map((r) => r.name)).toEqual(['Alpha', 'client 2', 'Client 10']);
    expect(sortRows(rows, (r) => r.name, true).map((r) => r.name)).toEqual(['Client 10', 'client 2', 'Alpha']);
    expect(sortRows(rows, (r) => r.total, false).map((r) => r.name)).toEqual(['Client 10', 'Alpha', 'client 2']);
    expect(rows[0]!.name).toBe('Client 10');
  });

  it('sorts a new column ascending and flips the current one', () => {
    expect(nextSort({ key: 'name', descending: false }, 'name')).toEqual({ key: 'name', descending: true });
    expect(nextSort({ key: 'name', descending: true }, 'name')).toEqual({ key: 'name', descending: false });
    expect(nextSort({ key: 'name', descending: true }, 'createdAt')).toEqual({ key: 'createdAt', descending: false });
    expect(lastPageOf(0, 25)).toBe(1);
    expect(lastPageOf(51, 25)).toBe(3);
  });
});

describe('log lines', () => {
  const line = (seq: number) => ({ seq, at: '2026-01-01T00:00:00Z', level: 'stdout' as const, actionId: null, text: String(seq) });

  it('appends new lines once, in order', () => {
    const r = mergeLines([line(1), line(2)], [line(2), line(4), line(3)]);
    expect(r.lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(r.gapAfter).toBeNull();
  });

  it('reports a gap instead of showing a log with a hole', () => {
    const r = mergeLines([line(1)], [line(5)]);
    expect(r.gapAfter).toBe(1);
    expect(r.lines).toHaveLength(1);
  });

  it('keeps at most the cap, dropping the oldest', () => {
    const r = mergeLines([line(1), line(2)], [line(3), line(4)], 3);
    expect(r.lines.map((l) => l.seq)).toEqual([2, 3, 4]);
    expect(r.trimmed).toBe(1);
  });
});

describe('API errors on inputs', () => {
  const error = { code: 'invalid-input', message: 'versions.0.version: must be a version such as 1.2.3', field: 'versions.0.version' };

  it('puts the message under the input the field names, without repeating the path', () => {
    expect(errorFor(error, 'versions.0.version')).toEqual(['Must be a version such as 1.2.3']);
    expect(errorFor(error, 'versions.1.version')).toEqual([]);
    expect(errorFor({ ...error, field: 'detectScript.body', message: 'detectScript.body: too long' }, 'detectScript')).toEqual(['Too long']);
  });

  it('leaves errors no input claims for the form alert', () => {
    expect(formError(error, ['versions.0.version'])).toBeNull();
    expect(formError({ code: 'unavailable', message: 'offline' }, ['name'])).toBe('offline');
  });
});

describe('forms to API input', () => {
  it('turns the software editor into input the API accepts, empty optional scripts as null', () => {
    const draft = emptySoftwareDraft();
    draft.name = 'Notepad';
    draft.detectScript.body = 'cat /opt/notepad';
    draft.versions[0]!.version = ' 1.2.0 ';
    draft.versions[0]!.installScript.body = 'echo install';
    draft.versions[0]!.options = [{ name: 'SILENT', value: '1' }, { name: ' ', value: 'ignored' }];
    const input = createInput(draft);
    expect(consoleApi['software.create'].input.safeParse(input).success).toBe(true);
    expect(input.versions![0]).toMatchObject({ version: '1.2.0', uninstallScript: null, releaseDate: null, options: { SILENT: '1' } });
  });

  it('round-trips stored software through the editor', () => {
    const s = software('7-Zip', ['23.01', '24.08']);
    const input = updateInput({ ...draftFromSoftware(s), id: s.id });
    expect(consoleApi['software.update'].input.safeParse(input).success).toBe(true);
    expect(input.versions!.map((v) => v.version)).toEqual(['23.01', '24.08']);
  });

  it('builds deployment input with the version only where it matters', () => {
    const draft = { ...emptyDeploymentDraft(), name: 'Zip', softwareId: 's1', targetKind: 'tenant' as const, targetId: 't1' };
    expect(deploymentFields(draft)).toEqual({ name: 'Zip', desiredState: 'installed', version: 'latest', targets: [{ kind: 'tenant', id: 't1' }], enabled: true });
    expect(deploymentFields({ ...draft, desiredState: 'uninstalled' })).not.toHaveProperty('version');
    const stored = { id: 'd', name: 'Zip', softwareId: 's1', taskId: null, version: '1.0', desiredState: 'installed' as const, mode: null, parameters: {}, targets: [{ kind: 'all' as const }], enabled: false, createdAt: '', updatedAt: '' };
    expect(draftFromDeployment(stored)).toMatchObject({ version: '1.0', targetKind: 'all', targetId: null, enabled: false });
  });

  it('describes targets by name', () => {
    const acme = tenant('Acme');
    const lookups = { tenant: () => acme, computer: () => undefined, software: () => undefined };
    expect(targetLabel({ kind: 'tenant', id: acme.id }, lookups)).toBe('Tenant Acme');
    expect(targetLabel({ kind: 'computer', id: 'x' }, lookups)).toBe('Computer (removed)');
    expect(targetLabel({ kind: 'all' }, lookups)).toBe('All computers');
  });

  it('sends only the settings sections that changed', () => {
    const saved = { ...DEFAULT_SETTINGS, updatedAt: '2026-01-01T00:00:00Z' };
    const draft = draftOf(saved);
    expect(patchOf(saved, draft)).toEqual({});
    draft.notifications.desktopOnFailure = false;
    expect(patchOf(saved, draft)).toEqual({ notifications: { desktopOnFailure: false } });
  });
});
