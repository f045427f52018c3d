import { describe, expect, it } from 'vitest';
import type { ConsoleEvent } from '../../../shared/api/events.js';
import { IPC } from '../../../electron/shell/ipc-channels.js';
import { RendererRegistry } from '../../../electron/shell/renderer-registry.js';
import { busWith, computer, FakeRenderer, ID, sessionSummary } from './fakes.js';

const log = (sessionId: string): ConsoleEvent => ({ type: 'log', sessionId, lines: [{ seq: 1, at: '2026-01-01T00:00:00.000Z', level: 'stdout', actionId: null, text: 'x' }] });

function setup() {
  const { bus, emit } = busWith();
  const registry = new RendererRegistry(bus);
  const renderer = new FakeRenderer(3);
  const channels = registry.add(renderer);
  const events = () => renderer.sent.filter((m) => m.channel === IPC.event).map((m) => m.payload as ConsoleEvent);
  const navigations = () => renderer.sent.filter((m) => m.channel === IPC.navigate).map((m) => m.payload);
  return { bus, emit, registry, renderer, channels, events, navigations };
}

describe('core events in the window', () => {
  it('forwards every event but log lines', () => {
    const { emit, events } = setup();
    emit({ type: 'session', session: sessionSummary(1, 1, 'completed') });
    emit({ type: 'computer', computer: computer(1, true) });
    emit({ type: 'changes', cursor: 4 });
    emit(log('s1'));
    expect(events().map((e) => e.type)).toEqual(['session', 'computer', 'changes']);
  });

  it('forwards log lines of subscribed sessions until the last subscription ends', () => {
    const { emit, registry, events } = setup();
    registry.subscribeLogs(3, 's1');
    registry.subscribeLogs(3, 's1'); // two views follow the same session
    emit(log('s1'));
    registry.unsubscribeLogs(3, 's1');
    emit(log('s1'));
    registry.unsubscribeLogs(3, 's1');
    emit(log('s1'));
    expect(events()).toHaveLength(2);
  });

  it("forwards every session's log lines after subscribing to '*'", () => {
    const { emit, registry, events } = setup();
    registry.subscribeLogs(3, '*');
    emit(log('a'));
    emit(log('b'));
    expect(events()).toHaveLength(2);
  });

  it('drops subscriptions when the page reloads, and sends nothing to a destroyed window', () => {
    const { emit, registry, channels, renderer, events } = setup();
    registry.subscribeLogs(3, 's1');
    channels.reset();
    emit(log('s1'));
    expect(events()).toHaveLength(0);
    renderer.destroyed = true;
    emit({ type: 'changes', cursor: 1 });
    expect(renderer.sent).toHaveLength(0);
  });

  it('ignores subscriptions for windows it does not know', () => {
    const { emit, registry, events } = setup();
    registry.subscribeLogs(42, 's1');
    emit(log('s1'));
    expect(events()).toHaveLength(0);
  });

  it('stops listening to the core when the window goes', () => {
    const { bus, channels, registry } = setup();
    expect(bus.size).toBe(1);
    channels.dispose();
    expect(bus.size).toBe(0);
    registry.add(new FakeRenderer(4));
    registry.dispose();
    expect(bus.size).toBe(0);
  });
});

describe('navigation requests', () => {
  it('waits until the renderer listens, then delivers only the latest request once', () => {
    const { channels, registry, navigations } = setup();
    channels.navigation.request({ view: 'sessions' });
    channels.navigation.request({ view: 'session', sessionId: ID(1) });
    expect(navigations()).toEqual([]);
    registry.navigateReady(3);
    expect(navigations()).toEqual([{ view: 'session', sessionId: ID(1) }]);
    registry.navigateReady(3);
    expect(navigations()).toHaveLength(1);
  });

  it('delivers at once to a listening renderer, and waits again after a reload', () => {
    const { channels, registry, navigations } = setup();
    registry.navigateReady(3);
    channels.navigation.request({ view: 'sessions', status: 'failed' });
    expect(navigations()).toEqual([{ view: 'sessions', status: 'failed' }]);
    channels.reset();
    channels.navigation.request({ view: 'session', sessionId: ID(2) });
    expect(navigations()).toHaveLength(1);
    registry.navigateReady(3);
    expect(navigations()).toHaveLength(2);
  });
});
