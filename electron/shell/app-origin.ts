// The desktop renderer's origin: app://steward. Served by our own scheme handler, so "the sender is
// the app's origin" means the code came from the packaged renderer, not from the web.
export const APP_SCHEME = 'app';
export const APP_HOST = 'steward';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for URLs of the app's own origin. Compared by protocol and host, because WHATWG `origin`
 * is "null" for custom schemes, which would make every custom-scheme URL look alike.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '' && parsed.port === '';
}
