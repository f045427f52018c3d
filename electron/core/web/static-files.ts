// Serves the built renderer: files by path, index.html for app routes, with security headers.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/**
 * The file to serve for a URL path under `root`: the file itself, the app shell (index.html) for an
 * app route (no extension), or null (a missing asset, or a path that escapes `root`). Shared by the
 * web console and the desktop app's app:// scheme, so both refuse the same paths.
 */
export function resolveRendererFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = normalize(join(root, decoded));
  const inside = candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
  if (!inside) return null;
  if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  // App routes (no extension) get the shell; a missing asset is a real 404.
  return extname(decoded) === '' ? join(root, 'index.html') : null;
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
}

export class StaticFiles {
  /**
   * File contents by path, checked against the file's size and modification time on each request.
   * A streamed file needed several turns of the event loop (open, read, read, close), each of them
   * queued behind whatever else the console was doing: with the startup warm-up running, the
   * browser's first ~30 script requests took 200–500 ms on loopback. From memory it is one write.
   */
  private readonly cache = new Map<string, { size: number; mtimeMs: number; body: Buffer }>();

  constructor(private readonly root: string | null) {}

  get available(): boolean {
    return this.root !== null && existsSync(join(this.root, 'index.html'));
  }

  /** Writes the file for `pathname` (or the app shell); returns false when there is nothing to serve. */
  serve(pathname: string, response: ServerResponse, headOnly: boolean): boolean {
    if (!this.root) return false;
    const file = resolveRendererFile(this.root, pathname);
    // No file there: a missing asset, or an app route before the UI was built (no index.html).
    const body = file ? this.contents(file) : null;
    if (!file || !body) return false;
    const immutable = file.includes(`${sep}assets${sep}`);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeOf(file),
      'Content-Length': body.length,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    response.end(headOnly ? undefined : body);
    return true;
  }

  /** The file's contents, from memory unless it changed on disk; null when it is not there. */
  private contents(file: string): Buffer | null {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) return null;
    const { size, mtimeMs } = stat;
    const cached = this.cache.get(file);
    if (cached && cached.size === size && cached.mtimeMs === mtimeMs) return cached.body;
    const body = readFileSync(file);
    this.cache.set(file, { size, mtimeMs, body });
    return body;
  }
}
