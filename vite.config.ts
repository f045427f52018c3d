// Builds the renderer (Vue 3 + Vuetify) into dist/renderer, loadable by the web console and by Electron.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';

/**
 * The landing screen (Dashboard) and the I/O code (bridge, contract, replica) load on demand, after
 * the main module has run. Naming them in the page's head lets the browser fetch and compile them
 * meanwhile (without running them) instead of one round trip later.
 */
function preloadOnStart(entries: string[]): Plugin {
  return {
    name: 'steward-preload-on-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = chunks.get(fileName);
          if (!chunk || scripts.has(fileName) || html.includes(fileName)) return;
          scripts.add(fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) if (!html.includes(css)) styles.add(css);
          for (const imported of chunk.imports) visit(imported);
        };
        for (const chunk of chunks.values()) if (entries.some((e) => chunk.facadeModuleId?.endsWith(e))) visit(chunk.fileName);
        return [
          ...[...scripts].map((href) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
          ...[...styles].map((href) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

/**
 * Vuetify's components take their visibility observer from this shim instead (the reason is in the
 * shim). Only imports made by Vuetify's own files are redirected.
 */
function elementIntersectionShim(): Plugin {
  const shim = fileURLToPath(new URL('./renderer/src/plugins/element-intersection.ts', import.meta.url));
  return {
    name: 'steward-element-intersection',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && /[\\/]node_modules[\\/]vuetify[\\/]lib[\\/]/.test(importer) && source.endsWith('/composables/intersectionObserver.js')) return shim;
      return null;
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [elementIntersectionShim(), vue(), vuetify({ autoImport: true }), preloadOnStart(['/views/DashboardView.vue', '/src/io.ts'])],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
