/**
 * What HTTP caches (browsers, CDNs) may do with an answer. A GET query answered without
 * errors and without an API key is public for a short time (CACHE_MAX_AGE) and carries an
 * ETag; with a key it is `private, no-store` (never kept where another client could get it);
 * mutations, POSTs and anything with an error are `no-store`.
 *
 * The ETag is a hash of the answer itself, so any host computes the same tag for the same
 * data (two Lambda containers agree) and a `304 Not Modified` is only ever sent for an answer
 * that is byte for byte what the client holds. yoga's response-cache plugin was considered:
 * its ETag is the key of an in-process result cache (a tag one Lambda container issued means
 * nothing to the next), its 304 answers any request whose If-None-Match names any cached entry,
 * and the result cache would serve answers up to the TTL old to this server's own writers.
 * The query still runs here on a revalidation; what a 304 saves is the transfer.
 */
import { createHash } from 'node:crypto';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';

interface Answer {
  operation?: 'query' | 'mutation' | 'subscription';
  errors?: boolean;
}

/** What each request ran, for its response's headers. */
const answers = new WeakMap<Request, Answer>();

const answerOf = (request: Request): Answer => {
  let answer = answers.get(request);
  if (!answer) {
    answer = {};
    answers.set(request, answer);
  }
  return answer;
};

/** Adds names to a `Vary` header without repeating one. */
export function addVary(headers: Headers, ...names: string[]): void {
  const present = (headers.get('vary') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const lower = new Set(present.map((name) => name.toLowerCase()));
  for (const name of names) if (!lower.has(name.toLowerCase())) present.push(name);
  headers.set('vary', present.join(', '));
}

/** A weak tag: the same JSON, gzip- or br-encoded on the way, is the same representation. */
export const etagOf = (body: Uint8Array): string =>
  `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** RFC 9110's weak comparison of If-None-Match against a tag: `*`, or any listed tag. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

const isJson = (response: Response): boolean =>
  /^application\/(graphql-response\+)?json\b/.test(response.headers.get('content-type') ?? '');

export function useHttpCaching(options: { graphqlEndpoint: string; maxAgeSeconds: number }): Plugin {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName)?.operation;
      answerOf((args.contextValue as { request: Request }).request).operation = operation;
    },
    onResultProcess({ request, result }) {
      const results = Array.isArray(result) ? result : [result];
      if (results.some((one) => !(Symbol.asyncIterator in one) && (one.errors?.length ?? 0) > 0))
        answerOf(request).errors = true;
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (new URL(request.url, 'http://localhost').pathname !== options.graphqlEndpoint || !isJson(response)) return;
      const answer = answers.get(request) ?? {};
      const anonymous = !request.headers.has('authorization');
      const cacheable =
        request.method === 'GET' &&
        response.status === 200 &&
        answer.operation === 'query' &&
        !answer.errors &&
        anonymous &&
        options.maxAgeSeconds > 0;
      // The answer differs by these request headers: a cache must key on them. Authorization
      // too, so that a shared cache never hands a keyed request what an anonymous one stored.
      addVary(response.headers, 'Origin', 'Authorization');
      if (!cacheable) {
        response.headers.set(
          'cache-control',
          answer.operation === 'query' && !anonymous && !answer.errors ? 'private, no-store' : 'no-store',
        );
        return;
      }
      const body = new Uint8Array(await response.arrayBuffer());
      const etag = etagOf(body);
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('cache-control', `public, max-age=${options.maxAgeSeconds}`);
      headers.set('etag', etag);
      if (matchesIfNoneMatch(request.headers.get('if-none-match'), etag)) {
        // A 304 repeats the validators and caching headers the 200 would have had, no body.
        headers.delete('content-type');
        headers.delete('content-length');
        setResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      setResponse(new fetchAPI.Response(body, { status: response.status, statusText: response.statusText, headers }));
    },
  };
}
