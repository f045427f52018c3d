// "After the next frame has painted": a timer queued from an animation-frame callback runs once the
// browser has drawn that frame, so work started there does not delay what the frame shows.
export const afterPaint = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Runs `task` when the browser has nothing else to do, or after `timeout` ms at the latest. Safari
 * has no requestIdleCallback: there a short timer stands in for it.
 */
export function whenIdle(task: () => void, timeout: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout });
  else setTimeout(task, Math.min(timeout, 50));
}
