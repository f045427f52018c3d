// Compliance against known states: what a technician reads in the report must match the computers.
import { describe, expect, it } from 'vitest';
import { complianceReport, evaluateCompliance, detectionKey, type DetectionFact } from '../../shared/engine/compliance.js';
import { complianceCsv, summarizeCompliance } from '../../shared/engine/compliance-summary.js';
import type { Deployment } from '../../shared/model/deployment.js';
import type { Software } from '../../shared/model/software.js';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();

function software(id: string, versions: string[]): Software {
  return {
    id, name: id, vendor: '', platforms: [], detectScript: { shell: 'sh', body: '' }, createdAt: hoursAgo(1000), updatedAt: hoursAgo(1000),
    versions: versions.map((version) => ({ version, releaseDate: null, installScript: { shell: 'sh', body: '' }, uninstallScript: null, upgradeScript: null, upgradeStrategy: 'install-over', options: {} })),
  };
}

function deployment(id: string, over: Partial<Deployment>): Deployment {
  return {
    id, name: id, softwareId: null, taskId: null, version: null, desiredState: null, mode: null, parameters: {}, targets: [{ kind: 'all' }], enabled: true,
    createdAt: hoursAgo(500), updatedAt: hoursAgo(500), ...over,
  };
}

const library = new Map([['firefox', software('firefox', ['120.0', '121.0.1', '122.0'])], ['7zip', software('7zip', ['23.01', '24.08'])]]);

function run(options: {
  computers?: { id: string; tenantId: string; groupIds?: string[] }[];
  deployments: Deployment[];
  detections: Record<string, Record<string, DetectionFact>>;
  staleAfterHours?: number;
  deploymentId?: string;
}) {
  const computers = (options.computers ?? [{ id: 'pc1', tenantId: 't1' }]).map((c) => ({ groupIds: [], ...c }));
  const maps = new Map(Object.entries(options.detections).map(([computerId, facts]) => [computerId, new Map(Object.entries(facts))]));
  return evaluateCompliance({
    computers,
    deployments: options.deployments,
    software: (id) => library.get(id),
    detections: (id) => maps.get(id),
    now: NOW,
    staleAfterHours: options.staleAfterHours ?? 24,
    deploymentId: options.deploymentId,
  });
}

const fresh = (value: string | null, h = 1): DetectionFact => ({ value, detectedAt: hoursAgo(h) });
const sw = (id: string) => detectionKey('software', id);

