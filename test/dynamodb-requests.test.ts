import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDataContext } from '../lib/store/loaders.js';
import { ingestArticle } from '../lib/ingest.js';
import type { Db } from '../lib/store/client.js';
import { LISTING_SHARDS } from '../lib/store/patterns.js';
import { CLAIMS_PER_ARTICLE, REFERENCE_ARTICLES, REFERENCE_QUERY, seedReferenceData } from './reference-data.js';
import {
  allPages,
  createClaim,
  createTestDb,
  dataOf,
  graphqlCaller,
  ingest,
  plainText,
  type Caller,
} from './support.js';

let db: Db;
let call: Caller;
beforeAll(async () => {
  db = await createTestDb();
  call = graphqlCaller(db);
  await seedReferenceData(call);
});

describe('DynamoDB round trips', () => {
  it('the reference query costs at most 8 requests in 3 sequential round trips, however many items it returns', async () => {
    db.counter.reset();
    const data = await dataOf(call(REFERENCE_QUERY));
    const requests = { ...db.counter.byCommand };
    const edges = data.articles.edges;
    expect(edges).toHaveLength(REFERENCE_ARTICLES);
    const claims = edges.flatMap((e: any) => e.node.claims.edges);
    expect(claims.length).toBeGreaterThanOrEqual(REFERENCE_ARTICLES * CLAIMS_PER_ARTICLE);
    expect(claims.every((c: any) => c.node.claimant?.name && c.node.locations.length === 2)).toBe(true);
    // The articles' shards at once, two BatchGetItem of claims at once (120 > 100 keys; their
    // articles, for the visibility check, are already loaded), one BatchGetItem for claimants
    // and places together: one round trip per level.
    expect(requests).toEqual({ QueryCommand: LISTING_SHARDS, BatchGetItemCommand: 3 });
    expect(db.counter.total).toBeLessThanOrEqual(8);
    expect(db.counter.roundTrips).toBe(3);
  });

  it('a query for one article costs one request per level', async () => {
    const first = await dataOf(call(`{ articles(first: 1) { edges { node { id } } } }`));
    db.counter.reset();
    await dataOf(
      call(
        `query($id: ID!) { node(id: $id) { ... on Article { title claims { edges { node { claimant { name } locations { name } } } } } } }`,
        { id: first.articles.edges[0].node.id },
      ),
    );
    // The article alone is one key: a GetItem; its claims, then their claimants and places, are batches.
    expect(db.counter.byCommand).toEqual({ GetItemCommand: 1, BatchGetItemCommand: 2 });
  });
});

describe('listings over years of sparse data', () => {
  let sparse: Db;
  let local: Caller;
  const expected: Record<string, string[]> = { CASUALTIES: [], STATEMENT: [] };
  beforeAll(async () => {
    sparse = await createTestDb();
    local = graphqlCaller(sparse);
    // One article a month over six years; a casualty claim twice a year, statements otherwise.
    for (let month = 0; month < 72; month++) {
      const day = `${2015 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-15`;
      const article = await ingest(local, { text: `${plainText(5000 + month)}`, publishedAt: `${day}T06:00:00Z` });
      const kind = month % 6 === 0 ? 'CASUALTIES' : 'STATEMENT';
      const claim = await createClaim(local, {
        articleId: article.id,
        content: { start: 0, end: 10 },
        kind,
        eventDate: day,
      });
      expected[kind]!.push(claim.id);
    }
  }, 120_000);

  it.each([
    ['claims(kind: CASUALTIES, first: 50)', '{ claims(kind: CASUALTIES, first: 50) { edges { node { id } } } }'],
    [
      'claims(kind: STATEMENT, until: "2018-12-31", first: 50)',
      '{ claims(kind: STATEMENT, until: "2018-12-31", first: 50) { edges { node { id } } } }',
    ],
    ['claims(since: "2020-06-01", first: 5)', '{ claims(since: "2020-06-01", first: 5) { edges { node { id } } } }'],
    [
      'articles(publishedBefore: "2016-01-01T00:00:00Z", first: 50)',
      '{ articles(publishedBefore: "2016-01-01T00:00:00Z", first: 50) { edges { node { id } } } }',
    ],
  ])('%s: one round trip to the shards, one to check what it found', async (_, query) => {
    sparse.counter.reset();
    const data = await dataOf(local(query));
    expect((Object.values(data)[0] as { edges: unknown[] }).edges.length).toBeGreaterThan(0);
    expect(sparse.counter.roundTrips).toBeLessThanOrEqual(2);
    expect(sparse.counter.total).toBeLessThanOrEqual(LISTING_SHARDS + 1);
  });

  it('pages through a rare kind newest first with no gaps or duplicates', async () => {
    const ids = await allPages(
      async (after) =>
        (
          await dataOf(
            local(
              `query($after: String) { claims(kind: CASUALTIES, first: 3, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
              { after },
            ),
          )
        ).claims,
    );
    expect(ids.map((node: any) => node.id)).toEqual([...expected.CASUALTIES!].reverse());
  });
});

describe('ingest round trips', () => {
  const SAMPLE = readFileSync(new URL('../data/samples/karabakh-shushi.txt', import.meta.url), 'utf8');

  it('the sample article with its parties and places stored: at most 4 sequential round trips', async () => {
    const fresh = await createTestDb();
    await ingestArticle(createDataContext(fresh), {
      text: SAMPLE,
      url: 'https://example.org/first',
      publishedAt: '2020-11-09T12:00:00Z',
    });
    fresh.counter.reset();
    const result = await ingestArticle(createDataContext(fresh), {
      text: `${SAMPLE}\nA later update.`,
      url: 'https://example.org/second',
      publishedAt: '2020-11-10T12:00:00Z',
    });
    expect(result.created).toBe(true);
    expect(fresh.counter.roundTrips).toBeLessThanOrEqual(4);
    // One batched read, the claims and links, the commit, the merged-party check.
    expect(fresh.counter.byCommand.QueryCommand ?? 0).toBe(0);
  });

  it('a new 10 KB article with 30 claims and new parties and places: at most 6', async () => {
    const fresh = await createTestDb();
    const places = [
      'Kharkiv',
      'Odesa',
      'Kherson',
      'Mykolaiv',
      'Dnipro',
      'Poltava',
      'Sumy',
      'Chernihiv',
      'Lviv',
      'Bakhmut',
    ];
    const speakers = ['The Ukrainian Defence Ministry', 'The Russian Defence Ministry', 'The Ukrainian General Staff'];
    const text = Array.from(
      { length: 30 },
      (_, i) =>
        `${speakers[i % 3]} said on Monday that artillery had shelled ${places[i % 10]} and the roads around ${places[(i + 3) % 10]} overnight, and that ${i + 2} people were wounded.`,
    )
      .join('\n')
      .padEnd(10_000, ' Residents described a long night.');
    fresh.counter.reset();
    const result = await ingestArticle(createDataContext(fresh), {
      text,
      url: 'https://example.org/long-new',
      publishedAt: '2024-03-05T10:00:00Z',
    });
    expect(result.article.claimIds.length).toBeGreaterThanOrEqual(25);
    expect(fresh.counter.roundTrips).toBeLessThanOrEqual(6);
    // Names are looked up by key in the one batched read: no Query per name.
    expect(fresh.counter.byCommand.QueryCommand ?? 0).toBe(0);
  });
});
