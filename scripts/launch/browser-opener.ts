// The command that opens a URL in the user's browser, if this machine has one to offer.
export type Which = (command: string) => boolean;

export function browserOpener(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, which: Which): ((url: string) => [string, string[]]) | null {
  if (platform === 'darwin') return (url) => ['open', [url]];
  if (platform === 'win32') return (url) => ['rundll32', ['url.dll,FileProtocolHandler', url]];
  // Without a display, xdg-open would pick a text browser or fail: printing the URL is better.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  if (which('xdg-open')) return (url) => ['xdg-open', [url]];
  return null;
}
