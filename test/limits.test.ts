import { readFileSync } from 'node:fs';
import { getIntrospectionQuery } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../lib/store/client.js';
import { DEFAULT_PAGE_SIZE } from '../lib/store/pagination.js';
import { LIMITS } from '../server/limits.js';
import { ADMIN_HEADERS, createTestDb, dataOf, graphqlCaller, ingest, plainText, type Caller } from './support.js';

let db: Db;
let call: Caller;
let articleId: string;
beforeAll(async () => {
  db = await createTestDb();
  call = graphqlCaller(db);
  articleId = (await ingest(call, { text: plainText(3) })).id;
});

/** Sends raw HTTP through yoga and reports status, body and the DynamoDB requests it cost. */
async function send(
  body: string | Uint8Array,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  db.counter.reset();
  const response = await call.yoga.fetch('http://claimgraph.test/graphql', {
    method: 'POST',
    headers: { accept: 'application/graphql-response+json', ...ADMIN_HEADERS, ...headers },
    body,
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, requests: db.counter.total };
}
const query = (q: string, variables?: unknown) => send(JSON.stringify({ query: q, variables }));

const deep = (levels: number) =>
  `{ node(id: "x") { ... on Claim { ${'restates { '.repeat(levels)}id${' }'.repeat(levels)} } } }`;

/** `levels` nested fields under a Claim, as a selection set's inside. */
const chain = (levels: number) => `${'restates { '.repeat(levels)}id${' }'.repeat(levels)}`;
const aliases = (n: number, prefix = 'a') => Array.from({ length: n }, (_, i) => `${prefix}${i}: __typename`).join(' ');
const ids = (n: number, id: string) => `[${Array.from({ length: n }, () => JSON.stringify(id)).join(', ')}]`;

describe('the abuse corpus: each is refused before any DynamoDB request', () => {
  it.each([
    ['depth 50', () => query(deep(50)), 400, 'QUERY_TOO_DEEP', /depth limit of 12 exceeded/],
    ['1,000 aliases', () => query(`{ ${aliases(1000)} }`), 400, 'QUERY_TOO_LARGE', /token limit of 2000/i],
    [
      '21 aliases',
      () => query(`{ ${aliases(21)} }`),
      400,
      'TOO_MANY_ALIASES',
      /aliases limit of 20 exceeded, found 21/i,
    ],
    [
      'fragment cycles',
      () => query('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
      400,
      undefined,
      /cannot spread fragment/i,
    ],
    [
      'first: 1000000000',
      () => query('{ articles(first: 1000000000) { edges { node { id } } } }'),
      400,
      'VALIDATION_FAILED',
      /first must be between 1 and 100/,
    ],
    [
      'first: -1',
      () => query('{ articles(first: -1) { edges { node { id } } } }'),
      400,
      'VALIDATION_FAILED',
      /first must be between 1 and 100/,
    ],
    [
      'first: -1 in a variable',
      () => query('query($n: Int!) { claims(first: $n) { edges { node { id } } } }', { n: -1 }),
      400,
      'VALIDATION_FAILED',
      /first must be between 1 and 100/,
    ],
    [
      'first: 101 in a nested variable',
      () =>
        query(
          'query($n: Int) { articles(first: 1) { edges { node { claims(first: $n) { edges { node { id } } } } } } }',
          { n: 101 },
        ),
      400,
      'VALIDATION_FAILED',
      /first must be between 1 and 100 \(on Article.claims\), got 101/,
    ],
    [
      'a 2 MB string argument',
      () =>
        query('query($t: String!) { resolve(name: $t) { parties { edges { node { id } } } } }', {
          t: 'x'.repeat(2 * 1024 * 1024),
        }),
      413,
      'PAYLOAD_TOO_LARGE',
      /limited to/,
    ],
    ['malformed JSON', () => send('{"query": "{ __typename }"'), 400, 'BAD_REQUEST', /JSON/i],
    ['a wrong content type', () => send('{ __typename }', { 'content-type': 'text/plain' }), 415, undefined, /.*/],
    [
      '11 operations in one batch',
      () =>
        send(JSON.stringify(Array.from({ length: 11 }, () => ({ query: '{ articles { edges { node { id } } } }' })))),
      400,
      undefined,
      /.*/,
    ],
    [
      'too many tokens',
      () => query(`query($a: [Int] = [${Array.from({ length: 2100 }, (_, i) => i).join(',')}]) { __typename }`),
      400,
      'QUERY_TOO_LARGE',
      /token limit of 2000/i,
    ],
    [
      '1,500 copies of one field',
      () => query(`{ ${Array.from({ length: 1500 }, () => '__typename').join(' ')} }`),
      400,
      undefined,
      /aborted/,
    ],
    [
      'too costly',
      () => query('{ articles(first: 100) { edges { node { claims(first: 100) { edges { node { id } } } } } } }'),
      400,
      'QUERY_TOO_COSTLY',
      /may return 10101 nodes; the limit is 2000/,
    ],
    [
      'too many directives',
      () => query(`{ __typename ${'@include(if: true) '.repeat(30)} }`),
      400,
      'TOO_MANY_DIRECTIVES',
      /directives limit of 20 exceeded/i,
    ],
    // GHSA-hmfr-rx46-4jx2: graphql-armor < 2.4.2 skipped any node named `__schema`, so a
    // fragment or an operation of that name hid its depth.
    [
      'a deep fragment named __schema',
      () => query(`{ node(id: "x") { ...__schema } } fragment __schema on Claim { ${chain(20)} }`),
      400,
      'QUERY_TOO_DEEP',
      /depth limit of 12 exceeded, found 22/,
    ],
    [
      'a deep operation named __schema',
      () => query(`query __schema { node(id: "x") { ... on Claim { ${chain(20)} } } }`),
      400,
      'QUERY_TOO_DEEP',
      /depth limit of 12 exceeded/,
    ],
    // GHSA-224p-v68g-5g8f: a fragment's depth was cached from its first, shallow use and
    // reused where it was spread deep down.
    [
      'a fragment used shallow, then deep',
      () =>
        query(
          `{ a: node(id: "x") { ...F } b: node(id: "y") { ... on Claim { ${'restates { '.repeat(8)}...F${' }'.repeat(8)} } } } fragment F on Claim { ${chain(5)} }`,
        ),
      400,
      'QUERY_TOO_DEEP',
      /depth limit of 12 exceeded, found 15/,
    ],
    [
      'aliases hidden in a fragment spread twice',
      () => query(`{ ...F x: node(id: "x") { ...F } } fragment F on Node { ${aliases(11)} }`),
      400,
      'TOO_MANY_ALIASES',
      /found 23/,
    ],
    // One anonymous request once read one article 5,000 times, each with 100 claims and their related claims.
    [
      '5,000 copies of one ID',
      () =>
        query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
          ids: Array.from({ length: 5000 }, () => articleId),
        }),
      400,
      'VALIDATION_FAILED',
      /nodes takes at most 100 ids, got 5000/,
    ],
    [
      '100 copies of one ID, with claims under each',
      () =>
        query(
          `{ nodes(ids: ${ids(100, articleId)}) { ... on Article { claims(first: 100) { edges { node { related(first: 19) { id } } } } } } }`,
        ),
      400,
      'QUERY_TOO_COSTLY',
      /may return 210001 nodes/,
    ],
  ] as const)('%s', async (_, run, status, code, message) => {
    const result = await run();
    expect(result.status).toBe(status);
    expect(result.json?.errors?.[0]?.message ?? result.text).toMatch(message);
    if (code) expect(result.json?.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.requests).toBe(0);
  });

  it('counts a fragment where it is used, so the same fragment costs more deeper down', async () => {
    const fragment = 'fragment C on Article { claims(first: 10) { edges { node { id } } } }';
    const top = await query(`query($id: ID!) { node(id: $id) { ...C } } ${fragment}`, { id: articleId });
    const nested = await query(`{ articles(first: 20) { edges { node { ...C } } } } ${fragment}`);
    expect(top.json.extensions.cost).toEqual({ requested: 1 + 10, limit: LIMITS.cost });
    expect(nested.json.extensions.cost).toEqual({ requested: 21 + 20 * 10, limit: LIMITS.cost });
    const tooMany = await query(
      `{ a: articles(first: 100) { edges { node { ...C ...D } } } } ${fragment} fragment D on Article { parties(first: 10) { edges { node { id } } } }`,
    );
    expect(tooMany.json.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(tooMany.json.errors[0].message).toMatch(/may return 2101 nodes/);
    expect(tooMany.requests).toBe(0);
  });
});

describe('cost: what a query may read, in every answer', () => {
  it.each([
    [
      'the reference query (20 articles, 10 claims each)',
      '{ articles(first: 20) { edges { node { claims(first: 10) { edges { node { claimant { name } locations { name } } } } } } } }',
      {},
      21 + 20 * 10,
    ],
    // Party.claims is one Query per party: 100 of them, on top of 100 × 5 claims.
    [
      '100 parties with 5 claims each',
      '{ parties(first: 100) { edges { node { claims(first: 5) { edges { node { id } } } } } } }',
      {},
      101 + 100 * (5 + 1),
    ],
    [
      'an omitted variable takes the argument default (20)',
      'query($f: Int) { articles(first: $f) { edges { node { id } } } }',
      {},
      21,
    ],
    [
      'a variable',
      'query($f: Int) { claims(first: $f) { edges { node { related(first: 3) { id } } } } }',
      { f: 7 },
      8 + 7 * 4,
    ],
    [
      'nodes: distinct IDs read, every copy multiplies',
      `query($id: ID!) { nodes(ids: [$id, $id, $id]) { ... on Article { parties(first: 2) { edges { node { id } } } } } }`,
      {},
      1 + 3 * 2,
    ],
    ['node(id:)', 'query($id: ID!) { node(id: $id) { id } }', {}, 1],
    // graphql-js answers `__typename` and introspection fields itself: the plugin counts 1 each.
    ['scalars and single objects only', '{ __typename resolve(name: "nowhere") { __typename } }', {}, 2],
  ])('%s', async (_, text, variables, requested) => {
    const result = await query(text, { id: articleId, ...variables });
    expect(result.json.errors).toBeUndefined();
    expect(result.json.extensions.cost).toEqual({ requested, limit: LIMITS.cost });
  });

  it('is reported on a refusal too', async () => {
    const result = await query(
      '{ articles(first: 100) { edges { node { claims(first: 100) { edges { node { id } } } } } } }',
    );
    expect(result.json.extensions.cost).toEqual({ requested: 10101, limit: LIMITS.cost });
  });

  it('counts the operation the request names, not the others of its document', async () => {
    const document = `
      query Costly { articles(first: 100) { edges { node { claims(first: 100) { edges { node { ...C } } } } } } }
      query Cheap { articles(first: 2) { edges { node { claims(first: 3) { edges { node { ...C } } } } } } }
      fragment C on Claim { related(first: 4) { id } }`;
    const cheap = await send(JSON.stringify({ query: document, operationName: 'Cheap' }));
    expect(cheap.json.errors).toBeUndefined();
    // 2 articles (+1 Query), 3 claims under each, 4 related claims (+1 Query) under each claim.
    expect(cheap.json.extensions.cost).toEqual({ requested: 3 + 2 * (3 + 3 * (4 + 1)), limit: LIMITS.cost });
    const costly = await send(JSON.stringify({ query: document, operationName: 'Costly' }));
    expect(costly.json.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(costly.requests).toBe(0);
  });

  it('leaves variables that do not fit the operation to graphql-js, which names the variable', async () => {
    const result = await query('query($f: Int) { articles(first: $f) { edges { node { id } } } }', { f: 'many' });
    expect(result.json.errors[0].message).toMatch(/Variable "\$f" got invalid value "many"/);
    expect(result.json.extensions?.cost).toBeUndefined();
    expect(result.requests).toBe(0);
  });

  it('an omitted variable gets the default page, as the GraphQL spec says', async () => {
    const result = await query('query($f: Int) { articles(first: $f) { edges { node { id } } } }');
    expect(result.status).toBe(200);
    expect(result.json.data.articles.edges.map((edge: any) => edge.node.id)).toContain(articleId);
  });
});

describe('introspection: open to tools, counted nowhere', () => {
  it("graphql-js's full introspection query (15 levels deep) passes every limit", async () => {
    const result = await query(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        inputValueDeprecation: true,
      }),
    );
    expect(result.status).toBe(200);
    expect(result.json.errors).toBeUndefined();
    expect(result.json.data.__schema.types.map((type: any) => type.name)).toEqual(
      expect.arrayContaining(['Query', 'Claim', 'Article']),
    );
    expect(result.requests).toBe(0);
  });

  it('__type with the type-reference chain a tool sends', async () => {
    const ofType = (n: number): string => (n === 0 ? 'kind name' : `kind name ofType { ${ofType(n - 1)} }`);
    const result = await query(`{ __type(name: "Claim") { name fields { name type { ${ofType(7)} } } } }`);
    expect(result.json.errors).toBeUndefined();
    expect(result.json.data.__type.fields.map((field: any) => field.name)).toContain('claimant');
  });

  it('is refused when DISABLE_INTROSPECTION is set', async () => {
    const closed = graphqlCaller(db, { disableIntrospection: true });
    const result = await closed(getIntrospectionQuery());
    expect(result.errors?.[0]?.message).toMatch(/introspection/i);
  });
});

