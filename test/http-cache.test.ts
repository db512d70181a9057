/**
 * Caching and compression through real HTTP (the local host's node:http server): the
 * Cache-Control of each kind of answer, ETag and 304, and gzip/br decoded back to the same
 * JSON. The Lambda host's compression is tested in graphql-function.test.ts.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../lib/config.js';
import type { Db } from '../lib/store/client.js';
import { COMPRESSION_THRESHOLD_BYTES, negotiateEncoding } from '../server/compression.js';
import { matchesIfNoneMatch } from '../server/http-cache.js';
import { createServer } from '../server/server.js';
import { ADMIN_HEADERS, createParty, createTestDb, graphqlCaller, TEST_ADMIN_KEY } from './support.js';

const PARTIES = '{ parties(first: 5) { edges { node { id name } } } }';
const LARGE = '{ __schema { types { name description fields { name description } } } }';

let db: Db;
let server: Server;
let base: string;
beforeAll(async () => {
  db = await createTestDb();
  await createParty(graphqlCaller(db), { name: 'Azerbaijani Defense Ministry', kind: 'GOVERNMENT_BODY' });
  server = createHttpServer(createServer({ db, adminKey: TEST_ADMIN_KEY, logError: () => {}, cacheMaxAgeSeconds: 45 }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with node:http, which (unlike fetch) neither adds Accept-Encoding nor decodes the body. */
function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const get = (query: string, headers: Record<string, string> = {}) =>
  raw(`/graphql?${new URLSearchParams({ query })}`, { headers: { accept: 'application/json', ...headers } });
