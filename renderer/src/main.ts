// The renderer's entry: mounts the console UI at once (from the replica), then connects to the core.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { prefetchViews } from './navigation.js';
import { createStewardVuetify } from './plugins/vuetify.js';
import { createStewardRouter } from './router.js';
import { readPreferences } from './stores/preferences.js';
import { useConsoleStore } from './stores/console.js';
import './styles.css';

const app = createApp(App);
app.use(createPinia());
app.use(createStewardRouter());
app.use(createStewardVuetify(readPreferences().theme));
app.mount('#app');

// The replica is read and the core contacted after the first paint, never before it.
requestAnimationFrame(() => {
  setTimeout(() => {
    void useConsoleStore().start();
    prefetchViews();
  }, 0);
});
