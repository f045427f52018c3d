// Builds the renderer (Vue 3 + Vuetify) into dist/renderer, loadable by the web console and by Electron.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [vue(), vuetify({ autoImport: true })],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
