// Who may talk to the main process: only the main frame of a Steward window showing app://steward.
// Checked before any payload is looked at (VS Code's validated ipcMain does the same).
import { isAppUrl } from './app-origin.js';

/** The parts of Electron's WebFrameMain the check reads. */
export interface IpcSenderFrame {
  readonly url: string;
  /** null for a main frame. */
  readonly parent: unknown;
}

/** The parts of Electron's IpcMainEvent / IpcMainInvokeEvent the check reads. */
export interface IpcSenderEvent {
  /** null once the frame has navigated away or been destroyed. */
  readonly senderFrame: IpcSenderFrame | null;
  readonly sender: { readonly id: number };
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export class SenderPolicy {
  private readonly trusted = new Set<number>();

  /** Trusts the web contents of a window this process created; returns the way to stop trusting it. */
  trust(webContentsId: number): { dispose(): void } {
    this.trusted.add(webContentsId);
    return { dispose: () => void this.trusted.delete(webContentsId) };
  }

  check(event: IpcSenderEvent): SenderVerdict {
    const frame = event.senderFrame;
    if (!frame) return { ok: false, reason: 'the sending frame is gone' };
    if (frame.parent !== null) return { ok: false, reason: 'messages from a subframe are refused' };
    if (!isAppUrl(frame.url)) return { ok: false, reason: `messages from ${describe(frame.url)} are refused` };
    if (!this.trusted.has(event.sender.id)) return { ok: false, reason: 'the sender is not a Steward window' };
    return { ok: true };
  }
}

/** The origin only: a URL's path and query may hold things that do not belong in a log. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return 'an unparsable URL';
  }
}
