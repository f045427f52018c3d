// Asks the renderer to open a view (a clicked notification, the tray). A request made while the page
// is still loading waits until the renderer says it listens, so it is neither lost nor sent twice.
import type { NavigationRequest } from '../../shared/api/bridge.js';
import { IPC } from './ipc-channels.js';
import type { RendererTarget } from './renderer-target.js';

export class NavigationRequests {
  private ready = false;
  /** Only the latest request matters: the user clicked the newest notification. */
  private pending: NavigationRequest | null = null;

  constructor(private readonly target: RendererTarget) {}

  request(request: NavigationRequest): void {
    this.pending = request;
    this.flush();
  }

  /** The renderer registered a navigation listener. */
  markReady(): void {
    this.ready = true;
    this.flush();
  }

  /** The page is (re)loading: nobody listens until it says so again. */
  reset(): void {
    this.ready = false;
  }

  private flush(): void {
    if (!this.ready || !this.pending || this.target.isDestroyed()) return;
    this.target.send(IPC.navigate, this.pending);
    this.pending = null;
  }
}
