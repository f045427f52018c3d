// A dialog mounts the first time it opens, not with its screen: a VDialog's setup (overlay,
// activator, focus trap, the form inside) cost ~10 ms of each screen's first visit, for a dialog
// most visits never open. Once mounted it stays, so it reopens at once and keeps what it holds.
import { ref, watch, type Ref } from 'vue';

export function useOpenedOnce(open: Ref<boolean>): Readonly<Ref<boolean>> {
  const opened = ref(open.value);
  // Synchronously, so the dialog mounts in the same render that opens it.
  const stop = watch(open, (isOpen) => {
    if (!isOpen) return;
    opened.value = true;
    stop();
  }, { flush: 'sync' });
  return opened;
}
