// "After the next frame has painted": a timer queued from an animation-frame callback runs once the
// browser has drawn that frame, so work started there does not delay what the frame shows.
export const afterPaint = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