describe('what front ends need still fits in one request', () => {
  it('the reference query', async () => {
    const result = await query(
      '{ articles(first: 20) { edges { node { claims(first: 10) { edges { node { claimant { name } locations { name } } } } } } } }',
    );
    expect(result.status).toBe(200);
    expect(result.json.errors).toBeUndefined();
  });

  it('one whole article: text, 100 claims with everything, 100 parties and 100 places', async () => {
    const result = await query(
      `query($id: ID!) { node(id: $id) { ... on Article {
      id url title publisher publishedAt ingestedAt text extractorVersion
      claims(first: 100) { pageInfo { hasNextPage endCursor } edges { cursor node {
        id kind mode status text version eventDate extractorVersion
        claimant { id name kind affiliation aliases }
        claimantMention { start end text } cue { start end text } content { start end text } evidence { start end text }
        locations { id name latitude longitude countryCode precision }
        quantities { kind value since }
      } } }
      parties(first: 100) { edges { node { id name aliases kind affiliation } } }
      locations(first: 100) { edges { node { id name aliases latitude longitude countryCode precision geonamesId } } }
    } } }`,
      { id: articleId },
    );
    expect(result.status).toBe(200);
    expect(result.json.errors).toBeUndefined();
    expect(result.json.data.node.id).toBe(articleId);
  });

  it(`an article of 200 KB`, async () => {
    const text = 'The weather in the valley was calm on that day. '.repeat(Math.floor((200 * 1024) / 49));
    const result = await query(
      'mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { created userErrors { code } } }',
      { input: { text } },
    );
    expect(result.status).toBe(200);
    expect(result.json.data.ingestArticle).toEqual({ created: true, userErrors: [] });
    expect(Buffer.byteLength(JSON.stringify({ text }))).toBeLessThan(LIMITS.bodyBytes);
  });
});

