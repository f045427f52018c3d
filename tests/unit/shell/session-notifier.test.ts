import { describe, expect, it } from 'vitest';
import type { NavigationRequest } from '../../../shared/api/bridge.js';
import type { DesktopNotice } from '../../../shared/model/notification.js';
import type { DesktopNotification } from '../../../electron/shell/desktop-notifications.js';
import { SessionNotifier } from '../../../electron/shell/session-notifier.js';
import { busWith, computer, ID, manualSchedule, recordingDispatcher, recordingLogger, sessionSummary } from './fakes.js';

function notice(n: number, computerN: number, status = 'failed', body = 'Acme: install of 7-Zip 24.08 exited with 1603'): DesktopNotice {
  return { id: ID(900 + n), sessionId: ID(500 + n), computerId: ID(computerN), status, title: `Session ${status} on pc-${computerN}`, body };
}

function setup() {
  const { bus, emit } = busWith();
  const names: Record<string, string> = { [ID(1)]: 'reception-pc', [ID(2)]: 'accounts-laptop', [ID(3)]: 'server', [ID(4)]: 'kiosk' };
  const { dispatcher } = recordingDispatcher({
    'computers.get': (input) => {
      const { id } = input as { id: string };
      if (!names[id]) throw new Error('gone');
      return computer(Number(id.slice(-12)), true, names[id]);
    },
  });
  const shown: DesktopNotification[] = [];
  const opened: NavigationRequest[] = [];
  const timers = manualSchedule();
  const notifier = new SessionNotifier({ events: bus, api: dispatcher, notifier: { show: (n) => void shown.push(n) }, open: (r) => void opened.push(r), schedule: timers.schedule, logger: recordingLogger() });
  notifier.start();
  /** Fires the batch timer and waits for the notification to be built. */
  const settle = async () => {
    timers.fireAll();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { emit, shown, opened, settle, notifier, timers };
}

describe('the native notification of a finished session', () => {
  it("shows the core's notice and opens that session when clicked", async () => {
    const { emit, shown, opened, settle } = setup();
    emit({ type: 'notice', notice: notice(1, 1) });
    await settle();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: 'Session failed on pc-1', body: 'Acme: install of 7-Zip 24.08 exited with 1603' });
    shown[0]!.onClick!();
    expect(opened).toEqual([{ view: 'session', sessionId: ID(501) }]);
  });

  it('shows nothing for session events without a notice (the core decided none was wanted)', async () => {
    const { emit, shown, settle, timers } = setup();
    emit({ type: 'session', session: sessionSummary(1, 1, 'failed') });
    emit({ type: 'computer', computer: computer(1, false) });
    expect(timers.timers).toHaveLength(0);
    await settle();
    expect(shown).toEqual([]);
  });

  it('gathers failures that land together into one notification that opens the failed sessions', async () => {
    const { emit, shown, opened, settle, timers } = setup();
    for (const n of [1, 2, 3, 4]) emit({ type: 'notice', notice: notice(n, n) });
    expect(timers.timers).toHaveLength(1);
    await settle();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: 'Maintenance failed on 4 computers', body: 'reception-pc, accounts-laptop, server and 1 more.' });
    shown[0]!.onClick!();
    expect(opened).toEqual([{ view: 'sessions', status: 'failed' }]);
  });

  it('says how many sessions ended when successes asked to be notified too', async () => {
    const { emit, shown, opened, settle } = setup();
    emit({ type: 'notice', notice: notice(1, 1, 'completed') });
    emit({ type: 'notice', notice: notice(2, 99, 'failed') });
    await settle();
    expect(shown[0]).toMatchObject({ title: '2 sessions ended', body: 'reception-pc, a computer that no longer exists.' });
    shown[0]!.onClick!();
    expect(opened).toEqual([{ view: 'sessions' }]);
  });

  it('notifies a session once even when its notice is announced again', async () => {
    const { emit, shown, settle } = setup();
    emit({ type: 'notice', notice: notice(1, 1) });
    await settle();
    emit({ type: 'notice', notice: notice(1, 1) });
    await settle();
    expect(shown).toHaveLength(1);
  });

  it('cancels a gathered batch and stops listening when disposed', async () => {
    const { emit, shown, settle, notifier, timers } = setup();
    emit({ type: 'notice', notice: notice(1, 1) });
    notifier.dispose();
    expect(timers.timers[0]!.cancelled).toBe(true);
    emit({ type: 'notice', notice: notice(2, 2) });
    await settle();
    expect(shown).toEqual([]);
  });
});
