// The router: hash history, because the same build is loaded from the web console (any path) and
// from the desktop app's app:// scheme (a file), and relative asset URLs must resolve in both.
import { createRouter, createWebHashHistory, type Router, type RouteRecordRaw } from 'vue-router';
import { DETAIL_ROUTES, NAV_ENTRIES, SCREEN_LOADERS } from './navigation.js';

const notFound = () => import('./views/NotFoundView.vue');

const ROUTES: RouteRecordRaw[] = [
  // Top-level screens stay alive between visits (AppShell's KeepAlive): coming back is instant.
  ...NAV_ENTRIES.map((e) => ({ name: e.name, path: e.path, component: e.view, meta: { parent: e.name, title: e.title, keepAlive: true } })),
  ...DETAIL_ROUTES,
  { path: '/:pathMatch(.*)*', name: 'not-found', component: notFound, meta: { parent: '', title: 'Not found' } },
];

/** Every route's screen is loaded on demand: these are the loaders. */
const VIEW_LOADERS = new Set<unknown>([...SCREEN_LOADERS, notFound]);

/**
 * Starts fetching the code of the screen the address names. Called before the app mounts: the
 * router only asks for it once its first navigation runs, after the shell's mount (~300 ms on a
 * fresh tab), and the request then started only after it.
 */
export function preloadAddressedView(router: Router): void {
  for (const record of router.resolve(router.options.history.location).matched) {
    const component = record.components?.default;
    if (VIEW_LOADERS.has(component)) void (component as () => Promise<unknown>)().catch(() => undefined);
  }
}

export function createStewardRouter() {
  const router = createRouter({ history: createWebHashHistory(), routes: ROUTES });
  router.afterEach((to) => {
    const title = typeof to.meta.title === 'string' ? to.meta.title : '';
    document.title = title ? `${title} · Steward` : 'Steward';
  });
  return router;
}
