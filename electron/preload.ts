// The desktop window's only door to the main process: `window.steward` holds exactly the Console
// API methods grouped by domain, plus event subscriptions that return an unsubscribe function —
// never ipcRenderer or a generic invoke. A sandboxed preload must be one CommonJS file that requires
// nothing but 'electron', so `npm run build` bundles this into dist/electron/preload.cjs (vite.preload.config.ts).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { methodsByDomain, type BridgeEvents, type Domain, type DomainApi, type NavigationRequest, type StewardBridge } from '../shared/api/bridge.js';
import type { MethodName } from '../shared/api/contract.js';
import type { ConsoleEvent } from '../shared/api/events.js';
import { apiChannel, IPC, type IpcResult } from './shell/ipc-channels.js';

async function call(method: MethodName, input: unknown): Promise<unknown> {
  const result = (await ipcRenderer.invoke(apiChannel(method), input)) as IpcResult;
  if (result.ok) return result.value;
  // A plain BridgeError object, not an Error: contextBridge keeps only an Error's message, and the
  // renderer needs the code and the field at fault.
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
  return Promise.reject(result.error);
}

/** Every method of the contract, found at run time; the bundle test checks nothing else is there. */
function domains(): { [D in Domain]: DomainApi<D> } {
  const out: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const [domain, names] of Object.entries(methodsByDomain())) {
    const methods: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const name of names) methods[name] = (input) => call(`${domain}.${name}` as MethodName, input);
    out[domain] = methods;
  }
  return out as { [D in Domain]: DomainApi<D> };
}

/** Listens on a main → renderer channel; the returned function removes exactly this listener. */
function listen<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => void ipcRenderer.removeListener(channel, handler);
}

const events: Required<BridgeEvents> = {
  onEvent: (listener) => listen<ConsoleEvent>(IPC.event, listener),
  subscribeLogs(sessionId) {
    ipcRenderer.send(IPC.logsSubscribe, sessionId);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      ipcRenderer.send(IPC.logsUnsubscribe, sessionId);
    };
  },
  onNavigate(listener) {
    const unsubscribe = listen<NavigationRequest>(IPC.navigate, listener);
    // Tells the main process someone is listening, so a request made while the window was still
    // loading (a notification clicked with the window closed) is delivered now.
    ipcRenderer.send(IPC.navigateReady);
    return unsubscribe;
  },
};

const api: StewardBridge = { ...domains(), events };

contextBridge.exposeInMainWorld('steward', api);
