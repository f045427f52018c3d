import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StaticFiles } from '../../electron/core/web/static-files.js';

/** Records what the server wrote: status, headers and body. */
function recorder() {
  const sent: { status: number; headers: Record<string, string | number>; body: string | null } = { status: 0, headers: {}, body: null };
  const response = {
    writeHead(status: number, headers: Record<string, string | number>) {
      sent.status = status;
      sent.headers = headers;
      return response;
    },
    end(body?: Buffer) {
      sent.body = body === undefined ? null : body.toString('utf8');
      return response;
    },
  };
  return { response: response as unknown as ServerResponse, sent };
}

describe('StaticFiles', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'steward-static-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<div id="app"></div>');
    writeFileSync(join(root, 'assets', 'main-abc.js'), 'console.log(1)');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('serves a file with its length, type and cache policy, and the shell for app routes', () => {
    const files = new StaticFiles(root);
    const asset = recorder();
    expect(files.serve('/assets/main-abc.js', asset.response, false)).toBe(true);
    expect(asset.sent).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(asset.sent.headers).toMatchObject({ 'Content-Type': 'text/javascript; charset=utf-8', 'Content-Length': 14, 'Cache-Control': 'public, max-age=31536000, immutable' });
    const route = recorder();
    expect(files.serve('/computers', route.response, false)).toBe(true);
    expect(route.sent).toMatchObject({ body: '<div id="app"></div>', headers: { 'Cache-Control': 'no-cache' } });
    const head = recorder();
    files.serve('/assets/main-abc.js', head.response, true);
    expect(head.sent).toMatchObject({ body: null, headers: { 'Content-Length': 14 } });
    expect(files.serve('/assets/missing.js', recorder().response, false)).toBe(false);
    expect(files.serve('/../../etc/passwd', recorder().response, false)).toBe(false);
  });

  it('serves no app route while the UI is not built', () => {
    rmSync(join(root, 'index.html'));
    const files = new StaticFiles(root);
    expect(files.available).toBe(false);
    expect(files.serve('/computers', recorder().response, false)).toBe(false);
  });

  it('serves a rebuilt file, not the copy it kept in memory', () => {
    const files = new StaticFiles(root);
    files.serve('/', recorder().response, false);
    writeFileSync(join(root, 'index.html'), '<div id="app">v2</div>');
    // Same size or not, a newer modification time means new contents.
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'index.html'), later, later);
    const again = recorder();
    files.serve('/', again.response, false);
    expect(again.sent.body).toBe('<div id="app">v2</div>');
    expect(again.sent.headers['Content-Length']).toBe(22);
  });
});
