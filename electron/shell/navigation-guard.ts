// Keeps every window on app://steward: navigation elsewhere is stopped, new windows are refused, and
// only https: links leave the app — opened in the user's browser, never inside Steward.
import type { WebContents } from 'electron';
import type { Logger } from '../core/ports.js';
import { isAppUrl } from './app-origin.js';

export type LinkDecision = { action: 'open-externally'; url: string } | { action: 'deny' };

/** What to do with a link that would leave the app. Only https: goes out (not http:, file:, mailto:, custom schemes). */
export function externalLinkDecision(url: string): LinkDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { action: 'deny' };
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return { action: 'deny' };
  return { action: 'open-externally', url: parsed.href };
}

export interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

export class NavigationGuard {
  constructor(
    private readonly openExternal: (url: string) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** will-navigate: a page link or script moving the main frame. */
  readonly onWillNavigate = (event: NavigationEvent): void => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    this.follow(event.url);
  };

  /** will-frame-navigate and will-redirect: stopped when they leave the app, never opened. */
  readonly onOtherNavigation = (event: NavigationEvent): void => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    this.logger.warn('navigation away from the app stopped', { url: originOf(event.url) });
  };

  /** setWindowOpenHandler: no window is ever opened by the page. */
  readonly onWindowOpen = (details: { url: string }): { action: 'deny' } => {
    this.follow(details.url);
    return { action: 'deny' };
  };

  /** Wires the handlers into a web contents (every one the app creates). */
  attach(contents: WebContents): void {
    contents.on('will-navigate', this.onWillNavigate);
    contents.on('will-frame-navigate', this.onOtherNavigation);
    contents.on('will-redirect', this.onOtherNavigation);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(this.onWindowOpen);
  }

  private follow(url: string): void {
    const decision = externalLinkDecision(url);
    if (decision.action === 'deny') {
      this.logger.warn('link refused: only https: links open, in the browser', { url: originOf(url) });
      return;
    }
    this.openExternal(decision.url).catch((error: unknown) => this.logger.warn('could not open the browser', { error: (error as Error).message }));
  }
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return 'an unparsable URL';
  }
}
