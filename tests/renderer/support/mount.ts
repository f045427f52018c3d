// Mounts a screen the way main.ts does (Pinia, router, Vuetify with Steward's defaults), against a
// FakeCore, with the console store already started.
import 'fake-indexeddb/auto';
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent, h, type Component } from 'vue';
import * as components from 'vuetify/components';
import * as directives from 'vuetify/directives';
import { VApp } from 'vuetify/components/VApp';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { DETAIL_ROUTES, NAV_ENTRIES } from '../../../renderer/src/navigation.js';
import { createStewardVuetify } from '../../../renderer/src/plugins/vuetify.js';
import { ReplicaDb } from '../../../renderer/src/replica/replica-db.js';
import { configureConsoleStore, useConsoleStore } from '../../../renderer/src/stores/console.js';
import type { FakeCore } from './fake-bridge.js';
import type { FakeFeed } from './fake-feed.js';

let count = 0;

// happy-dom has no visualViewport; Vuetify's overlays (dialogs, menus) read it to place themselves.
const stubbed = globalThis as unknown as { visualViewport?: unknown };
stubbed.visualViewport ??= { width: 1400, height: 900, offsetLeft: 0, offsetTop: 0, scale: 1, addEventListener: () => undefined, removeEventListener: () => undefined };

export interface Mounted {
  wrapper: VueWrapper;
  db: ReplicaDb;
  unmount(): Promise<void>;
}

export async function mountScreen(path: string, fake: FakeCore, feed: FakeFeed, options: { withLink?: boolean; wrap?: Component } = {}): Promise<Mounted> {
  fake.handle('system.info', () => ({ version: '0.1.0', consoleId: 'c1', agentGatewayUrl: 'wss://127.0.0.1:1', startedAt: '2026-01-01T00:00:00.000Z' })).handle('changes.since', feed.since);
  const db = new ReplicaDb(`mount-${++count}`);
  const pinia = createPinia();
  setActivePinia(pinia);
  configureConsoleStore({ bridge: fake.bridge(options.withLink), db });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [...NAV_ENTRIES.map((e) => ({ name: e.name, path: e.path, component: e.view })), ...DETAIL_ROUTES],
  });
  await useConsoleStore().start();
  await router.push(path);
  await router.isReady();
  const Root = defineComponent({ render: () => h(VApp, null, () => [options.wrap ? h(options.wrap) : null, h(RouterView)]) });
  const wrapper = mount(Root, { attachTo: document.body, global: { plugins: [pinia, router, createStewardVuetify('light', { components, directives })] } });
  await flushPromises();
  return {
    wrapper,
    db,
    async unmount() {
      wrapper.unmount();
      useConsoleStore().dispose();
      await db.delete();
      configureConsoleStore({});
    },
  };
}

/** Text of the whole document (dialogs and menus render outside the wrapper, in overlays). */
export function pageText(): string {
  return document.body.textContent?.replace(/\s+/g, ' ') ?? '';
}

export function byTestId(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid=${id}`);
  return el;
}

export function buttonByText(text: string, root: ParentNode = document): HTMLButtonElement {
  const button = [...root.querySelectorAll<HTMLButtonElement>('button, a.v-btn')].find((b) => b.textContent?.trim().includes(text));
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}
