// A flag for the part of a long screen below the fold: it turns on once the screen's top has been
// painted and the browser is idle (or after `latestMs`). Settings mounts ~40 form components; its
// first visit showed nothing for ~250 ms, and now paints the visible cards in ~150 ms, the rest
// following before a user can scroll to them.
import { onMounted, ref, type Ref } from 'vue';
import { afterPaint, whenIdle } from '../after-paint.js';

export function useRevealWhenIdle(latestMs = 300): Readonly<Ref<boolean>> {
  const ready = ref(false);
  onMounted(() => void afterPaint().then(() => whenIdle(() => (ready.value = true), latestMs)));
  return ready;
}
