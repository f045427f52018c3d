// The renderer's entry: mounts the console UI and paints the first screen, then loads the I/O code,
// reads the replica and connects to the core (none of which may delay that first paint).
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { afterPaint, whenIdle } from './after-paint.js';
import App from './App.vue';
import { prefetchViews } from './navigation.js';
import { createStewardVuetify } from './plugins/vuetify.js';
import { createStewardRouter, preloadAddressedView } from './router.js';
import { readPreferences } from './stores/preferences.js';
import { useConsoleStore } from './stores/console.js';
import { useSettingsStore } from './stores/settings.js';
import { useSessionsStore } from './stores/sessions.js';
import './styles.css';

const app = createApp(App);
const router = createStewardRouter();
preloadAddressedView(router);
app.use(createPinia());
app.use(router);
app.use(createStewardVuetify(readPreferences().theme));
app.mount('#app');

// The first route's view loads asynchronously; wait until it is on screen before starting work.
void router
  .isReady()
  .then(afterPaint)
  .then(() => {
    const core = useConsoleStore();
    // A clicked failure notification or tray entry (desktop app) opens the session or the list.
    core.onNavigationRequest((request) => {
      if (request.view === 'session') return void router.push({ name: 'session', params: { id: request.sessionId } });
      useSessionsStore().filters.status = request.status ? [request.status] : [];
      void router.push({ name: 'sessions' });
    });
    // Settings opens with its document at hand (not a skeleton, then the form) once the core answered.
    void core.start().then(() => whenIdle(() => void useSettingsStore().load().catch(() => undefined), 5000));
    // The other screens' code is fetched meanwhile, one screen per idle moment (prefetchViews), so
    // it is there before the first click; all ~40 chunks at once had delayed the first screen's rows.
    whenIdle(prefetchViews, 5000);
  });
