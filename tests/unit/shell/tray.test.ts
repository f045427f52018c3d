import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outcomeNotification, runAllOnline } from '../../../electron/shell/run-all-online.js';
import { TrayController, trayMenu, trayTooltip, type TrayMenuEntry } from '../../../electron/shell/tray-menu.js';
import { busWith, computer, ID, recordingDispatcher, recordingLogger } from './fakes.js';

const items = (menu: TrayMenuEntry[]) => menu.map((e) => (e.kind === 'separator' ? '---' : `${e.label}${e.enabled ? '' : ' (disabled)'}`));

describe('the tray menu', () => {
  it('offers open, run on all online computers and quit', () => {
    expect(items(trayMenu({ known: 5, online: 3, running: false }))).toEqual(['Open Steward', 'Run maintenance on all online computers (3)', '---', 'Quit Steward']);
  });

  it('disables running when no computer is online, or while a run is being queued', () => {
    expect(items(trayMenu({ known: 5, online: 0, running: false }))[1]).toBe('Run maintenance on all online computers (none online) (disabled)');
    expect(items(trayMenu({ known: 5, online: 2, running: true }))[1]).toBe('Run maintenance on all online computers (2) (disabled)');
  });

  it('says in the tooltip how many computers are online', () => {
    expect(trayTooltip({ known: 0, online: 0, running: false })).toBe('Steward — no computers enrolled yet');
    expect(trayTooltip({ known: 1, online: 1, running: false })).toBe('Steward — 1 of 1 computer online');
    expect(trayTooltip({ known: 12, online: 7, running: false })).toBe('Steward — 7 of 12 computers online');
  });

  it('has icons: PNGs at 1x and 2x, and macOS template images', () => {
    const size = (file: string) => {
      const png = readFileSync(new URL(`../../../resources/tray/${file}`, import.meta.url));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size('tray.png')).toEqual([16, 16]);
    expect(size('tray@2x.png')).toEqual([32, 32]);
    expect(size('trayTemplate.png')).toEqual([16, 16]);
    expect(size('trayTemplate@2x.png')).toEqual([32, 32]);
  });
});

describe('the tray controller', () => {
  function setup(computers = [computer(1, true), computer(2, false), computer(3, true)]) {
    const { bus, emit } = busWith();
    const { dispatcher } = recordingDispatcher({ 'computers.list': () => ({ items: computers }) });
    const renders: { menu: TrayMenuEntry[]; tooltip: string }[] = [];
    const done: string[] = [];
    let finishRun: () => void = () => {};
    const controller = new TrayController({ render: (menu, tooltip) => void renders.push({ menu, tooltip }) }, bus, dispatcher, {
      open: () => void done.push('open'),
      quit: () => void done.push('quit'),
      runAllOnline: () => new Promise<void>((resolve) => (finishRun = resolve)),
    }, recordingLogger());
    return { controller, emit, renders, done, finish: () => finishRun() };
  }

  it('counts online computers from the list, then follows computer events', async () => {
    const { controller, emit, renders } = setup();
    await controller.start();
    expect(renders.at(-1)!.tooltip).toBe('Steward — 2 of 3 computers online');
    emit({ type: 'computer', computer: computer(2, true) });
    expect(renders.at(-1)!.tooltip).toBe('Steward — 3 of 3 computers online');
    emit({ type: 'computer', computer: computer(4, false) });
    expect(renders.at(-1)!.tooltip).toBe('Steward — 3 of 4 computers online');
  });

  it('does not redraw for events that change nothing visible (heartbeats)', async () => {
    const { controller, emit, renders } = setup();
    await controller.start();
    const count = renders.length;
    emit({ type: 'computer', computer: computer(1, true) });
    emit({ type: 'computer', computer: computer(1, true) });
    expect(renders).toHaveLength(count);
  });

  it('opens and quits on command, and runs once at a time with the item disabled meanwhile', async () => {
    const { controller, renders, done, finish } = setup();
    await controller.start();
    await controller.command('open');
    await controller.command('quit');
    expect(done).toEqual(['open', 'quit']);
    const running = controller.command('run-all-online');
    expect(controller.state.running).toBe(true);
    expect(items(renders.at(-1)!.menu)[1]).toContain('(disabled)');
    await controller.command('run-all-online'); // ignored while the first is in flight
    finish();
    await running;
    expect(controller.state.running).toBe(false);
    expect(items(renders.at(-1)!.menu)[1]).toBe('Run maintenance on all online computers (2)');
  });

  it('stops following events once disposed', async () => {
    const { controller, emit, renders } = setup();
    await controller.start();
    controller.dispose();
    const count = renders.length;
    emit({ type: 'computer', computer: computer(9, true) });
    expect(renders).toHaveLength(count);
  });
});

describe('running maintenance on all online computers', () => {
  const online = [computer(1, true), computer(2, false), computer(3, true)];

  it('asks first, then queues one manual session per online computer', async () => {
    const { dispatcher, calls } = recordingDispatcher({
      'computers.list': () => ({ items: online }),
      'maintenance.run': (input) => ({ sessionIds: (input as { computerIds: string[] }).computerIds.map((_, i) => ID(700 + i)) }),
    });
    const asked: number[] = [];
    const outcome = await runAllOnline(dispatcher, (count) => (asked.push(count), Promise.resolve(true)));
    expect(asked).toEqual([2]);
    expect(outcome).toEqual({ kind: 'queued', count: 2, sessionIds: [ID(700), ID(701)] });
    expect(calls.find((c) => c.method === 'maintenance.run')!.input).toEqual({ computerIds: [ID(1), ID(3)], priority: 'normal' });
  });

  it('queues nothing when the user cancels', async () => {
    const { dispatcher, calls } = recordingDispatcher({ 'computers.list': () => ({ items: online }) });
    expect(await runAllOnline(dispatcher, () => Promise.resolve(false))).toEqual({ kind: 'cancelled', count: 2 });
    expect(calls.map((c) => c.method)).toEqual(['computers.list']);
  });

  it('does not ask when no computer is online', async () => {
    const { dispatcher } = recordingDispatcher({ 'computers.list': () => ({ items: [computer(1, false)] }) });
    let asked = false;
    expect(await runAllOnline(dispatcher, () => Promise.resolve((asked = true)))).toEqual({ kind: 'none-online' });
    expect(asked).toBe(false);
  });

  it('reports an API failure in words', async () => {
    const { dispatcher } = recordingDispatcher({
      'computers.list': () => ({ items: online }),
      'maintenance.run': () => {
        throw new Error('disk full');
      },
    });
    const outcome = await runAllOnline(dispatcher, () => Promise.resolve(true));
    expect(outcome).toEqual({ kind: 'failed', message: 'internal error in maintenance.run: disk full' });
  });

  it('tells the user the outcome; a click on "queued" opens the sessions list', () => {
    const opened: unknown[] = [];
    const open = (r: unknown) => void opened.push(r);
    expect(outcomeNotification({ kind: 'cancelled', count: 2 }, open)).toBeNull();
    expect(outcomeNotification({ kind: 'none-online' }, open)!.title).toBe('No computer is online');
    expect(outcomeNotification({ kind: 'failed', message: 'disk full' }, open)!.body).toBe('disk full');
    const queued = outcomeNotification({ kind: 'queued', count: 1, sessionIds: [ID(1)] }, open)!;
    expect(queued.title).toBe('Maintenance queued on 1 computer');
    queued.onClick!();
    expect(opened).toEqual([{ view: 'sessions' }]);
  });
});