describe('compliance of software deployments', () => {
  const latest = deployment('ff-latest', { softwareId: 'firefox', version: 'latest', desiredState: 'installed' });

  it('is compliant when the latest version is installed and non-compliant with what differs when older or absent', () => {
    const rows = run({
      computers: [{ id: 'a', tenantId: 't1' }, { id: 'b', tenantId: 't1' }, { id: 'c', tenantId: 't1' }],
      deployments: [latest],
      detections: { a: { [sw('firefox')]: fresh('122.0') }, b: { [sw('firefox')]: fresh('121.0.1') }, c: { [sw('firefox')]: fresh(null) } },
    });
    expect(rows).toEqual([
      { computerId: 'a', tenantId: 't1', deploymentId: 'ff-latest', state: 'compliant', detail: '122.0 installed', detectedAt: hoursAgo(1) },
      { computerId: 'b', tenantId: 't1', deploymentId: 'ff-latest', state: 'non-compliant', detail: 'installed 121.0.1, desired latest (122.0)', detectedAt: hoursAgo(1) },
      { computerId: 'c', tenantId: 't1', deploymentId: 'ff-latest', state: 'non-compliant', detail: 'not installed; desired 122.0', detectedAt: hoursAgo(1) },
    ]);
  });

  it('is unknown when never detected, or when the detection is older than the stale age', () => {
    const rows = run({
      computers: [{ id: 'never', tenantId: 't1' }, { id: 'stale', tenantId: 't1' }, { id: 'edge', tenantId: 't1' }],
      deployments: [latest],
      detections: { stale: { [sw('firefox')]: fresh('122.0', 25) }, edge: { [sw('firefox')]: fresh('121.0.1', 24) } },
      staleAfterHours: 24,
    });
    expect(rows.map((r) => [r.computerId, r.state, r.detail])).toEqual([
      ['never', 'unknown', 'never detected'],
      ['stale', 'unknown', `last detected ${hoursAgo(25)}, older than 1 day`],
      // Exactly the stale age is still current: it shows what was found.
      ['edge', 'non-compliant', 'installed 121.0.1, desired latest (122.0)'],
    ]);
  });

  it('treats a version newer than the library as compliant for latest, but not for a pinned version', () => {
    const pinned = deployment('ff-pinned', { softwareId: 'firefox', version: '121.0.1', desiredState: 'installed' });
    const newer = { pc1: { [sw('firefox')]: fresh('123.0') } };
    expect(run({ deployments: [latest], detections: newer })[0]).toMatchObject({ state: 'compliant', detail: "123.0 installed (newer than the library's 122.0)" });
    expect(run({ deployments: [pinned], detections: newer })[0]).toMatchObject({ state: 'non-compliant', detail: 'installed 123.0 is newer than the pinned 121.0.1' });
    expect(run({ deployments: [pinned], detections: { pc1: { [sw('firefox')]: fresh('121.0.1') } } })[0]).toMatchObject({ state: 'compliant' });
  });

  it('judges uninstalled and update-if-found by presence', () => {
    const remove = deployment('7z-remove', { softwareId: '7zip', desiredState: 'uninstalled' });
    const update = deployment('7z-update', { softwareId: '7zip', version: 'latest', desiredState: 'update-if-found' });
    expect(run({ deployments: [remove], detections: { pc1: { [sw('7zip')]: fresh(null) } } })[0]).toMatchObject({ state: 'compliant', detail: 'not installed, as desired' });
    expect(run({ deployments: [remove], detections: { pc1: { [sw('7zip')]: fresh('23.01') } } })[0]).toMatchObject({ state: 'non-compliant', detail: 'installed (23.01); desired state is uninstalled' });
    expect(run({ deployments: [update], detections: { pc1: { [sw('7zip')]: fresh(null) } } })[0]).toMatchObject({ state: 'compliant' });
    expect(run({ deployments: [update], detections: { pc1: { [sw('7zip')]: fresh('23.01') } } })[0]).toMatchObject({ state: 'non-compliant', detail: 'installed 23.01, desired latest (24.08)' });
  });

  it('is unknown when the library lacks the pinned version; ignored items have no row', () => {
    const missing = deployment('ff-old', { softwareId: 'firefox', version: '99.0', desiredState: 'installed' });
    expect(run({ deployments: [missing], detections: { pc1: { [sw('firefox')]: fresh('120.0') } } })[0]).toMatchObject({ state: 'unknown', detail: 'version 99.0 of firefox is not in the library' });
    const ignore = deployment('ff-ignore', { softwareId: 'firefox', desiredState: 'ignore' });
    expect(run({ deployments: [ignore], detections: { pc1: { [sw('firefox')]: fresh('120.0') } } })).toEqual([]);
  });
});

describe('compliance follows the winning deployment', () => {
  const all = deployment('ff-all', { softwareId: 'firefox', version: 'latest', desiredState: 'installed' });
  const tenant = deployment('ff-t1-pinned', { softwareId: 'firefox', version: '121.0.1', desiredState: 'installed', targets: [{ kind: 'tenant', id: 't1' }] });
  const computer = deployment('ff-pc2-remove', { softwareId: 'firefox', desiredState: 'uninstalled', targets: [{ kind: 'computer', id: 'pc2' }] });
  const computers = [{ id: 'pc1', tenantId: 't1' }, { id: 'pc2', tenantId: 't1' }, { id: 'pc3', tenantId: 't2' }, { id: 'pc4', tenantId: 't1' }];
  const detections = Object.fromEntries(computers.map((c) => [c.id, { [sw('firefox')]: fresh('121.0.1') }]));

  it('one row per computer × winner: computer beats tenant beats all', () => {
    const rows = run({ computers, deployments: [all, tenant, computer], detections });
    expect(rows.map((r) => [r.computerId, r.deploymentId, r.state])).toEqual([
      ['pc1', 'ff-t1-pinned', 'compliant'],
      ['pc2', 'ff-pc2-remove', 'non-compliant'],
      ['pc3', 'ff-all', 'non-compliant'],
      ['pc4', 'ff-t1-pinned', 'compliant'],
    ]);
  });

  it('a deployment filter lists only the computers where that deployment wins', () => {
    const rows = run({ computers, deployments: [all, tenant, computer], detections, deploymentId: 'ff-all' });
    expect(rows.map((r) => r.computerId)).toEqual(['pc3']);
  });

  it('a group deployment applies only to computers in the group, even when others of the tenant share a resolution', () => {
    const group = deployment('ff-g-remove', { softwareId: 'firefox', desiredState: 'uninstalled', targets: [{ kind: 'group', id: 'g1' }] });
    const rows = run({ computers: [{ id: 'a', tenantId: 't1', groupIds: ['g1'] }, { id: 'b', tenantId: 't1' }], deployments: [all, group], detections: { a: detections.pc1!, b: detections.pc1! } });
    expect(rows.map((r) => [r.computerId, r.deploymentId])).toEqual([['a', 'ff-g-remove'], ['b', 'ff-all']]);
  });
});

