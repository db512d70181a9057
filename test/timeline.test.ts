/**
 * Timelines: the day each claim is about and where it comes from, dated listings in either
 * order (cursors over several pages and the hash shards), and GeoJSON over the sample article
 * and a generated corpus of several years.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { article as generatedArticle } from '../bench/scale.js';
import { loadSamples } from '../lib/bootstrap.js';
import type { Db } from '../lib/store/client.js';
import { LISTING_SHARDS } from '../lib/store/patterns.js';
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
const CORPUS = 30;

beforeAll(async () => {
  db = await createTestDb();
  call = graphqlCaller(db);
  for (let n = 0; n < CORPUS; n += 3)
    await Promise.all([n, n + 1, n + 2].map((i) => ingest(call, generatedArticle(i))));
  await loadSamples(db);
}, 240_000);

const CLAIM_FIELDS = `id day daySource eventDate article { publishedAt ingestedAt }`;

describe('Claim.day and daySource', () => {
  it('an event date, else the publication day, else the ingest day', async () => {
    const dated = await ingest(call, { text: plainText(101), publishedAt: '2021-03-04T23:30:00Z' });
    const undated = await ingest(call, { text: plainText(102) });
    const span = { start: 0, end: 6 };
    const claims = [
      await createClaim(call, { articleId: dated.id, content: span, eventDate: '2021-02-27' }),
      await createClaim(call, { articleId: dated.id, content: span }),
      await createClaim(call, { articleId: undated.id, content: span }),
      await createClaim(call, { articleId: undated.id, content: span, eventDate: '2019-12-31' }),
    ];
    const { nodes } = await dataOf(
      call(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Claim { ${CLAIM_FIELDS} } } }`, {
        ids: claims.map((c) => c.id),
      }),
    );
    expect(nodes.map((n: any) => [n.day, n.daySource])).toEqual([
      ['2021-02-27', 'EVENT'],
      ['2021-03-04', 'PUBLISHED'],
      [nodes[2].article.ingestedAt.slice(0, 10), 'INGESTED'],
      ['2019-12-31', 'EVENT'],
    ]);
    // Listings sort by the same day: the claim of the unpublished article sorts by its ingest day.
    const { claims: listed } = await dataOf(
      call(`query($d: Date!) { claims(since: $d, until: $d, first: 100) { edges { node { id } } } }`, {
        d: nodes[2].day,
      }),
    );
    expect(listed.edges.map((e: any) => e.node.id)).toContain(claims[2]!.id);
  });

  it('on extracted claims: EVENT where the text dates them, PUBLISHED where it does not', async () => {
    const { articles } = await dataOf(
      call(
        `{ articles(first: 40) { edges { node { publishedAt claims(first: 25) { edges { node { ${CLAIM_FIELDS} } } } } } } }`,
      ),
    );
    const claims = articles.edges.flatMap((e: any) => e.node.claims.edges.map((c: any) => c.node));
    expect(claims.length).toBeGreaterThan(CORPUS);
    for (const claim of claims) {
      if (claim.eventDate) expect([claim.day, claim.daySource]).toEqual([claim.eventDate, 'EVENT']);
      else if (claim.article.publishedAt)
        expect([claim.day, claim.daySource]).toEqual([claim.article.publishedAt.slice(0, 10), 'PUBLISHED']);
      else expect([claim.day, claim.daySource]).toEqual([claim.article.ingestedAt.slice(0, 10), 'INGESTED']);
    }
    const sources = claims.map((c: any) => c.daySource);
    expect(sources).toContain('EVENT');
    expect(sources).toContain('PUBLISHED');
  });
});

type Listing = (order: string, after: string | null) => Promise<any>;

/** Pages of `first` through a listing in both orders: each the other reversed, in order, without repeats. */
async function bothWays(listing: Listing, dayOf: (node: any) => string): Promise<any[]> {
  const newest = await allPages((after) => listing('NEWEST_FIRST', after));
  const oldest = await allPages((after) => listing('OLDEST_FIRST', after));
  const ids = (nodes: any[]) => nodes.map((node) => node.id);
  expect(new Set(ids(newest)).size).toBe(newest.length);
  expect(ids(oldest)).toEqual(ids(newest).reverse());
  const days = oldest.map(dayOf);
  expect(days).toEqual([...days].sort());
  return oldest;
}

