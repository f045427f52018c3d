// The scheduler's policy on a fake clock: the concurrency limit, queue order, frequency (weekly,
// monthly), retries inside the occurrence, apply on connect and skip reasons, switching off and on,
// computers without a window, and computers another console holds.
import { afterEach, describe, expect, it } from 'vitest';
import { SchedulerHarness, type AgentBehaviour, type HarnessOptions } from '../support/scheduler-harness.js';

const harnesses: SchedulerHarness[] = [];
function harness(start: string, agents: Partial<AgentBehaviour> = {}, options: HarnessOptions = {}): SchedulerHarness {
  const h = SchedulerHarness.create(start, agents, options);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    await h.stop().catch(() => {});
    h.cleanup();
  }
});

describe('scheduler: policy', () => {
  it('never runs more sessions at once than the limit, and serves everyone inside the window', async () => {
    const h = harness('2026-06-01T00:00:00Z', { durationMs: (id) => 60_000 + (id.charCodeAt(id.length - 1) % 7) * 37_000 }, { limit: 4 });
    const w = h.addWindow({ start: '01:00', end: '03:00' });
    for (let t = 0; t < 5; t++) h.addComputers(h.addTenant(w.id), 12);
    h.enable();
    h.start();
    await h.time.advanceTo('2026-06-01T03:00:00Z');
    expect(h.maxRunning).toBe(4);
    expect(h.automated()).toHaveLength(60);
    expect(h.automated().every((s) => s.status === 'completed')).toBe(true);
  });

  it('skips what the queue did not reach by the end as window-closed, and starts nothing after the end', async () => {
    const h = harness('2026-06-01T00:00:00Z', { durationMs: () => 25 * 60_000 }, { limit: 1 });
    const w = h.addWindow({ start: '01:00', end: '02:00' });
    h.addComputers(h.addTenant(w.id), 4);
    h.enable();
    h.start();
    await h.time.advanceTo('2026-06-01T03:00:00Z');
    const statuses = h.automated().map((s) => [s.status, s.reason]);
    expect(statuses.filter(([s]) => s === 'completed')).toHaveLength(3); // 01:00, 01:25, 01:50 start
    expect(statuses.filter(([s, r]) => s === 'skipped' && r === 'window-closed')).toHaveLength(1);
    for (const s of h.automated()) if (s.startedAt) expect(s.startedAt < '2026-06-01T02:00:00.000Z').toBe(true);
  });

  it('orders the queue manual high > manual normal > scheduled > retries', async () => {
    const failing = new Set<string>();
    const h = harness('2026-06-01T00:00:00Z', { durationMs: () => 10 * 60_000, outcome: (id) => (failing.has(id) ? 'failed' : 'completed') }, { limit: 1 });
    const w = h.addWindow({ start: '01:00', end: '06:00' });
    const tenant = h.addTenant(w.id);
    const [, retried] = h.addComputers(tenant, 3) as [string, string, string];
    const [late] = h.addComputers(tenant, 1, false) as [string];
    const manual = h.addComputers(h.addTenant(null), 2) as [string, string];
    failing.add(retried);
    h.enable({ retry: { attempts: 1, delayMinutes: 0 } });
    h.start();
    // 01:00 first, 01:10 `retried` (fails at 01:20, its retry queues), 01:20–01:30 the third.
    await h.time.advanceTo('2026-06-01T01:25:00Z');
    failing.clear();
    h.gateway.connect(late);
    h.maintenance.run({ computerIds: [manual[0]], priority: 'normal' }, () => true);
    h.maintenance.run({ computerIds: [manual[1]], priority: 'high' }, () => true);
    const order = h.maintenance.waiting().items.map((w) => [w.queueClass, w.session.computerId]);
    expect(order).toEqual([
      ['manual-high', manual[1]],
      ['manual-normal', manual[0]],
      ['scheduled', late],
      ['retry', retried],
    ]);
    await h.time.advanceTo('2026-06-01T02:30:00Z');
    const started = h.all().filter((s) => s.startedAt! > '2026-06-01T01:25:00.000Z').sort((a, b) => a.startedAt!.localeCompare(b.startedAt!));
    expect(started.map((s) => s.computerId)).toEqual([manual[1], manual[0], late, retried]);
  });

  it('honours a weekly frequency: one successful automated session per ISO week, counted in the window’s zone', async () => {
    const h = harness('2026-06-01T00:00:00Z'); // a Monday
    const w = h.addWindow({ start: '01:00', end: '03:00', timeZone: 'Europe/Berlin', frequency: 'weekly' });
    const [pc] = h.addComputers(h.addTenant(w.id), 1) as [string];
    h.enable();
    h.start();
    await h.time.advanceTo('2026-06-15T12:00:00Z');
    const runs = h.automated().filter((s) => s.computerId === pc);
    // Monday 01:00 in Berlin is Sunday 23:00Z: the week turns on Berlin's Monday, not UTC's. The
    // scheduler starts inside Monday 1 June's occurrence and serves it.
    expect(runs.map((s) => s.occurrenceStart)).toEqual(['2026-05-31T23:00:00.000Z', '2026-06-07T23:00:00.000Z', '2026-06-14T23:00:00.000Z']);
  });

  it('keeps a computer due after a failed week: failures do not count towards the frequency', async () => {
    let fail = true;
    const h = harness('2026-06-01T00:00:00Z', { outcome: () => (fail ? 'failed' : 'completed') });
    const w = h.addWindow({ start: '01:00', end: '03:00', frequency: 'weekly' });
    h.addComputers(h.addTenant(w.id), 1);
    h.enable({ retry: { attempts: 0 } });
    h.start();
    await h.time.advanceTo('2026-06-02T12:00:00Z'); // Mon and Tue failed
    fail = false;
    await h.time.advanceTo('2026-06-07T12:00:00Z'); // Wed succeeded, Thu–Sun not due
    expect(h.automated().map((s) => [s.occurrenceStart!.slice(0, 10), s.status])).toEqual([
      ['2026-06-01', 'failed'],
      ['2026-06-02', 'failed'],
      ['2026-06-03', 'completed'],
    ]);
  });

  it('honours a monthly frequency from the settings, with a month boundary in the window’s zone', async () => {
    const h = harness('2026-05-30T00:00:00Z');
    const w = h.addWindow({ start: '01:00', end: '03:00', timeZone: 'Asia/Kolkata' });
    h.addComputers(h.addTenant(w.id), 1);
    h.enable({ frequency: 'monthly' });
    h.start();
    await h.time.advanceTo('2026-06-03T00:00:00Z');
    // 30 May (Kolkata) runs; 31 May is not due; 1 June (Kolkata 01:00 = 31 May 19:30Z) starts a new month.
    expect(h.automated().map((s) => s.occurrenceStart)).toEqual(['2026-05-30T19:30:00.000Z', '2026-05-31T19:30:00.000Z']);
  });

  it('retries a failed scheduled session with backoff while the occurrence lasts, up to the attempt limit', async () => {
    const h = harness('2026-06-01T00:00:00Z', { durationMs: () => 60_000, outcome: () => 'failed' });
    const w = h.addWindow({ start: '01:00', end: '03:00' });
    h.addComputers(h.addTenant(w.id), 1);
    h.enable({ retry: { attempts: 5, delayMinutes: 10 } });
    h.start();
    await h.time.advanceTo('2026-06-02T00:00:00Z');
    const runs = h.automated().map((s) => [s.trigger, s.createdAt.slice(11, 16), s.status]);
    // Attempt ends 01:01 → retry at 01:11 (10 min), ends 01:12 → 01:32 (20), ends 01:33 → 02:13 (40),
    // ends 02:14 → 03:34 (80) would be after the window closes at 03:00: no more retries.
    expect(runs).toEqual([
      ['scheduled', '01:00', 'failed'],
      ['retry', '01:11', 'failed'],
      ['retry', '01:32', 'failed'],
      ['retry', '02:13', 'failed'],
    ]);
  });

  it('stops retrying at the attempt limit, and never retries a manual session', async () => {
    const h = harness('2026-06-01T00:00:00Z', { outcome: () => 'failed' });
    const w = h.addWindow({ start: '01:00', end: '05:00' });
    const [pc] = h.addComputers(h.addTenant(w.id), 1) as [string];
    h.enable({ retry: { attempts: 2, delayMinutes: 1 } });
    h.start();
    await h.time.advanceTo('2026-06-01T00:10:00Z');
    h.maintenance.run({ computerIds: [pc], priority: 'normal' }, () => true);
    await h.time.advanceTo('2026-06-01T06:00:00Z');
    expect(h.all().map((s) => s.trigger)).toEqual(['manual', 'scheduled', 'retry', 'retry']);
  });

  it('restores owed retries after a restart inside the occurrence', async () => {
    let h = harness('2026-06-01T00:00:00Z', { outcome: () => 'failed' });
    const w = h.addWindow({ start: '01:00', end: '05:00' });
    const computers = h.addComputers(h.addTenant(w.id), 1);
    h.enable({ retry: { attempts: 1, delayMinutes: 30 } });
    h.start();
    await h.time.advanceTo('2026-06-01T01:05:00Z'); // failed at 01:01, retry due 01:31
    h = await h.restart({ downMs: 10 * 60_000, online: computers });
    harnesses.splice(0, harnesses.length, h);
    await h.time.advanceTo('2026-06-01T02:00:00Z');
    expect(h.automated().map((s) => [s.trigger, s.createdAt.slice(11, 16)])).toEqual([
      ['scheduled', '01:00'],
      ['retry', '01:31'],
    ]);
  });

  it('serves a computer that connects inside its occurrence, and skips one still offline at the end as agent-offline', async () => {
    const h = harness('2026-06-01T00:00:00Z');
    const w = h.addWindow({ start: '01:00', end: '03:00' });
    const [early, late, never] = h.addComputers(h.addTenant(w.id), 3, false) as [string, string, string];
    h.gateway.online.add(early);
    h.enable();
    h.start();
    await h.time.advanceTo('2026-06-01T01:30:00Z');
    h.gateway.connect(late);
    await h.time.advanceTo('2026-06-01T03:00:00Z');
    const byComputer = new Map(h.automated().map((s) => [s.computerId, [s.status, s.reason]]));
    expect(byComputer.get(early)).toEqual(['completed', null]);
    expect(byComputer.get(late)).toEqual(['completed', null]);
    expect(byComputer.get(never)).toEqual(['skipped', 'agent-offline']);
  });

  it('serves a computer enrolled (or assigned) while its window is open', async () => {
    const h = harness('2026-06-01T00:00:00Z');
    const w = h.addWindow({ start: '01:00', end: '03:00' });
    const tenant = h.addTenant(w.id);
    h.enable();
    h.start();
    await h.time.advanceTo('2026-06-01T01:30:00Z');
    const [pc] = h.addComputers(tenant, 1, false) as [string];
    h.gateway.connect(pc);
    await h.time.advance(5 * 60_000);
    expect(h.automated().map((s) => [s.computerId, s.status])).toEqual([[pc, 'completed']]);
  });

  it('does nothing until switched on; switched on inside an occurrence it serves it; switched off it cancels what waits', async () => {
    const h = harness('2026-06-01T00:00:00Z', { durationMs: () => 30 * 60_000 }, { limit: 1 });
    const w = h.addWindow({ start: '01:00', end: '05:00' });
    h.addComputers(h.addTenant(w.id), 3);
    h.start();
    await h.time.advanceTo('2026-06-01T01:30:00Z');
    expect(h.all()).toEqual([]);
    h.enable();
    await h.time.advance(1000);
    expect(h.automated()).toHaveLength(3);
    h.settings.update({ automatedMaintenance: { enabled: false } });
    await h.time.advanceTo('2026-06-03T00:00:00Z');
    expect(h.automated().map((s) => s.status).sort()).toEqual(['cancelled', 'cancelled', 'completed']);
    expect(h.scheduler.armedOpenings().size).toBe(0);
  });

  it('gives a computer without a window no automated maintenance, and says so', async () => {
    const h = harness('2026-06-01T00:00:00Z');
    h.addWindow();
    const [pc] = h.addComputers(h.addTenant(null), 1) as [string];
    h.enable();
    h.start();
    await h.time.advanceTo('2026-06-02T06:00:00Z');
    expect(h.all()).toEqual([]);
    expect(h.view.effectiveWindow(pc)).toMatchObject({ windowId: null, source: 'none', automated: { nextRun: null, note: expect.stringContaining('no automated maintenance') } });
  });

  it('takes the first group in the tenant’s order that has a window, over the tenant’s window', async () => {
    const h = harness('2026-06-01T00:00:00Z');
    const tenantWindow = h.addWindow({ name: 'tenant', start: '01:00', end: '02:00' });
    const first = h.addWindow({ name: 'first', start: '03:00', end: '04:00' });
    const second = h.addWindow({ name: 'second', start: '05:00', end: '06:00' });
    const tenant = h.addTenant(tenantWindow.id);
    const [a, b, c] = h.addComputers(tenant, 3) as [string, string, string];
    h.addGroup(tenant, [a, b], null, 0); // no window: takes no part
    const g1 = h.addGroup(tenant, [a], first.id, 1);
    const g2 = h.addGroup(tenant, [a, b], second.id, 2);
    h.enable();
    h.start();
    expect(h.view.effectiveWindow(a)).toMatchObject({ windowId: first.id, source: 'group', groupId: g1.id, overriddenGroups: [{ groupId: g2.id, windowId: second.id }] });
    expect(h.view.effectiveWindow(b)).toMatchObject({ windowId: second.id, source: 'group', groupId: g2.id });
    expect(h.view.effectiveWindow(c)).toMatchObject({ windowId: tenantWindow.id, source: 'tenant', nextOccurrence: { start: '2026-06-01T01:00:00.000Z' } });
    await h.time.advanceTo('2026-06-01T07:00:00Z');
    expect(new Map(h.automated().map((s) => [s.computerId, s.windowId]))).toEqual(new Map([[a, first.id], [b, second.id], [c, tenantWindow.id]]));
  });

  it('never queues a computer this console does not hold', async () => {
    const held = new Set<string>();
    const h = harness('2026-06-01T00:00:00Z', {}, { ownsComputer: (id) => held.has(id) });
    const w = h.addWindow({ start: '01:00', end: '03:00' });
    const [mine, theirs] = h.addComputers(h.addTenant(w.id), 2) as [string, string];
    held.add(mine);
    h.enable();
    h.start();
    await h.time.advanceTo('2026-06-01T02:00:00Z');
    h.gateway.connect(theirs);
    await h.time.advance(60_000);
    expect(h.automated().map((s) => s.computerId)).toEqual([mine]);
    expect(h.view.effectiveWindow(theirs).automated.note).toContain('Another console');
  });

  it('shows the next automated run after this period was served', async () => {
    const h = harness('2026-06-01T00:00:00Z');
    const w = h.addWindow({ start: '01:00', end: '03:00', frequency: 'weekly' });
    const [pc] = h.addComputers(h.addTenant(w.id), 1) as [string];
    h.enable();
    h.start();
    expect(h.view.effectiveWindow(pc).automated.nextRun).toEqual({ start: '2026-06-01T01:00:00.000Z', end: '2026-06-01T03:00:00.000Z' });
    await h.time.advanceTo('2026-06-01T04:00:00Z');
    expect(h.view.effectiveWindow(pc).automated).toMatchObject({ nextRun: { start: '2026-06-08T01:00:00.000Z' }, note: expect.stringContaining('week') });
  });
});