describe('task compliance', () => {
  const task = deployment('bitlocker', { taskId: 'task-bitlocker', mode: 'audit' });
  const key = detectionKey('task', 'task-bitlocker');

  it('reads the test result the task recorded', () => {
    expect(run({ deployments: [task], detections: { pc1: { [key]: fresh('compliant') } } })[0]).toMatchObject({ state: 'compliant' });
    expect(run({ deployments: [task], detections: { pc1: { [key]: fresh('non-compliant: drive C: is not encrypted') } } })[0]).toMatchObject({ state: 'non-compliant', detail: 'drive C: is not encrypted' });
    expect(run({ deployments: [task], detections: { pc1: { [key]: fresh('maybe') } } })[0]).toMatchObject({ state: 'unknown' });
    expect(run({ deployments: [task], detections: {} })[0]).toMatchObject({ state: 'unknown', detail: 'never detected' });
  });
});

describe('roll-ups and export', () => {
  it('counts per deployment and per tenant, worst first, and exports CSV that spreadsheets cannot misread', () => {
    const rows = [
      { computerId: 'a', tenantId: 't1', deploymentId: 'd1', state: 'compliant' as const, detail: '1.0 installed', detectedAt: hoursAgo(1) },
      { computerId: 'b', tenantId: 't1', deploymentId: 'd1', state: 'non-compliant' as const, detail: 'installed 0.9, desired "1.0"', detectedAt: hoursAgo(1) },
      { computerId: 'b', tenantId: 't1', deploymentId: 'd2', state: 'unknown' as const, detail: 'never detected', detectedAt: null },
      { computerId: 'c', tenantId: 't2', deploymentId: 'd2', state: 'compliant' as const, detail: 'ok', detectedAt: hoursAgo(2) },
    ];
    const s = summarizeCompliance(rows);
    expect(s.total).toEqual({ compliant: 2, nonCompliant: 1, unknown: 1 });
    expect(s.nonCompliantComputers).toBe(1);
    expect(s.byDeployment).toEqual([
      { deploymentId: 'd1', compliant: 1, nonCompliant: 1, unknown: 0 },
      { deploymentId: 'd2', compliant: 1, nonCompliant: 0, unknown: 1 },
    ]);
    expect(s.byTenant).toEqual([
      { tenantId: 't1', compliant: 1, nonCompliant: 1, unknown: 1 },
      { tenantId: 't2', compliant: 1, nonCompliant: 0, unknown: 0 },
    ]);
    const csv = complianceCsv(rows, { computer: (id) => (id === 'c' ? '=cmd|calc' : `PC ${id}`), tenant: (id) => `Tenant, ${id}`, deployment: (id) => id });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('tenant,computer,deployment,state,detail,detected_at,computer_id,deployment_id');
    expect(lines[2]).toBe(`"Tenant, t1",PC b,d1,non-compliant,"installed 0.9, desired ""1.0""",${hoursAgo(1)},b,d1`);
    expect(lines[4]).toContain("'=cmd|calc");
  });
});

describe('the report a screen reads', () => {
  it('rolls up every row but keeps only the requested page, worst first or of one state', () => {
    const latest = deployment('ff-latest', { softwareId: 'firefox', version: 'latest', desiredState: 'installed' });
    const computers = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, tenantId: 't1', groupIds: [] }));
    const facts: Record<string, DetectionFact | undefined> = { a: fresh('122.0'), b: fresh('120.0'), c: undefined, d: fresh('121.0.1'), e: fresh('122.0') };
    const input = {
      computers,
      deployments: [latest],
      software: (id: string) => library.get(id),
      detections: (id: string) => (facts[id] ? new Map([[sw('firefox'), facts[id]]]) : undefined),
      now: NOW,
      staleAfterHours: 24,
    };
    const worst = complianceReport(input, { offset: 0, limit: 3 });
    expect(worst.rows.map((r) => [r.computerId, r.state])).toEqual([['b', 'non-compliant'], ['d', 'non-compliant'], ['c', 'unknown']]);
    expect(worst.matching).toBe(5);
    expect(worst.summary.total).toEqual({ compliant: 2, nonCompliant: 2, unknown: 1 });
    expect(worst.summary).toEqual(summarizeCompliance(evaluateCompliance(input)));
    expect(complianceReport(input, { offset: 3, limit: 3 }).rows.map((r) => r.computerId)).toEqual(['a', 'e']);
    const compliant = complianceReport(input, { state: 'compliant', offset: 1, limit: 5 });
    expect(compliant.rows.map((r) => r.computerId)).toEqual(['e']);
    expect(compliant.matching).toBe(2);
  });
});
