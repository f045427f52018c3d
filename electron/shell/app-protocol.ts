// The app:// scheme: serves the built renderer (dist/renderer) to the desktop window with the same
// security headers (CSP first) and the same path rules as the web console, on every response.
import { readFile } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { contentTypeOf, resolveRendererFile, SECURITY_HEADERS } from '../core/web/static-files.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/**
 * Registered before the app is ready. `standard` gives the scheme real origins and relative URLs,
 * `secure` makes it a secure context; `bypassCSP` stays off so our CSP header applies.
 */
export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: true,
    codeCache: true,
    bypassCSP: false,
    allowServiceWorkers: false,
    stream: false,
  },
};

export type ProtocolHandler = (request: Request) => Promise<Response>;

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** The handler for `protocol.handle('app', …)`, serving files under `root`. */
export function createAppProtocolHandler(root: string): ProtocolHandler {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'bad URL');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'no such app');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const file = resolveRendererFile(root, url.pathname);
    if (!file) return plain(404, 'not found');
    let body: Uint8Array | null = null;
    if (request.method === 'GET') {
      try {
        body = new Uint8Array(await readFile(file));
      } catch {
        // index.html missing means the renderer was not built; say so instead of a blank window.
        return plain(404, file.endsWith('index.html') ? 'the console UI is not built: run npm run build' : 'not found');
      }
    }
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-cache' } });
  };
}
