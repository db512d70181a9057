/**
 * Persisted queries through real HTTP: Apollo Client's persisted-query link against the
 * local server (hash miss, retry with the document, then hits), the protocol's refusals
 * through yoga.fetch, and the allow-list mode with a manifest.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { print } from '@apollo/client/utilities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../lib/config.js';
import type { Db } from '../lib/store/client.js';
import { readManifest, sha256Hex } from '../server/persisted-operations.js';
import { createServer } from '../server/server.js';
import { createParty, createTestDb, graphqlCaller, TEST_ADMIN_KEY } from './support.js';

const PARTIES = '{ parties(first: 5) { edges { node { id name } } } }';

let db: Db;
let server: Server;
let url: string;
beforeAll(async () => {
  db = await createTestDb();
  await createParty(graphqlCaller(db), { name: 'Armenian Defense Ministry', kind: 'GOVERNMENT_BODY' });
  server = createHttpServer(createServer({ db, adminKey: TEST_ADMIN_KEY, logError: () => {} }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Exchange {
  method: string;
  sentQuery: boolean;
  sentHash: boolean;
  status: number;
  codes: string[];
}

/** Apollo Client as a front end sets it up: the persisted-query link over HttpLink, GET for queries. */
function apolloClient(endpoint: string) {
  const exchanges: Exchange[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const target = new URL(String(input));
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    const extensions = target.searchParams.get('extensions') ?? JSON.stringify(body.extensions ?? {});
    const answer = await response.clone().json();
    exchanges.push({
      method: init?.method ?? 'GET',
      sentQuery: target.searchParams.has('query') || typeof body.query === 'string',
      sentHash: extensions.includes('sha256Hash'),
      status: response.status,
      codes: (answer.errors ?? []).map((error: { extensions?: { code?: string } }) => error.extensions?.code),
    });
    return response;
  };
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: new PersistedQueryLink({ sha256: sha256Hex, useGETForHashedQueries: true }).concat(
      new HttpLink({ uri: endpoint, useGETForQueries: true, fetch: recordingFetch }),
    ),
  });
  return { client, exchanges };
}

describe('automatic persisted queries with Apollo Client, over HTTP', () => {
  it('misses a new hash, sends the document once, then answers by hash alone', async () => {
    const { client, exchanges } = apolloClient(url);
    const query = gql(PARTIES);
    const first = await client.query({ query, fetchPolicy: 'network-only' });
    expect(first.data).toMatchObject({
      parties: { edges: [{ node: { id: expect.any(String), name: 'Armenian Defense Ministry' } }] },
    });
    expect(exchanges).toEqual([
      { method: 'GET', sentQuery: false, sentHash: true, status: 200, codes: ['PERSISTED_QUERY_NOT_FOUND'] },
      expect.objectContaining({ sentQuery: true, sentHash: true, status: 200, codes: [] }),
    ]);

    // Another client (another browser) now gets it by hash, in one GET.
    const other = apolloClient(url);
    const second = await other.client.query({ query, fetchPolicy: 'network-only' });
    expect(second.data).toEqual(first.data);
    expect(other.exchanges).toEqual([{ method: 'GET', sentQuery: false, sentHash: true, status: 200, codes: [] }]);
  });
});

