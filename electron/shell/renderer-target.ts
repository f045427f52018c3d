// The parts of Electron's WebContents that the main process sends through (a fake in unit tests).
export interface RendererTarget {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, payload?: unknown): void;
}
