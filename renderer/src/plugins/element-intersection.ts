// Stands in for Vuetify's `composables/intersectionObserver.js` (see vite.config.ts): the same
// observer, without its synchronous first measurement.
//
// Every text field and select renders an idle progress bar (VField's loader), and the progress bar
// watches its own visibility. Vuetify asks for an immediate first entry, which reads
// getBoundingClientRect() while the screen is still being mounted: a forced layout of the whole
// new screen (~40 ms on the Computers screen) that the next frame then does again. That first
// entry always says "not intersecting", which is also the value before the observer reports, so
// nothing that reads it changes.
import { useElementIntersection as observe } from '@vuetify/v0';

export const useElementIntersection: typeof observe = (target, options = {}) => observe(target, { immediate: false, ...options });
