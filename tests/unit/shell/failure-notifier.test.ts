import { describe, expect, it } from 'vitest';
import type { NavigationRequest } from '../../../shared/api/bridge.js';
import { DEFAULT_SETTINGS } from '../../../shared/model/settings.js';
import type { DesktopNotification } from '../../../electron/shell/desktop-notifications.js';
import { FailureNotifier } from '../../../electron/shell/failure-notifier.js';
import { busWith, computer, ID, manualSchedule, recordingDispatcher, recordingLogger, sessionSummary } from './fakes.js';

function setup(desktopOnFailure = true) {
  const { bus, emit } = busWith();
  const names: Record<string, string> = { [ID(1)]: 'reception-pc', [ID(2)]: 'accounts-laptop', [ID(3)]: 'server', [ID(4)]: 'kiosk' };
  const { dispatcher } = recordingDispatcher({
    'settings.get': () => ({ ...DEFAULT_SETTINGS, notifications: { desktopOnFailure }, updatedAt: '2026-01-01T00:00:00.000Z' }),
    'computers.get': (input) => {
      const { id } = input as { id: string };
      if (!names[id]) throw new Error('gone');
      return computer(Number(id.slice(-12)), true, names[id]);
    },
  });
  const shown: DesktopNotification[] = [];
  const opened: NavigationRequest[] = [];
  const timers = manualSchedule();
  const notifier = new FailureNotifier({ events: bus, api: dispatcher, notifier: { show: (n) => void shown.push(n) }, open: (r) => void opened.push(r), schedule: timers.schedule, logger: recordingLogger() });
  notifier.start();
  /** Fires the batch timer and waits for the notification to be built. */
  const settle = async () => {
    timers.fireAll();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { emit, shown, opened, settle, notifier, timers };
}

describe('the notification on session failure', () => {
  it('names the computer and the reason, and opens that session when clicked', async () => {
    const { emit, shown, opened, settle } = setup();
    emit({ type: 'session', session: sessionSummary(1, 1, 'failed', 'install of 7-Zip 24.08 exited with 1603') });
    await settle();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: 'Maintenance failed on reception-pc', body: 'install of 7-Zip 24.08 exited with 1603' });
    shown[0]!.onClick!();
    expect(opened).toEqual([{ view: 'session', sessionId: ID(501) }]);
  });

  it('shows nothing for sessions that did not fail', async () => {
    const { emit, shown, settle, timers } = setup();
    emit({ type: 'session', session: sessionSummary(1, 1, 'completed') });
    emit({ type: 'session', session: sessionSummary(2, 1, 'in-progress') });
    emit({ type: 'computer', computer: computer(1, false) });
    expect(timers.timers).toHaveLength(0);
    await settle();
    expect(shown).toEqual([]);
  });

  it('respects the setting notifications.desktopOnFailure', async () => {
    const { emit, shown, settle } = setup(false);
    emit({ type: 'session', session: sessionSummary(1, 1, 'failed') });
    await settle();
    expect(shown).toEqual([]);
  });

  it('gathers failures that land together into one notification that opens the failed sessions', async () => {
    const { emit, shown, opened, settle, timers } = setup();
    for (const n of [1, 2, 3, 4]) emit({ type: 'session', session: sessionSummary(n, n, 'failed') });
    expect(timers.timers).toHaveLength(1);
    await settle();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: 'Maintenance failed on 4 computers', body: 'reception-pc, accounts-laptop, server and 1 more.' });
    shown[0]!.onClick!();
    expect(opened).toEqual([{ view: 'sessions', status: 'failed' }]);
  });

  it('notifies a failure once even when it is announced again', async () => {
    const { emit, shown, settle } = setup();
    emit({ type: 'session', session: sessionSummary(1, 1, 'failed') });
    await settle();
    emit({ type: 'session', session: sessionSummary(1, 1, 'failed') });
    await settle();
    expect(shown).toHaveLength(1);
  });

  it('still notifies when the computer has been removed', async () => {
    const { emit, shown, settle } = setup();
    emit({ type: 'session', session: sessionSummary(1, 99, 'failed') });
    await settle();
    expect(shown[0]!.title).toBe('Maintenance failed on a computer that no longer exists');
    expect(shown[0]!.body).toBe('Open the session to see which action failed and why.');
  });

  it('cancels a gathered batch and stops listening when disposed', async () => {
    const { emit, shown, settle, notifier, timers } = setup();
    emit({ type: 'session', session: sessionSummary(1, 1, 'failed') });
    notifier.dispose();
    expect(timers.timers[0]!.cancelled).toBe(true);
    emit({ type: 'session', session: sessionSummary(2, 2, 'failed') });
    await settle();
    expect(shown).toEqual([]);
  });
});
