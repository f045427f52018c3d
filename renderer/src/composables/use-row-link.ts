// Links from table rows to a detail screen as plain anchors. The address is resolved once, outside
// any render: a RouterLink per row, or router.resolve() in the render (it reads the current route),
// made every row re-render on each route change — and the filters live in the route.
import { useRouter } from 'vue-router';

/** A plain left click, which the app handles in place; with a modifier key (or another button) the browser opens a tab. */
export const isPlainClick = (event: MouseEvent): boolean => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

const PLACEHOLDER = 'row-id-placeholder';

export function useRowLink(name: string) {
  const router = useRouter();
  const template = router.resolve({ name, params: { id: PLACEHOLDER } }).href;

  const href = (id: string): string => template.replace(PLACEHOLDER, encodeURIComponent(id));

  function open(id: string): void {
    void router.push({ name, params: { id } });
  }

  function follow(event: MouseEvent, id: string): void {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    open(id);
  }

  return { href, open, follow };
}
