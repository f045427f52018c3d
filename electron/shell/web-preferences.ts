// The security settings of every Steward window, in one place so a test can pin them down.
import type { WebPreferences } from 'electron';

/**
 * Sandboxed, context-isolated, no Node in the page, web security on: the renderer can reach the
 * main process only through the preload's `window.steward`.
 */
export function secureWebPreferences(preload: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  };
}
