// The renderer's entry: mounts the Steward console UI.
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