const post = (query: string, headers: Record<string, string> = {}) =>
  raw('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

describe('Cache-Control', () => {
  it('makes an anonymous GET query public for CACHE_MAX_AGE, with an ETag, varying on what changes the answer', async () => {
    const response = await get(PARTIES);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=45');
    expect(response.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(String(response.headers.vary).split(', ')).toEqual(
      expect.arrayContaining(['Origin', 'Authorization', 'Accept-Encoding']),
    );
    expect(JSON.parse(response.body.toString()).data.parties.edges[0].node.name).toBe('Azerbaijani Defense Ministry');
  });

  it('keeps an answer to a request with an API key private and unstored, with no ETag', async () => {
    const response = await get(PARTIES, ADMIN_HEADERS);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers.etag).toBeUndefined();
  });

  it('stores no mutation, no POST, and no error', async () => {
    const mutation = await post(
      'mutation { createParty(input: { name: "Nagorno Karabakh Defense Ministry", kind: GOVERNMENT_BODY }) { party { id } userErrors { code } } }',
      ADMIN_HEADERS,
    );
    expect(mutation.status).toBe(200);
    expect(mutation.headers['cache-control']).toBe('no-store');
    const postQuery = await post(PARTIES);
    expect(postQuery.status).toBe(200);
    expect(postQuery.headers['cache-control']).toBe('no-store');
    // With `accept: application/json` a validation error is a 200 (GraphQL over HTTP): the errors decide.
    const invalid = await get('{ parties(first: 5) { nope } }');
    expect(JSON.parse(invalid.body.toString()).errors[0].message).toMatch(/nope/);
    expect(invalid.headers['cache-control']).toBe('no-store');
    const tooLarge = await get('{ parties(first: 500) { edges { node { id } } } }');
    expect(tooLarge.headers['cache-control']).toBe('no-store');
    const mutationOverGet = await get('mutation { __typename }');
    expect(mutationOverGet.status).toBe(405);
    expect(mutationOverGet.headers['cache-control']).toBe('no-store');
  });

  it('is no-store for every answer with CACHE_MAX_AGE=0', async () => {
    const yoga = createServer({
      db,
      logError: () => {},
      cacheMaxAgeSeconds: readConfig({ CACHE_MAX_AGE: '0' }).cacheMaxAgeSeconds,
    });
    const response = await yoga.fetch(`http://claimgraph.test/graphql?${new URLSearchParams({ query: PARTIES })}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect(() => readConfig({ CACHE_MAX_AGE: 'soon' })).toThrow(/CACHE_MAX_AGE/);
  });
});

describe('ETag and 304', () => {
  it('answers 304 with no body to a matching If-None-Match, and 200 once the data changed', async () => {
    const first = await get(PARTIES);
    const etag = String(first.headers.etag);
    const again = await get(PARTIES);
    expect(again.headers.etag).toBe(etag);

    const notModified = await get(PARTIES, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.body.byteLength).toBe(0);
    expect(notModified.headers).toMatchObject({ etag, 'cache-control': 'public, max-age=45' });
    // A list of tags, and the strong form of the same tag, match too (weak comparison).
    expect((await get(PARTIES, { 'if-none-match': `"other", ${etag.slice(2)}` })).status).toBe(304);

    await createParty(graphqlCaller(db), { name: 'Artsakh Defense Army', kind: 'ARMED_FORCE' });
    const changed = await get(PARTIES, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(JSON.parse(changed.body.toString()).data.parties.edges).toHaveLength(3);
  });

  it('never answers 304 to a request with an API key, nor for another query', async () => {
    const etag = String((await get(PARTIES)).headers.etag);
    expect((await get(PARTIES, { ...ADMIN_HEADERS, 'if-none-match': etag })).status).toBe(200);
    expect((await get('{ parties(first: 4) { edges { node { id name } } } }', { 'if-none-match': etag })).status).toBe(
      200,
    );
  });

  it('compares tags as RFC 9110 says', () => {
    expect(matchesIfNoneMatch('*', 'W/"a"')).toBe(true);
    expect(matchesIfNoneMatch('"a"', 'W/"a"')).toBe(true);
    expect(matchesIfNoneMatch(' W/"b" , W/"a"', 'W/"a"')).toBe(true);
    expect(matchesIfNoneMatch('"ab"', 'W/"a"')).toBe(false);
    expect(matchesIfNoneMatch(null, 'W/"a"')).toBe(false);
  });
});

describe('compression', () => {
  it('sends gzip or br as the client prefers, decoding to the very same JSON', async () => {
    const plain = await get(LARGE);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.byteLength).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
    const text = plain.body.toString('utf8');
    expect(JSON.parse(text).data.__schema.types.length).toBeGreaterThan(10);

    const gzip = await get(LARGE, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(Number(gzip.headers['content-length'])).toBe(gzip.body.byteLength);
    expect(gzip.body.byteLength).toBeLessThan(plain.body.byteLength / 3);
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(text);

    const br = await get(LARGE, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(text);
    // The tag is the content's, however it travels: a revalidation with it still matches.
    expect(br.headers.etag).toBe(plain.headers.etag);
    expect((await get(LARGE, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) })).status).toBe(304);

    const gzipPreferred = await get(LARGE, { 'accept-encoding': 'br;q=0.5, gzip' });
    expect(gzipPreferred.headers['content-encoding']).toBe('gzip');
    // POSTs and mutations' answers are compressed too: it is about the bytes, not caching.
    const posted = await post(LARGE, { 'accept-encoding': 'br' });
    expect(brotliDecompressSync(posted.body).toString('utf8')).toBe(text);
  });

  it('leaves small answers, and clients that accept neither, alone', async () => {
    const small = await get('{ __typename }', { 'accept-encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString()).data).toEqual({ __typename: 'Query' });
    expect(String(small.headers.vary)).toContain('Accept-Encoding');
    const refused = await get(LARGE, { 'accept-encoding': 'gzip;q=0, br;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(negotiateEncoding('deflate')).toBeUndefined();
    expect(negotiateEncoding('*')).toBe('br');
  });

  it('is what fetch gets, decoded, from the real server', async () => {
    const response = await fetch(`${base}/graphql?${new URLSearchParams({ query: LARGE })}`, {
      headers: { accept: 'application/json', 'accept-encoding': 'br' },
    });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect((await response.json()).data.__schema.types.length).toBeGreaterThan(10);
  });
});