describe('order: NEWEST_FIRST | OLDEST_FIRST', () => {
  const CLAIMS = `query($order: ListOrder!, $after: String, $kind: ClaimKind, $since: Date, $until: Date) {
    claims(order: $order, first: 7, after: $after, kind: $kind, since: $since, until: $until) {
      edges { cursor node { id day } } pageInfo { hasNextPage endCursor }
    }
  }`;

  it('claims, over several pages and every shard, with since/until and kind', async () => {
    const claims = (variables: Record<string, unknown>) => (order: string, after: string | null) =>
      dataOf(call(CLAIMS, { order, after, ...variables })).then((data) => data.claims);
    const all = await bothWays(claims({}), (node) => node.day);
    expect(all.length).toBeGreaterThan(2 * CORPUS);
    expect(all[0].day < all.at(-1).day).toBe(true);
    const ranged = await bothWays(claims({ since: '2016-01-01', until: '2017-12-31' }), (node) => node.day);
    expect(ranged.length).toBeGreaterThan(7);
    expect(ranged.every((node: any) => node.day >= '2016-01-01' && node.day <= '2017-12-31')).toBe(true);
    expect(ranged.map((node: any) => node.id)).toEqual(
      all.filter((node: any) => node.day >= '2016-01-01' && node.day <= '2017-12-31').map((node: any) => node.id),
    );
    await bothWays(claims({ kind: 'ATTACK' }), (node) => node.day);
  });

  it('articles, with a publisher and without', async () => {
    const ARTICLES = `query($order: ListOrder!, $after: String) {
      articles(order: $order, first: 6, after: $after) { edges { node { id publishedAt ingestedAt } } pageInfo { hasNextPage endCursor } }
    }`;
    const articles = await bothWays(
      (order, after) => dataOf(call(ARTICLES, { order, after })).then((data) => data.articles),
      (node) => node.publishedAt ?? node.ingestedAt,
    );
    expect(articles.length).toBeGreaterThan(CORPUS);
  });

  it('a place’s claims', async () => {
    const { resolve } = await dataOf(
      call(`{ resolve(name: "Stepanakert") { locations(first: 1) { edges { node { id } } } } }`),
    );
    const id = resolve.locations.edges[0].node.id;
    const PLACE = `query($id: ID!, $order: ListOrder!, $after: String) {
      node(id: $id) { ... on Location { claims(order: $order, first: 2, after: $after) { edges { node { id day } } pageInfo { hasNextPage endCursor } } } }
    }`;
    const claims = await bothWays(
      (order, after) => dataOf(call(PLACE, { id, order, after })).then((data) => data.node.claims),
      (node) => node.day,
    );
    expect(claims.length).toBeGreaterThan(2);
  });

  it('a party’s claims: the first page newest first from its list of newest claims, oldest first from the index', async () => {
    const { parties } = await dataOf(
      call(`{ parties(first: 100) { edges { node { id claims(first: 1) { totalCount } } } } }`),
    );
    const busiest = parties.edges
      .map((edge: any) => edge.node)
      .sort((a: any, b: any) => b.claims.totalCount - a.claims.totalCount)[0];
    expect(busiest.claims.totalCount).toBeGreaterThan(4);
    const PARTY = `query($id: ID!, $order: ListOrder!, $after: String) {
      node(id: $id) { ... on Party { claims(order: $order, first: 3, after: $after) { edges { node { id day } } pageInfo { hasNextPage endCursor } } } }
    }`;
    const claims = await bothWays(
      (order, after) => dataOf(call(PARTY, { id: busiest.id, order, after })).then((data) => data.node.claims),
      (node) => node.day,
    );
    expect(claims).toHaveLength(busiest.claims.totalCount);
  });

  it('refuses a cursor made in the other order', async () => {
    const { claims } = await dataOf(call(CLAIMS, { order: 'NEWEST_FIRST' }));
    const result = await call(CLAIMS, { order: 'OLDEST_FIRST', after: claims.pageInfo.endCursor });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('oldest first costs what newest first does: the shards at once, then one batched read', async () => {
    db.counter.reset();
    await dataOf(call(`{ claims(order: OLDEST_FIRST, first: 50) { edges { node { id day } } } }`));
    expect(db.counter.byCommand).toEqual({ QueryCommand: LISTING_SHARDS, BatchGetItemCommand: 1 });
    expect(db.counter.roundTrips).toBe(2);
  });
});

describe('claimsGeoJSON over the sample and a generated corpus of six years', () => {
  it('every page is a valid FeatureCollection with a Point per claim and geocoded place', async () => {
    const features: any[] = [];
    let after: string | null = null;
    do {
      const { claimsGeoJSON }: any = await dataOf(
        call(`query($after: String) { claimsGeoJSON(first: 25, after: $after) }`, { after }),
      );
      expect(claimsGeoJSON.type).toBe('FeatureCollection');
      for (const feature of claimsGeoJSON.features) {
        expect(feature.type).toBe('Feature');
        expect(feature.geometry.type).toBe('Point');
        expect(feature.geometry.coordinates).toHaveLength(2);
        const [longitude, latitude] = feature.geometry.coordinates;
        expect(Math.abs(longitude)).toBeLessThanOrEqual(180);
        expect(Math.abs(latitude)).toBeLessThanOrEqual(90);
      }
      features.push(...claimsGeoJSON.features);
      after = claimsGeoJSON.hasNextPage ? claimsGeoJSON.endCursor : null;
    } while (after);
    // The same claims and places, read the long way round.
    const claims = await allPages(
      async (cursor) =>
        (
          await dataOf(
            call(
              `query($after: String) { claims(first: 100, after: $after) { edges { node { id kind day daySource claimant { name } locations { id name latitude longitude precision } } } pageInfo { hasNextPage endCursor } } }`,
              { after: cursor },
            ),
          )
        ).claims,
    );
    const expected = claims.flatMap((claim: any) =>
      claim.locations
        .filter((l: any) => l.precision !== 'UNRESOLVED')
        .map((l: any) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [l.longitude, l.latitude] },
          properties: {
            claimId: claim.id,
            kind: claim.kind,
            claimant: claim.claimant?.name ?? null,
            day: claim.day,
            daySource: claim.daySource,
            place: l.name,
            placeId: l.id,
            precision: l.precision,
            approximate: l.precision === 'COUNTRY' || l.precision === 'REGION',
          },
        })),
    );
    expect(features.length).toBeGreaterThan(CORPUS);
    expect(features).toEqual(expected);
    // The sample article (Karabakh, 2020) is on the map, with its capital.
    expect(features.some((f) => f.properties.place === 'Stepanakert' && f.properties.day.startsWith('2020-'))).toBe(
      true,
    );
  });
});
