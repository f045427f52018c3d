// The scheduler on a fake clock: openings at the computed instant, restarts inside and after an
// occurrence, sleep across an opening, wall-clock steps, and a week away — each opening once.
import { afterEach, describe, expect, it } from 'vitest';
import { ARM_AHEAD_MS } from '../../electron/core/scheduler/maintenance-scheduler.js';
import { MAX_ARM_AHEAD_MS } from '../../electron/core/scheduler/timer-port.js';
import { SchedulerHarness } from '../support/scheduler-harness.js';

const harnesses: SchedulerHarness[] = [];
function harness(...args: Parameters<typeof SchedulerHarness.create>): SchedulerHarness {
  const h = SchedulerHarness.create(...args);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    await h.stop().catch(() => {});
    h.cleanup();
  }
});

/** A tenant with `n` computers and a nightly window 01:00–05:00 UTC, automated maintenance on. */
function nightly(h: SchedulerHarness, n = 3, fields = {}) {
  const window = h.addWindow(fields);
  const tenantId = h.addTenant(window.id);
  const computers = h.addComputers(tenantId, n);
  h.enable();
  return { window, tenantId, computers };
}

describe('scheduler: openings', () => {
  it('queues every due computer once at the opening, with the occurrence as deadline and key, and one timer per opening', async () => {
    const h = harness('2026-06-01T00:00:00Z');
    const { window, computers } = nightly(h, 5);
    const same = h.addWindow({ name: 'same time, other zone', start: '03:00', end: '05:00', timeZone: 'Europe/Berlin' }); // 01:00Z in summer
    const later = h.addWindow({ name: 'later', start: '01:30', end: '02:00' });
    h.start();
    expect(h.scheduler.armedOpenings()).toEqual(
      new Map([
        [window.id, Date.parse('2026-06-01T01:00:00Z')],
        [same.id, Date.parse('2026-06-01T01:00:00Z')],
        [later.id, Date.parse('2026-06-01T01:30:00Z')],
      ]),
    );
    // Five computers, three windows, two opening instants: two timers.
    expect(h.scheduler.openingTimers).toBe(2);
    await h.time.advanceTo('2026-06-01T00:59:59Z');
    expect(h.all()).toEqual([]);
    await h.time.advanceTo('2026-06-01T01:00:00Z');
    const queued = h.all();
    expect(queued.map((s) => s.computerId).sort()).toEqual([...computers].sort());
    for (const s of queued) {
      expect(s).toMatchObject({ trigger: 'scheduled', windowId: window.id, occurrenceStart: '2026-06-01T01:00:00.000Z', deadline: '2026-06-01T05:00:00.000Z', idempotencyKey: `${window.id}|2026-06-01T01:00:00.000Z|${s.computerId}` });
    }
    await h.time.advanceTo('2026-06-01T03:00:00Z');
    expect(h.all().map((s) => s.status)).toEqual(Array(5).fill('completed'));
    // The next night is armed once it is within reach.
    expect(h.scheduler.armedOpenings().has(window.id)).toBe(false);
    await h.time.advanceTo('2026-06-01T23:30:00Z');
    expect(h.scheduler.armedOpenings().get(window.id)).toBe(Date.parse('2026-06-02T01:00:00Z'));
  });

  it('opens a window whose start falls in the spring-forward gap at the first instant after it (New York, 02:30 → 03:00 EDT)', async () => {
    const h = harness('2026-03-08T05:00:00Z');
    nightly(h, 1, { start: '02:30', end: '04:00', timeZone: 'America/New_York' });
    h.start();
    await h.time.advanceTo('2026-03-08T06:59:00Z');
    expect(h.all()).toEqual([]);
    await h.time.advanceTo('2026-03-08T07:00:00Z');
    expect(h.all()).toHaveLength(1);
    expect(h.all()[0]!.occurrenceStart).toBe('2026-03-08T07:00:00.000Z');
  });

  it('after a restart inside the occurrence, serves who was not served and queues nobody twice', async () => {
    let h = harness('2026-06-01T00:00:00Z', { durationMs: () => 30 * 60_000 });
    const { tenantId, computers } = nightly(h, 3);
    h.start();
    await h.time.advanceTo('2026-06-01T01:10:00Z');
    expect(h.all()).toHaveLength(3);
    // A computer enrolled while the console is down is due too.
    await h.stop();
    harnesses.pop();
    h.time.sleep(10 * 60_000);
    h = new SchedulerHarness(h.time, h.dir, h.agents);
    harnesses.push(h);
    const late = h.addComputers(tenantId, 1);
    for (const id of computers) h.gateway.online.add(id);
    h.start();
    await h.time.advance(1000);
    const keys = h.automated().map((s) => s.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(h.automated().map((s) => s.computerId).sort()).toEqual([...computers, ...late].sort());
    await h.time.advanceTo('2026-06-01T04:00:00Z');
    expect(h.automated().every((s) => s.status === 'completed')).toBe(true);
    expect(h.journal.recent(10).map((r) => r.outcome)).toEqual(['served']);
  });

  it('after a restart past the occurrence, records the opening as missed once, with a skipped session per due computer, and runs nothing outside the window', async () => {
    let h = harness('2026-06-01T00:00:00Z');
    const { computers } = nightly(h, 2);
    h.start();
    await h.stop();
    harnesses.pop();
    h.time.sleep(6 * 3_600_000); // down from 00:00 to 06:00: the whole 01:00–05:00 occurrence
    h = new SchedulerHarness(h.time, h.dir, h.agents);
    harnesses.push(h);
    for (const id of computers) h.gateway.online.add(id);
    h.start();
    await h.time.advance(60_000);
    expect(h.automated().map((s) => [s.status, s.reason])).toEqual([
      ['skipped', 'console-not-running'],
      ['skipped', 'console-not-running'],
    ]);
    expect(h.journal.recent(10)).toEqual([expect.objectContaining({ outcome: 'missed', cause: 'start', occurrenceStart: '2026-06-01T01:00:00.000Z' })]);
    // Another restart does not record it again, and the computers stay due for the next night.
    h = await h.restart({ online: computers });
    harnesses.splice(0, harnesses.length, h);
    await h.time.advanceTo('2026-06-02T02:00:00Z');
    expect(h.journal.recent(10).map((r) => r.outcome)).toEqual(['served', 'missed']);
    expect(h.automated().filter((s) => s.status === 'completed')).toHaveLength(2);
  });

  it('closes sessions queued before the console went down as skipped console-not-running when their occurrence ended meanwhile', async () => {
    let h = harness('2026-06-01T00:00:00Z');
    const { computers } = nightly(h, 2);
    h.gateway.online.clear(); // agents offline at the opening: sessions wait for them
    h.start();
    await h.time.advanceTo('2026-06-01T02:00:00Z');
    expect(h.automated().map((s) => s.status)).toEqual(['waiting-for-agent', 'waiting-for-agent']);
    h = await h.restart({ downMs: 5 * 3_600_000, online: computers });
    harnesses.splice(0, harnesses.length, h);
    await h.time.advance(1000);
    expect(h.automated().map((s) => [s.status, s.reason])).toEqual([
      ['skipped', 'console-not-running'],
      ['skipped', 'console-not-running'],
    ]);
  });

  it('after sleeping across an opening, serves the occurrence within seconds of waking while it is still open', async () => {
    const h = harness('2026-06-01T00:30:00Z');
    nightly(h, 2);
    h.start();
    h.time.sleep(2 * 3_600_000); // 00:30 → 02:30, timers stand still
    await h.time.advance(5_000);
    expect(h.automated()).toHaveLength(2);
    expect(h.journal.recent(10)).toEqual([expect.objectContaining({ outcome: 'served', cause: 'wake-or-clock-forward' })]);
    await h.time.advanceTo('2026-06-01T04:00:00Z');
    expect(h.automated().map((s) => s.status)).toEqual(['completed', 'completed']);
  });

  it('after sleeping through a whole occurrence, records it missed once and runs nothing until the next opening', async () => {
    const h = harness('2026-06-01T00:30:00Z');
    nightly(h, 2);
    h.start();
    h.time.sleep(6 * 3_600_000); // 00:30 → 06:30
    await h.time.advance(5_000);
    expect(h.automated().map((s) => s.reason)).toEqual(['console-not-running', 'console-not-running']);
    // The stale timer firing late must not serve the ended occurrence.
    await h.time.advance(3_600_000);
    expect(h.automated().map((s) => s.status)).toEqual(['skipped', 'skipped']);
    expect(h.journal.recent(10).map((r) => r.outcome)).toEqual(['missed']);
  });

  it('handles a wall clock set forward 2 h into an open occurrence: served at once', async () => {
    const h = harness('2026-06-01T00:00:00Z');
    nightly(h, 2);
    h.start();
    h.time.setWall(2 * 3_600_000); // 00:00 → 02:00, inside 01:00–05:00
    await h.time.advance(5_000);
    expect(h.automated()).toHaveLength(2);
    await h.time.advanceTo('2026-06-01T04:00:00Z');
    expect(h.automated().map((s) => s.status)).toEqual(['completed', 'completed']);
  });

  it('handles a wall clock set back 2 h after an opening: the opening comes round again but nobody is queued twice', async () => {
    const h = harness('2026-06-01T00:30:00Z', { durationMs: () => 10 * 60_000 });
    nightly(h, 3);
    h.start();
    await h.time.advanceTo('2026-06-01T01:30:00Z');
    expect(h.automated()).toHaveLength(3);
    h.time.setWall(-2 * 3_600_000); // 01:30 → 23:30 the day before
    await h.time.advance(6 * 3_600_000); // through 01:00 (again) to 05:30
    const keys = h.automated().map((s) => s.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
  });

  it('handles a wall clock set back 2 h before an opening: the opening fires at its wall-clock instant, not early', async () => {
    const h = harness('2026-06-01T00:50:00Z');
    nightly(h, 1);
    h.start();
    h.time.setWall(-2 * 3_600_000); // 00:50 → 22:50
    await h.time.advance(2 * 3_600_000 + 9 * 60_000); // wall 00:59
    expect(h.automated()).toEqual([]);
    await h.time.advance(60_000); // wall 01:00
    expect(h.automated()).toHaveLength(1);
  });

  it('after seven days away with a daily window, catches up at most once (inside an open occurrence), recording the rest as missed', async () => {
    let h = harness('2026-06-01T00:00:00Z');
    const { computers } = nightly(h, 2);
    h.start();
    await h.time.advanceTo('2026-06-01T06:00:00Z'); // served and completed on day 1
    h = await h.restart({ downMs: 7 * 86_400_000 - 3 * 3_600_000, online: computers }); // back on 06-08 at 03:00, inside that night's window
    harnesses.splice(0, harnesses.length, h);
    await h.time.advance(60 * 60_000);
    const byNight = new Map<string, string[]>();
    for (const s of h.automated()) byNight.set(s.occurrenceStart!, [...(byNight.get(s.occurrenceStart!) ?? []), s.status]);
    expect([...byNight.keys()].sort()).toEqual(['2026-06-01T01:00:00.000Z', '2026-06-07T01:00:00.000Z', '2026-06-08T01:00:00.000Z']);
    expect(byNight.get('2026-06-08T01:00:00.000Z')).toEqual(['completed', 'completed']); // the one catch-up
    expect(byNight.get('2026-06-07T01:00:00.000Z')).toEqual(['skipped', 'skipped']); // the latest missed night, listed
    const journal = h.journal.recent(20);
    expect(journal.filter((r) => r.outcome === 'missed')).toHaveLength(6); // 06-02 … 06-07
    expect(journal.filter((r) => r.outcome === 'served')).toHaveLength(2); // 06-01 and 06-08
  });

  it('after seven days with the agent offline, skips each night agent-offline and serves it once when it connects inside a window', async () => {
    const h = harness('2026-06-01T00:00:00Z');
    const { computers } = nightly(h, 1);
    const [pc] = computers as [string];
    h.gateway.online.clear();
    h.start();
    await h.time.advanceTo('2026-06-08T00:00:00Z');
    expect(h.automated().map((s) => [s.status, s.reason])).toEqual(Array(7).fill(['skipped', 'agent-offline']));
    await h.time.advanceTo('2026-06-08T12:00:00Z'); // outside the window: connecting runs nothing
    h.gateway.connect(pc);
    await h.time.advance(60_000);
    expect(h.automated().filter((s) => s.status !== 'skipped')).toEqual([]);
    h.gateway.disconnect(pc);
    await h.time.advanceTo('2026-06-09T02:00:00Z');
    h.gateway.connect(pc); // inside the 06-09 window: served then, once
    await h.time.advance(2 * 3_600_000);
    expect(h.automated().filter((s) => s.status === 'completed').map((s) => s.occurrenceStart)).toEqual(['2026-06-09T01:00:00.000Z']);
  });

  it('never arms a timer more than 24 days ahead, and arms a far opening when it comes within reach', async () => {
    const h = harness('2026-06-01T00:00:00Z', {}, { watchIntervalMs: 60_000 });
    // Mondays, but June is excluded: the first opening (6 July) is 35 days away.
    const { window } = nightly(h, 1, { days: ['mon'], exclusions: [{ from: '2026-06-01', to: '2026-06-30', label: 'summer break' }] });
    h.start();
    expect(h.scheduler.armedOpenings().has(window.id)).toBe(false);
    for (const t of h.time.pending()) expect(t.inMs).toBeLessThanOrEqual(MAX_ARM_AHEAD_MS);
    await h.time.advanceTo('2026-07-05T22:00:00Z');
    for (const t of h.time.pending()) expect(t.inMs).toBeLessThanOrEqual(ARM_AHEAD_MS);
    await h.time.advanceTo('2026-07-05T23:30:00Z');
    expect(h.scheduler.armedOpenings().get(window.id)).toBe(Date.parse('2026-07-06T01:00:00Z'));
    await h.time.advanceTo('2026-07-06T02:00:00Z');
    expect(h.automated()).toHaveLength(1);
  }, 20_000);

  it('re-arms after a configuration change: a moved window opens at its new time only', async () => {
    const h = harness('2026-06-01T00:00:00Z');
    const { window } = nightly(h, 1);
    h.start();
    expect(h.scheduler.armedOpenings().get(window.id)).toBe(Date.parse('2026-06-01T01:00:00Z'));
    h.windows.put({ ...window, start: '03:00', end: '04:00', updatedAt: '2026-06-01T00:00:01.000Z' });
    await h.time.advance(1000);
    expect(h.scheduler.armedOpenings().has(window.id)).toBe(false); // 01:00 is gone; 03:00 is not within reach yet
    await h.time.advanceTo('2026-06-01T01:30:00Z');
    expect(h.scheduler.armedOpenings().get(window.id)).toBe(Date.parse('2026-06-01T03:00:00Z'));
    await h.time.advanceTo('2026-06-01T02:59:00Z');
    expect(h.automated()).toEqual([]);
    await h.time.advanceTo('2026-06-01T03:00:00Z');
    expect(h.automated()).toHaveLength(1);
  });
});
