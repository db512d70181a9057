/**
 * The example front end of the local host (`npm start`): `/` serves web/index.html, `/web/…`
 * the page's other files, `/vendor/…` the two npm packages it runs on (the world outline of
 * world-atlas and the TopoJSON reader of topojson-client), so the page needs no network and no
 * build step. Every other request goes on to the GraphQL server. The Lambda does not serve it.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** The page runs only its own scripts and talks only to this server. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The world outline the page draws: Natural Earth 1:50m countries (1:110m is too coarse for one region). */
export const WORLD_ATLAS_FILE = 'countries-50m.json';

/**
 * Every URL path the page may ask for, and its file. The list is made once from the folders'
 * contents: no part of a request's path ever reaches the file system.
 */
function pageFiles(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const web = fileURLToPath(new URL('../web/', import.meta.url));
  const topojson = join(dirname(require.resolve('topojson-client/package.json')), 'src');
  const files = new Map<string, string>([
    ['/', join(web, 'index.html')],
    [`/vendor/world-atlas/${WORLD_ATLAS_FILE}`, require.resolve(`world-atlas/${WORLD_ATLAS_FILE}`)],
  ]);
  for (const name of readdirSync(web)) if (CONTENT_TYPES[extname(name)]) files.set(`/web/${name}`, join(web, name));
  for (const name of readdirSync(topojson)) files.set(`/vendor/topojson-client/${name}`, join(topojson, name));
  return files;
}

/** A request listener that answers the page's requests and hands every other one to `next`. */
export function withExamplePage(next: RequestListener): RequestListener {
  const files = pageFiles();
  return (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = files.get(path);
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) return next(request, response);
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)]!,
          'content-length': body.length,
          // The page is edited while the server runs: the browser asks again each time.
          'cache-control': 'no-cache',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`could not read ${path}`);
      },
    );
  };
}
