// The Chromium half of the reporting benchmark: how long the sessions view takes to show its first
// page after navigating, and to show the result of a filter or sort change.
export interface BrowserFigures {
  firstPageMs: number;
  changes: { name: string; ms: number }[];
}

/** Returns null while the renderer has no sessions view to measure. */
export function measureInChromium(_baseUrl: string, _token: string, _ids: { tenantId: string }): Promise<BrowserFigures | null> {
  return Promise.resolve(null);
}
