// bench:scheduler — 10,000 computers in 200 tenants with 2,000 windows across 20 time zones.
// Prints: which computers are due now; re-arming the schedule after a change (one window, and
// every window), with real node-schedule jobs; the planner's 7-day grid for all 200 tenants.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import schedule from 'node-schedule';
import { plannerGrid } from '../shared/engine/planner-grid.js';
import { resolveAssignments } from '../shared/engine/window-assignment.js';
import { newId } from '../shared/ids.js';
import { ComputerGroup } from '../shared/model/group.js';
import { Settings } from '../shared/model/settings.js';
import { Tenant } from '../shared/model/tenant.js';
import { MaintenanceWindow, WEEKDAYS } from '../shared/model/window.js';
import { StoredComputer } from '../electron/core/computers/stored-computer.js';
import { EventBus } from '../electron/core/event-bus.js';
import { silentLogger, systemClock } from '../electron/core/ports.js';
import { AutomatedHistory } from '../electron/core/scheduler/automated-history.js';
import { EffectiveWindows } from '../electron/core/scheduler/effective-windows.js';
import { MaintenanceScheduler } from '../electron/core/scheduler/maintenance-scheduler.js';
import { OpeningsJournal } from '../electron/core/scheduler/openings-journal.js';
import { ScheduleView } from '../electron/core/scheduler/schedule-view.js';
import { nodeScheduleTimers } from '../electron/core/scheduler/timer-port.js';
import { WindowBook } from '../electron/core/scheduler/window-book.js';
import { SettingsService } from '../electron/core/settings/settings-service.js';
import { ChangeLog } from '../electron/core/store/change-log.js';
import { Database } from '../electron/core/store/database.js';
import { EntityCollection } from '../electron/core/store/entity-collection.js';
import { MetaStore } from '../electron/core/store/meta.js';
import { SessionsRepo } from '../electron/core/store/sessions-repo.js';
import { figure, percentile } from './stats.js';

const TENANTS = 200;
const WINDOWS_PER_TENANT = 10;
const COMPUTERS_PER_TENANT = 50;
const ZONES = [
  'UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'America/Sao_Paulo',
  'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Auckland', 'Africa/Johannesburg',
  'Asia/Kathmandu', 'America/St_Johns', 'Europe/Moscow', 'Asia/Singapore', 'America/Denver', 'Atlantic/Azores',
];

