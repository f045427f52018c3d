// Who may call the web console: the API token (header) or the sign-in cookie derived from it, from
// the console's own origin. Scripts send no Origin and are served; foreign browser origins are refused.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'steward_session';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export class WebAuth {
  private readonly cookieValue: string;

  constructor(
    private readonly token: string,
    /** The address the server binds; any other than loopback allows any Host name. */
    private readonly bindHost: string,
  ) {
    this.cookieValue = createHmac('sha256', token).update('steward web session v1').digest('base64url');
  }

  tokenMatches(candidate: string): boolean {
    return safeEqual(candidate, this.token);
  }

  /** True when the request carries the token or the sign-in cookie. */
  authenticated(request: IncomingMessage): boolean {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ') && this.tokenMatches(header.slice(7).trim())) return true;
    const cookie = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
    return cookie !== undefined && safeEqual(cookie, this.cookieValue);
  }

  signInCookie(): string {
    return `${SESSION_COOKIE}=${this.cookieValue}; HttpOnly; SameSite=Strict; Path=/`;
  }

  signOutCookie(): string {
    return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
  }

  /** Guards against DNS rebinding: a loopback-bound console answers only to loopback host names. */
  hostAllowed(request: IncomingMessage): boolean {
    if (!LOOPBACK_NAMES.has(this.bindHost)) return true;
    const host = request.headers.host;
    if (!host) return false;
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
    return LOOPBACK_NAMES.has(name);
  }

  /** No Origin (a script) is fine; otherwise the Origin must be this console's own. */
  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    try {
      const url = new URL(origin);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === request.headers.host;
    } catch {
      return false;
    }
  }
}
