// A flag that turns on only when a load has lasted a noticeable moment: lists keep their rows and
// show no spinner for a fast answer, so a filter change costs one re-render, not three.
import { onScopeDispose, ref, watch, type Ref, type WatchSource } from 'vue';

export function useSlow(loading: WatchSource<boolean | undefined>, afterMs = 200): Readonly<Ref<boolean>> {
  const slow = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  watch(loading, (now) => {
    stop();
    if (now) timer = setTimeout(() => (slow.value = true), afterMs);
    else slow.value = false;
  }, { immediate: true });
  onScopeDispose(stop);
  return slow;
}
