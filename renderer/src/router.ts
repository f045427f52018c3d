// The router: hash history, because the same build is loaded from the web console (any path) and
// from the desktop app's app:// scheme (a file), and relative asset URLs must resolve in both.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { DETAIL_ROUTES, NAV_ENTRIES } from './navigation.js';

export function createStewardRouter() {
  const routes: RouteRecordRaw[] = [
    ...NAV_ENTRIES.map((e) => ({ name: e.name, path: e.path, component: e.view, meta: { parent: e.name, title: e.title } })),
    ...DETAIL_ROUTES,
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { parent: '', title: 'Not found' } },
  ];
  const router = createRouter({ history: createWebHashHistory(), routes });
  router.afterEach((to) => {
    const title = typeof to.meta.title === 'string' ? to.meta.title : '';
    document.title = title ? `${title} · Steward` : 'Steward';
  });
  return router;
}