describe('production mode', () => {
  it('answers a malformed JSON body with a plain BAD_REQUEST: no parser error, no echo of the body', async () => {
    const production = graphqlCaller(db, { production: true });
    const response = await production.yoga.fetch('http://claimgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: '{"query": "{ secretive_prefix_',
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toEqual([{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }]);
    expect(JSON.stringify(body)).not.toMatch(/secretive|originalError|SyntaxError/);
  });

  it('hides "did you mean" suggestions and keeps introspection unless disabled', async () => {
    const dev = await graphqlCaller(db)('{ artcles { edges { node { id } } } }');
    expect(dev.errors?.[0]?.message).toMatch(/Did you mean/);
    const production = graphqlCaller(db, { production: true });
    const hidden = await production('{ artcles { edges { node { id } } } }');
    expect(hidden.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect((await dataOf(production('{ __schema { queryType { name } } }'))).__schema.queryType.name).toBe('Query');
    const closed = await graphqlCaller(db, { production: true, disableIntrospection: true })(
      '{ __schema { queryType { name } } }',
    );
    expect(closed.errors?.[0]?.message).toMatch(/introspection/i);
  });
});

describe('README "Access and limits" says what the server does', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/[ \n]+/g, ' ');
  const row = (name: string) => readme.match(new RegExp(`\\| ${name} \\| ([^|]+) \\|`))?.[1]?.trim();
  const number = (text: string | undefined) => Number(text?.match(/^[\d,]+/)?.[0]?.replaceAll(',', ''));

  it('has the limits the server applies', () => {
    expect(row('`first`')).toBe(`1 to ${LIMITS.first} (default ${DEFAULT_PAGE_SIZE})`);
    expect(number(row('`nodes\\(ids:\\)`'))).toBe(LIMITS.nodeIds);
    expect(number(row('cost'))).toBe(LIMITS.cost);
    expect(number(row('depth'))).toBe(LIMITS.depth);
    expect(number(row('aliases'))).toBe(LIMITS.aliases);
    expect(number(row('directives'))).toBe(LIMITS.directives);
    expect(number(row('tokens'))).toBe(LIMITS.tokens);
    expect(number(row('body')) * 1024).toBe(LIMITS.bodyBytes);
  });

  it('gives the costs the server reports', async () => {
    const cost = async (text: string, variables?: Record<string, unknown>) =>
      (await query(text, variables)).json.extensions.cost.requested;
    const reference = await cost(
      '{ articles(first: 20) { edges { node { claims(first: 10) { edges { node { claimant { name } locations { name } } } } } } } }',
    );
    const parties = await cost(
      '{ parties(first: 100) { edges { node { claims(first: 5) { edges { node { id } } } } } } }',
    );
    const article = await cost(
      'query($id: ID!) { node(id: $id) { ... on Article { claims(first: 100) { edges { node { id } } } parties(first: 100) { edges { node { id } } } locations(first: 100) { edges { node { id } } } } } }',
      { id: articleId },
    );
    expect(readme).toContain(`= ${reference};`);
    expect(readme).toContain(`= ${parties};`);
    expect(readme).toContain(`places ${article}.`);
    expect(readme).toContain(`"requested": ${reference}, "limit": ${LIMITS.cost}`);
  });
});
