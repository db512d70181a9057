/**
 * Answers compressed with gzip or Brotli when the client accepts it, in the server itself so
 * that both hosts do it: the local Node server has no proxy in front, and API Gateway's HTTP
 * APIs do not compress (the Lambda handler sends the bytes base64-encoded). Small answers go
 * as they are: under about a kilobyte the encoding costs more than it saves.
 */
import { brotliCompress, constants, gzip, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import Negotiator from 'negotiator';
import type { Plugin } from 'graphql-yoga';
import { addVary } from './http-cache.js';

/** Bytes below which an answer is sent as it is. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/** Brotli first when the client weighs both alike: smaller JSON for the same CPU at this level. */
const ENCODINGS = ['br', 'gzip'] as const;
type Encoding = (typeof ENCODINGS)[number];

const COMPRESSIBLE = /^(application\/(graphql-response\+json|json|javascript)|text\/|image\/svg\+xml)/;

/** The encoding to use for a request, by its Accept-Encoding (q-values included); none if it accepts neither. */
export function negotiateEncoding(acceptEncoding: string | null): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  // negotiator 1.x breaks ties by `preferred` (its @types describe 0.6, without the option).
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as {
    encoding(available: string[], options: { preferred: string[] }): string | undefined;
  };
  const chosen = negotiator.encoding([...ENCODINGS], { preferred: [...ENCODINGS] });
  return chosen === 'br' || chosen === 'gzip' ? chosen : undefined;
}

// Level 11 (Brotli's default) is for static files; 4 compresses JSON nearly as well at a fraction of the CPU.
const brotliOptions = (body: Uint8Array): BrotliOptions => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 4,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
  },
});
const GZIP_OPTIONS: ZlibOptions = { level: 6 };

// zlib's callbacks wrapped by hand: importing `promisify` from node:util as an ES module makes
// Node build util's module namespace, which loads its lazy parts (parseArgs, MIMEType) at start.
export function compress(body: Uint8Array, encoding: Encoding): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, result: Buffer) => (error ? reject(error) : resolve(result));
    if (encoding === 'br') brotliCompress(body, brotliOptions(body), done);
    else gzip(body, GZIP_OPTIONS, done);
  });
}

export function useCompression(): Plugin {
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (!response.body || response.status === 204 || response.status === 304) return;
      if (response.headers.has('content-encoding')) return;
      if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return;
      // Whether or not this one is compressed, the answer depends on the header.
      addVary(response.headers, 'Accept-Encoding');
      const encoding = negotiateEncoding(request.headers.get('accept-encoding'));
      if (!encoding) return;
      const body = new Uint8Array(await response.arrayBuffer());
      const headers = new fetchAPI.Headers(response.headers);
      if (body.byteLength < COMPRESSION_THRESHOLD_BYTES) {
        setResponse(new fetchAPI.Response(body, { status: response.status, statusText: response.statusText, headers }));
        return;
      }
      const compressed = await compress(body, encoding);
      headers.set('content-encoding', encoding);
      headers.set('content-length', String(compressed.byteLength));
      setResponse(
        new fetchAPI.Response(new Uint8Array(compressed), {
          status: response.status,
          statusText: response.statusText,
          headers,
        }),
      );
    },
  };
}