describe('the APQ protocol, through yoga.fetch', () => {
  const call = (
    init: { get?: Record<string, unknown>; post?: Record<string, unknown> },
    yoga = graphqlCaller(db).yoga,
  ) =>
    init.get
      ? yoga.fetch(
          `http://claimgraph.test/graphql?${new URLSearchParams(
            Object.entries(init.get).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
          )}`,
          { headers: { accept: 'application/graphql-response+json' } },
        )
      : yoga.fetch('http://claimgraph.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify(init.post),
        });
  const persisted = (query: string, hash = sha256Hex(query)) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, never cached, over GET and POST', async () => {
    const query = '{ parties(first: 1) { edges { node { name } } } }';
    for (const response of [
      await call({ get: { extensions: persisted(query) } }),
      await call({ post: { extensions: persisted(query) } }),
    ]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await response.json();
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'PersistedQueryNotFound',
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
        }),
      ]);
    }
  });

  it('refuses a document whose hash is not its SHA-256, and does not remember it', async () => {
    const yoga = graphqlCaller(db).yoga;
    const query = '{ parties(first: 2) { edges { node { name } } } }';
    const wrong = await call({ post: { query, extensions: persisted(query, sha256Hex('something else')) } }, yoga);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    const byHash = await call({ get: { extensions: persisted(query, sha256Hex('something else')) } }, yoga);
    expect((await byHash.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('remembers only documents that pass validation', async () => {
    const yoga = graphqlCaller(db).yoga;
    const invalid = '{ parties(first: 1) { edges { node { nope } } } }';
    const refused = await call({ post: { query: invalid, extensions: persisted(invalid) } }, yoga);
    expect(refused.status).toBe(400);
    const byHash = await call({ get: { extensions: persisted(invalid) } }, yoga);
    expect((await byHash.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const valid = '{ parties(first: 3) { edges { node { name } } } }';
    expect((await call({ post: { query: valid, extensions: persisted(valid) } }, yoga)).status).toBe(200);
    const hit = await call({ get: { extensions: persisted(valid) } }, yoga);
    expect((await hit.json()).data.parties.edges).toEqual([{ node: { name: 'Armenian Defense Ministry' } }]);
  });

  it('still says "Must provide query string." for a request with neither document nor hash', async () => {
    const response = await call({ post: { variables: {} } });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].message).toBe('Must provide query string.');
  });
});

describe('allow-list mode (PERSISTED_OPERATIONS_ONLY)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'claimgraph-manifest-'));
  const listed = 'query Parties { parties(first: 5) { edges { node { name } } } }';
  // What Apollo Client sends for it (with `__typename`s added by its cache), as its manifest generator lists it.
  const listedByApollo = print(new InMemoryCache().transformDocument(gql(listed)));
  const manifestFile = join(folder, 'persisted-documents.json');
  writeFileSync(
    manifestFile,
    JSON.stringify({ [sha256Hex(listed)]: listed, [sha256Hex(listedByApollo)]: listedByApollo }),
  );

  const allowListServer = () =>
    createServer({ db, logError: () => {}, ...readConfigServer({ manifestFile }) }) as ReturnType<typeof createServer>;

  it('runs a listed operation by hash, over GET and with Apollo Client', async () => {
    const yoga = allowListServer();
    const response = await yoga.fetch(
      `http://claimgraph.test/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256Hex(listed) } }))}`,
      { headers: { accept: 'application/graphql-response+json' } },
    );
    expect(response.status).toBe(200);
    expect((await response.json()).data.parties.edges).toEqual([{ node: { name: 'Armenian Defense Ministry' } }]);

    const http = createHttpServer(yoga);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const { client, exchanges } = apolloClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`);
      const result = await client.query({ query: gql(listed), fetchPolicy: 'network-only' });
      expect(result.data).toMatchObject({ parties: { edges: [{ node: { name: 'Armenian Defense Ministry' } }] } });
      expect(exchanges).toEqual([{ method: 'GET', sentQuery: false, sentHash: true, status: 200, codes: [] }]);
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });

  it('refuses any other document, an unknown hash, and a request with neither, each with its code', async () => {
    const yoga = allowListServer();
    const post = (body: unknown) =>
      yoga.fetch('http://claimgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify(body),
      });
    const cases = [
      [{ query: listed }, 'PERSISTED_QUERY_ONLY'],
      [
        {
          query: '{ __typename }',
          extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ __typename }') } },
        },
        'PERSISTED_QUERY_ONLY',
      ],
      [
        { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ __typename }') } } },
        'PERSISTED_QUERY_NOT_IN_LIST',
      ],
      [{ variables: {} }, 'PERSISTED_QUERY_ID_REQUIRED'],
    ] as const;
    for (const [body, code] of cases) {
      const response = await post(body);
      expect(response.status, code).toBe(400);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const answer = await response.json();
      expect(answer.data).toBeUndefined();
      expect(answer.errors[0].extensions.code).toBe(code);
    }
  });

  it('reads relay / codegen maps and Apollo manifests, and refuses a broken one at start', () => {
    const apollo = join(folder, 'apollo.json');
    writeFileSync(
      apollo,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: 'abc', name: 'Parties', type: 'query', body: listed }],
      }),
    );
    expect([...readManifest(apollo)]).toEqual([['abc', listed]]);
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, JSON.stringify({ abc: '{ parties(' }));
    expect(() => readManifest(broken)).toThrow(ConfigError);
    writeFileSync(broken, '{');
    expect(() => readManifest(broken)).toThrow(/could not be read as JSON/);
    expect(() => readConfig({ PERSISTED_OPERATIONS_ONLY: 'true' })).toThrow(/PERSISTED_OPERATIONS_FILE/);
  });
});

/** The settings a host gets from its environment, with the allow-list on. */
function readConfigServer({ manifestFile }: { manifestFile: string }) {
  const config = readConfig({ PERSISTED_OPERATIONS_ONLY: 'true', PERSISTED_OPERATIONS_FILE: manifestFile });
  return { persistedOperations: readManifest(config.persistedOperationsFile as string) };
}
