// A flag for a screen's secondary controls (filters, pager): it turns on once the screen's content
// has been painted, or after `latestMs` if the content is slow to come. On a fresh tab the rows
// then show ~150 ms sooner; the controls, kept at their size by a placeholder, follow a moment later.
import { onScopeDispose, ref, watch, type Ref, type WatchSource } from 'vue';
import { afterPaint, whenIdle } from '../after-paint.js';

export function useAfterContent(contentShown: WatchSource<boolean>, latestMs = 300): Readonly<Ref<boolean>> {
  const ready = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = setTimeout(() => show(), latestMs);
  function show(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    ready.value = true;
    stopWatch();
  }
  // After the frame that paints the content, once the browser is idle: a timer would run before
  // whatever else was waiting for that frame (~80 ms of Vuetify fields on Sessions).
  const stopWatch = watch(contentShown, (shown) => {
    if (shown) void afterPaint().then(() => whenIdle(show, 100));
  }, { immediate: true });
  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer);
    stopWatch();
  });
  return ready;
}
