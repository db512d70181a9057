/**
 * Which web pages may call the API from a browser. yoga's CORS (whatwg-node's) echoes any
 * origin and allows credentials unless told otherwise; here it answers only the configured
 * origins, never with credentials (API keys travel in the Authorization header, which a page
 * must add itself, so there are no cookies to protect), and an origin not allowed gets no CORS
 * headers at all: its browser then refuses to hand the answer to the page. The default, with
 * no origins configured, is the pages of this machine (a front end on localhost:5173 in
 * development, the example page at `/`).
 */
import type { YogaServerOptions } from 'graphql-yoga';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a page at `origin` may read answers, given CORS_ORIGINS (`[]`: this machine only). */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  if (allowed.includes('*')) return true;
  if (allowed.length > 0) return allowed.includes(origin);
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    // "null" (a sandboxed frame, a file: page) and anything else that is not a URL.
    return false;
  }
}

/** Headers a page may send (simple requests need none of these) and read back. */
const ALLOWED_HEADERS = ['content-type', 'accept', 'authorization', 'if-none-match'];
const EXPOSED_HEADERS = ['etag'];
/** How long a browser may reuse a preflight answer (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 7200;

/** yoga's `cors` option for these origins. */
export function corsOptions(allowed: readonly string[]): NonNullable<YogaServerOptions<object, object>['cors']> {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !originAllowed(origin, allowed)) return false;
    return {
      // One origin: the answer names exactly the page that asked (and `Vary: Origin` says so).
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    };
  };
}
