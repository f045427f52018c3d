// The current time as a ref that ticks (for "5 min ago" and running durations). It stops while its
// screen is hidden (kept alive but not shown) and when unmounted, so hidden tables do not re-render.
import { getCurrentInstance, onActivated, onDeactivated, onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';

export function useNow(intervalMs: MaybeRefOrGetter<number> = 30_000): Ref<number> {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  const start = () => {
    stop();
    now.value = Date.now();
    timer = setInterval(() => (now.value = Date.now()), toValue(intervalMs));
  };
  start();
  watch(() => toValue(intervalMs), start);
  if (getCurrentInstance()) {
    onActivated(start);
    onDeactivated(stop);
  }
  onScopeDispose(stop);
  return now;
}
