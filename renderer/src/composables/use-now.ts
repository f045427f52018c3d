// The current time as a ref that ticks (for "5 min ago" and running durations), stopped on unmount.
import { onScopeDispose, ref, type Ref } from 'vue';

export function useNow(intervalMs = 30_000): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