/** Wall time, and the CPU time this process spent (the machine may be shared with other work). */
function time<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = fn();
  const cpu = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'steward-bench-scheduler-'));
  const db = Database.open(join(dir, 'steward.db'));
  try {
    const changes = new ChangeLog(db);
    const collection = <T extends { id: string; updatedAt: string }>(kind: string, s: import('zod').ZodType<T>) => new EntityCollection<T>(db, changes, kind, s, silentLogger);
    const windows = collection('window', MaintenanceWindow);
    const groups = collection('group', ComputerGroup);
    const tenants = collection('tenant', Tenant);
    const computers = collection('computer', StoredComputer);
    const settings = new SettingsService(collection('settings', Settings), systemClock);
    const now = new Date().toISOString();
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

    db.tx(() => {
      for (let t = 0; t < TENANTS; t++) {
        const windowIds: string[] = [];
        for (let w = 0; w < WINDOWS_PER_TENANT; w++) {
          const start = Math.floor(random() * 96) * 15;
          const days = WEEKDAYS.filter(() => random() < 0.7);
          const win = windows.put({
            id: newId(), name: `window ${t}-${w}`, days: days.length > 0 ? [...days] : ['mon'], start: hhmm(start), end: hhmm(start + 60 + Math.floor(random() * 8) * 30),
            timeZone: ZONES[Math.floor(random() * ZONES.length)]!, exclusions: [{ from: '2026-12-24', to: '2026-12-26', label: 'Christmas' }], frequency: null, createdAt: now, updatedAt: now,
          });
          windowIds.push(win.id);
        }
        const tenant = tenants.put({ id: newId(), name: `tenant ${t}`, windowId: windowIds[0]!, createdAt: now, updatedAt: now });
        const ids: string[] = [];
        for (let c = 0; c < COMPUTERS_PER_TENANT; c++) {
          const id = newId();
          computers.put({ id, tenantId: tenant.id, customName: `pc ${t}-${c}`, hostName: 'h', os: { platform: 'windows', name: 'Windows', version: '11', arch: 'x64' }, agentVersion: '0.1.0', enrolledAt: now, lastSeenAt: now, revoked: false, updatedAt: now });
          ids.push(id);
        }
        for (let g = 1; g < WINDOWS_PER_TENANT; g++) {
          groups.put({ id: newId(), tenantId: tenant.id, name: `group ${g}`, computerIds: ids.slice((g - 1) * 5, (g - 1) * 5 + 6), windowId: windowIds[g]!, order: g, createdAt: now, updatedAt: now });
        }
      }
    });
    settings.update({ automatedMaintenance: { enabled: true } });
    const sessions = new SessionsRepo(db);
    const history = new AutomatedHistory(db);
    const book = new WindowBook(windows);
    const assignments = new EffectiveWindows(tenants, groups, computers);
    const journal = new OpeningsJournal(db);
    let queued = 0;
    const maintenance = {
      createMany: (specs: unknown[]) => {
        queued += specs.length;
        return specs.map(() => newId());
      },
      createSkipped: (specs: unknown[]) => specs.length,
      closeExpired: () => {},
      cancelWaiting: () => 0,
    };
    const scheduler = new MaintenanceScheduler({ clock: systemClock, timers: nodeScheduleTimers(systemClock), book, assignments, history, journal, settings, maintenance, sessions, events: new EventBus(), meta: new MetaStore(db), logger: silentLogger, watchIntervalMs: 3_600_000 });
    const view = new ScheduleView({ clock: systemClock, book, assignments, openings: scheduler.openings, settings: () => settings.get().automatedMaintenance, ownsComputer: () => true });

    console.log(`bench:scheduler — ${computers.size} computers, ${tenants.size} tenants, ${windows.size} windows in ${ZONES.length} zones, ${groups.size} groups\n`);

    const coldDue = time(() => view.dueNow());
    const dueRuns: number[] = [];
    const dueCpu: number[] = [];
    let due = coldDue.value.length;
    for (let i = 0; i < 50; i++) {
      const r = time(() => view.dueNow(Date.now() + i * 97_000));
      dueRuns.push(r.ms);
      dueCpu.push(r.cpuMs);
      due = r.value.length;
    }
    console.log(figure('computers due now: first call (indexes and zone tables built)', coldDue.ms, 'ms'));
    console.log(figure(`computers due now (median of 50, ~${due} due)`, percentile(dueRuns, 50), 'ms', { max: 5 }));
    console.log(figure('  (CPU time of the same, median)', percentile(dueCpu, 50), 'ms'));
    console.log(figure('computers due now (p95)', percentile(dueRuns, 95), 'ms'));

    const first = time(() => scheduler.start());
    const jobs = Object.keys(schedule.scheduledJobs).length;
    console.log(figure(`first plan at start (${jobs} node-schedule jobs, ${queued} sessions for open windows)`, first.ms, 'ms'));

    const one = [...windows.all()][0]!;
    windows.put({ ...one, start: one.start === '03:00' ? '03:15' : '03:00', updatedAt: new Date().toISOString() });
    const single = time(() => scheduler.replan('configuration'));
    console.log(figure('re-arm after one window changed', single.ms, 'ms', { max: 200 }));
    console.log(figure('  (CPU time of the same)', single.cpuMs, 'ms'));

    const fullRuns: number[] = [];
    const fullCpu: number[] = [];
    for (let round = 0; round < 3; round++) {
      db.tx(() => {
        for (const w of windows.all()) {
          const [h, m] = w.start.split(':').map(Number) as [number, number];
          windows.put({ ...w, start: hhmm(h * 60 + m + 5), updatedAt: new Date().toISOString() });
        }
      });
      const r = time(() => scheduler.replan('configuration'));
      fullRuns.push(r.ms);
      fullCpu.push(r.cpuMs);
    }
    console.log(figure(`re-arm the whole schedule, all ${windows.size} windows changed (worst of 3)`, Math.max(...fullRuns), 'ms', { max: 200 }));
    console.log(figure('  (CPU time of the same, worst of 3)', Math.max(...fullCpu), 'ms'));
    console.log(figure(`opening timers armed (one per distinct opening instant, for ${windows.size} windows)`, scheduler.openingTimers, "timers"));

    const gridRuns: number[] = [];
    const gridCpu: number[] = [];
    let cells = 0;
    for (let i = 0; i < 5; i++) {
      const r = time(() => {
        const a = resolveAssignments({ tenants: tenants.all(), groups: groups.all(), computers: computers.all() });
        const from = Date.now();
        return plannerGrid({ windows: windows.all(), computers: a.counts, shared: a.shared, from, to: from + 7 * 86_400_000, timeZone: 'Europe/Berlin', limit: 20 });
      });
      gridRuns.push(r.ms);
      gridCpu.push(r.cpuMs);
      cells = r.value.occurrences.length;
    }
    console.log(figure(`planner 7-day grid, ${TENANTS} tenants (${cells} occurrences; first run)`, gridRuns[0]!, 'ms', { max: 500 }));
    console.log(figure('planner 7-day grid (median of 5)', percentile(gridRuns, 50), 'ms', { max: 500 }));
    console.log(figure('  (CPU time of the same, median)', percentile(gridCpu, 50), 'ms'));
    scheduler.dispose();
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
