// Bundles the sandboxed preload (electron/preload.ts) into one CommonJS file, dist/electron/preload.cjs:
// a sandboxed preload may require only 'electron', so everything else it uses is inlined here.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/electron',
    emptyOutDir: false,
    target: 'chrome140',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    lib: { entry: 'electron/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rolldownOptions: { external: ['electron'] },
  },
});
