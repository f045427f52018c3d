// Runs `start` while the screen is on display and calls the function it returned when the screen
// is hidden: screens kept alive between visits (KeepAlive) stop following events while hidden,
// and catch up (start runs again) when shown.
import { onActivated, onDeactivated, onMounted, onUnmounted } from 'vue';

export function useWhileShown(start: () => () => void): void {
  let stop: (() => void) | null = null;
  const on = () => {
    stop ??= start();
  };
  const off = () => {
    stop?.();
    stop = null;
  };
  onMounted(on);
  onActivated(on);
  onDeactivated(off);
  onUnmounted(off);
}
