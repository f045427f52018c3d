/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface Window {
  /** Set by the desktop app's preload; absent in a browser. */
  steward?: import('../../shared/api/bridge.js').StewardBridge;
}
