import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_DEFINITION, createAppProtocolHandler } from '../../../electron/shell/app-protocol.js';
import { secureWebPreferences } from '../../../electron/shell/web-preferences.js';
import { SECURITY_HEADERS } from '../../../electron/core/web/static-files.js';

describe('the window security settings', () => {
  it('sandboxes the renderer, isolates the preload and keeps Node and insecure content out', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('registers app:// as a standard, secure scheme that does not bypass the CSP', () => {
    expect(APP_SCHEME_DEFINITION.scheme).toBe('app');
    expect(APP_SCHEME_DEFINITION.privileges).toMatchObject({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false });
  });
});

describe('the app:// protocol handler', () => {
  let root: string;
  let outside: string;
  const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'steward-app-protocol-'));
    root = join(base, 'renderer');
    outside = join(base, 'secret.txt');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Steward</title>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("steward")');
    writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
    writeFileSync(outside, 'not for the renderer');
  });
  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('serves the app shell and its assets with their types', async () => {
    const html = await get('app://steward/index.html');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('<title>Steward</title>');
    const js = await get('app://steward/assets/index-abc123.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log("steward")');
    expect((await get('app://steward/assets/index-abc123.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers app routes with index.html, and a missing asset with 404', async () => {
    const route = await get('app://steward/sessions/0190f5a0-0000-7000-8000-000000000001');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Steward</title>');
    expect((await get('app://steward/assets/missing.js')).status).toBe(404);
  });

  it.each([
    ['an encoded ../ segment', 'app://steward/..%2fsecret.txt'],
    ['encoded ../ segments without an extension', 'app://steward/..%2f..%2f..%2fetc%2fpasswd'],
    ['an encoded backslash', 'app://steward/..%5csecret.txt'],
    ['a NUL byte', 'app://steward/index.html%00.js'],
    ['a malformed escape', 'app://steward/%E0%A4%A.js'],
  ])('refuses %s', async (_what, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('not for the renderer');
  });

  it('serves nothing for another host or a write', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://steward/index.html', 'POST')).status).toBe(405);
  });

  it('puts the CSP and the other security headers on every response, errors included', async () => {
    for (const response of [await get('app://steward/index.html'), await get('app://steward/assets/missing.js'), await get('app://steward/x', 'POST'), await get('app://steward/..%2fsecret.txt')]) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    }
    expect(SECURITY_HEADERS['Content-Security-Policy']).toContain("script-src 'self'");
    expect(SECURITY_HEADERS['Content-Security-Policy']).not.toContain('unsafe-eval');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://steward/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('says the UI is not built when index.html is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'steward-app-empty-'));
    try {
      const response = await createAppProtocolHandler(empty)(new Request('app://steward/'));
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('npm run build');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
