import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../lib/dynamo.js';
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
async function send(body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/json' }) {
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

const deep = (levels: number) => `{ node(id: "x") { ... on Claim { ${'restates { '.repeat(levels)}id${' }'.repeat(levels)} } } }`;

describe('the abuse corpus: each is refused before any DynamoDB request', () => {
  it.each([
    ['depth 50', () => query(deep(50)), 400, /at most 12 levels deep/],
    ['1,000 aliases', () => query(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }`), 400, /tokens|aliases/i],
    ['21 aliases', () => query(`{ ${Array.from({ length: 21 }, (_, i) => `a${i}: __typename`).join(' ')} }`), 400, /at most 20 aliases/],
    ['fragment cycles', () => query('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'), 400, /cannot spread fragment/i],
    ['a fragment named __schema', () => query('{ ...__schema } fragment __schema on Query { articles { edges { node { id } } } }'), 400, /reserved/i],
    ['first: 1000000000', () => query('{ articles(first: 1000000000) { edges { node { id } } } }'), 400, /first must be between 1 and 100/],
    ['first: -1', () => query('{ articles(first: -1) { edges { node { id } } } }'), 400, /first must be between 1 and 100/],
    ['first: -1 in a variable', () => query('query($n: Int!) { claims(first: $n) { edges { node { id } } } }', { n: -1 }), 400, /first must be between 1 and 100/],
    ['a 1 MB string argument', () => query('query($t: String!) { resolve(name: $t) { parties { id } } }', { t: 'x'.repeat(1024 * 1024) }), 413, /limited to/],
    ['malformed JSON', () => send('{"query": "{ __typename }"'), 400, /JSON/i],
    ['a wrong content type', () => send('{ __typename }', { 'content-type': 'text/plain' }), 415, /.*/],
    ['11 operations in one batch', () => send(JSON.stringify(Array.from({ length: 11 }, () => ({ query: '{ articles { edges { node { id } } } }' })))), 400, /.*/],
    ['too many tokens', () => query(`query($a: [Int] = [${Array.from({ length: 2100 }, (_, i) => i).join(',')}]) { __typename }`), 400, /tokens/],
    ['1,500 copies of one field', () => query(`{ ${Array.from({ length: 1500 }, () => '__typename').join(' ')} }`), 400, /aborted/],
    ['too costly', () => query('{ articles(first: 100) { edges { node { claims(first: 100) { edges { node { id } } } } } } }'), 400, /limit is 2000/],
    ['too many directives', () => query(`{ __typename ${'@include(if: true) '.repeat(30)} }`), 400, /directive/i],
  ])('%s', async (_, run, status, message) => {
    const result = await run();
    expect(result.status).toBe(status);
    expect(result.json?.errors?.[0]?.message ?? result.text).toMatch(message);
    expect(result.requests).toBe(0);
  });
});

describe('what front ends need still fits in one request', () => {
  it('the reference query', async () => {
    const result = await query('{ articles(first: 20) { edges { node { claims(first: 10) { edges { node { claimant { name } locations { name } } } } } } } }');
    expect(result.status).toBe(200);
    expect(result.json.errors).toBeUndefined();
  });

  it('one whole article: text, 100 claims with everything, 100 parties and 100 places', async () => {
    const result = await query(`query($id: ID!) { node(id: $id) { ... on Article {
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
    } } }`, { id: articleId });
    expect(result.status).toBe(200);
    expect(result.json.errors).toBeUndefined();
    expect(result.json.data.node.id).toBe(articleId);
  });

  it(`an article of 200 KB`, async () => {
    const text = 'The minister said the talks would go on. '.repeat(Math.floor((200 * 1024) / 42));
    const result = await query('mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { created userErrors { code } } }', { input: { text } });
    expect(result.status).toBe(200);
    expect(result.json.data.ingestArticle).toEqual({ created: true, userErrors: [] });
    expect(Buffer.byteLength(JSON.stringify({ text }))).toBeLessThan(LIMITS.bodyBytes);
  });
});

describe('production mode', () => {
  it('hides "did you mean" suggestions and keeps introspection unless disabled', async () => {
    const dev = await graphqlCaller(db)('{ artcles { edges { node { id } } } }');
    expect(dev.errors?.[0]?.message).toMatch(/Did you mean/);
    const production = graphqlCaller(db, { production: true });
    const hidden = await production('{ artcles { edges { node { id } } } }');
    expect(hidden.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect((await dataOf(production('{ __schema { queryType { name } } }'))).__schema.queryType.name).toBe('Query');
    const closed = await graphqlCaller(db, { production: true, disableIntrospection: true })('{ __schema { queryType { name } } }');
    expect(closed.errors?.[0]?.message).toMatch(/introspection/i);
  });
});
