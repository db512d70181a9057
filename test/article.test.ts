import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../lib/store/client.js';
import {
  allPages,
  createClaim,
  createLocation,
  createParty,
  createTestDb,
  dataOf,
  graphqlCaller,
  ingest,
  plainText,
  scanTable,
  type Caller,
} from './support.js';

const SAMPLE = readFileSync(new URL('../data/samples/karabakh-shushi.txt', import.meta.url), 'utf8');
const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) { created article { id url title publisher publishedAt ingestedAt text } userErrors { field message code } }
}`;

let db: Db;
let call: Caller;
beforeAll(async () => {
  db = await createTestDb();
  call = graphqlCaller(db);
});

describe('ingestArticle', () => {
  it('stores the cleaned text and returns the same article for the same URL', async () => {
    const input = {
      text: SAMPLE,
      url: 'https://example.org/a',
      title: 'Shushi',
      publisher: 'Example News',
      publishedAt: '2020-11-09T12:00:00Z',
    };
    const first = (await dataOf(call(INGEST, { input }))).ingestArticle;
    expect(first.userErrors).toEqual([]);
    expect(first.created).toBe(true);
    expect(first.article.text).not.toContain('[ad_1]');
    expect(first.article.text.startsWith('The Armenian Defense Ministry said')).toBe(true);
    expect(first.article.publishedAt).toBe('2020-11-09T12:00:00.000Z');
    const again = (await dataOf(call(INGEST, { input: { ...input, title: 'Other title' } }))).ingestArticle;
    expect(again.created).toBe(false);
    expect(again.article.id).toBe(first.article.id);
    expect(again.article.title).toBe('Shushi');
  });

  it('without a URL, the same cleaned text is the same article', async () => {
    const text = plainText(9001);
    const first = (await dataOf(call(INGEST, { input: { text } }))).ingestArticle;
    const second = (await dataOf(call(INGEST, { input: { text: `[ad_1]\n${text}\n[ad_2]` } }))).ingestArticle;
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.article.id).toBe(first.article.id);
  });

  it.each([
    [{ text: '   ' }, ['input', 'text'], 'VALIDATION_FAILED'],
    [{ text: 'x'.repeat(200 * 1024 + 1) }, ['input', 'text'], 'VALIDATION_FAILED'],
    [{ text: 'Some text.', publisher: 'p'.repeat(501) }, ['input', 'publisher'], 'VALIDATION_FAILED'],
  ])('refuses bad input %#, writing nothing', async (input, field, code) => {
    const before = (await scanTable(db)).length;
    const result = (await dataOf(call(INGEST, { input }))).ingestArticle;
    expect(result.article).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field, code })]);
    expect((await scanTable(db)).length).toBe(before);
  });

  it('rejects malformed URLs and dates as GraphQL input errors', async () => {
    const badUrl = await call(INGEST, { input: { text: 'Some text.', url: 'not a url' } });
    expect(badUrl.errors?.[0]?.message).toMatch(/url/i);
    const badDate = await call(INGEST, { input: { text: 'Some text.', publishedAt: 'yesterday' } });
    expect(badDate.errors?.[0]?.message).toMatch(/publishedAt|DateTime/);
  });
});

describe('articles', () => {
  const QUERY = `query($first: Int!, $after: String, $publisher: String, $publishedAfter: DateTime, $publishedBefore: DateTime) {
    articles(first: $first, after: $after, publisher: $publisher, publishedAfter: $publishedAfter, publishedBefore: $publishedBefore) {
      edges { cursor node { id title publishedAt publisher } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  let isolated: Caller;
  beforeAll(async () => {
    isolated = graphqlCaller(await createTestDb());
    // 25 articles over three months and two publishers.
    for (let i = 0; i < 25; i++) {
      const month = ['2024-01', '2024-02', '2024-03'][i % 3];
      await ingest(isolated, {
        text: plainText(i),
        title: `Article ${i}`,
        publisher: i % 2 ? 'Daily Ağdam' : 'Weekly',
        publishedAt: `${month}-${String(1 + i).padStart(2, '0')}T10:00:00Z`,
      });
    }
  });

  it('pages newest first across month shards with no gaps or duplicates', async () => {
    const nodes = await allPages(async (after) => (await dataOf(isolated(QUERY, { first: 4, after }))).articles);
    expect(nodes).toHaveLength(25);
    expect(new Set(nodes.map((n: any) => n.id)).size).toBe(25);
    const dates = nodes.map((n: any) => n.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('filters by publisher, case- and diacritic-insensitively, and by date range', async () => {
    const byPublisher = await allPages(
      async (after) => (await dataOf(isolated(QUERY, { first: 5, after, publisher: 'daily agdam' }))).articles,
    );
    expect(byPublisher).toHaveLength(12);
    expect(byPublisher.every((n: any) => n.publisher === 'Daily Ağdam')).toBe(true);
    const february = await allPages(
      async (after) =>
        (
          await dataOf(
            isolated(QUERY, {
              first: 3,
              after,
              publishedAfter: '2024-02-01T00:00:00Z',
              publishedBefore: '2024-02-29T23:59:59Z',
            }),
          )
        ).articles,
    );
    expect(february).toHaveLength(8);
    expect(february.every((n: any) => n.publishedAt.startsWith('2024-02'))).toBe(true);
  });

  it('refuses a first outside 1..100 and a malformed or foreign cursor', async () => {
    for (const first of [0, 101, -1]) {
      const result = await isolated(QUERY, { first });
      expect(result.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    }
    const garbage = await isolated(QUERY, { first: 2, after: 'garbage!' });
    expect(garbage.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    const page = (await dataOf(isolated(QUERY, { first: 2 }))).articles;
    const foreign = await isolated(QUERY, { first: 2, after: page.pageInfo.endCursor, publisher: 'Weekly' });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });
});

describe('deleteArticle', () => {
  it('removes the article, its claims and every link, leaving nothing that points to it', async () => {
    const localDb = await createTestDb();
    const local = graphqlCaller(localDb);
    const partyId = await createParty(local, { name: 'Ministry of Tests', kind: 'GOVERNMENT_BODY' });
    const locationId = await createLocation(local, {
      name: 'Testville',
      latitude: 40,
      longitude: 45,
      countryCode: 'AZ',
    });
    const keep = await ingest(local, { text: plainText(1), publishedAt: '2024-01-01T00:00:00Z' });
    const doomed = await ingest(local, { text: plainText(2), publishedAt: '2024-01-02T00:00:00Z' });
    for (const article of [keep, doomed]) {
      for (let i = 0; i < 3; i++) {
        await createClaim(local, {
          articleId: article.id,
          claimantId: partyId,
          locationIds: [locationId],
          content: { start: i, end: i + 5 },
          kind: 'ATTACK',
        });
      }
    }
    const internalId = Buffer.from(doomed.id, 'base64url').toString().split(':')[1]!;
    const before = await scanTable(localDb);
    expect(before.filter((item) => JSON.stringify(item).includes(internalId)).length).toBeGreaterThan(5);
    const result = await dataOf(
      local(`mutation($id: ID!) { deleteArticle(input: { id: $id }) { deletedArticleId userErrors { code } } }`, {
        id: doomed.id,
      }),
    );
    expect(result.deleteArticle).toEqual({ deletedArticleId: doomed.id, userErrors: [] });
    // The change feed keeps its tombstones for the retention time: they alone may name it.
    const after = (await scanTable(localDb)).filter((item) => !String(item.pk).startsWith('CHANGES#'));
    expect(after.filter((item) => JSON.stringify(item).includes(internalId))).toEqual([]);
    const gone = await dataOf(local(`query($id: ID!) { node(id: $id) { id } }`, { id: doomed.id }));
    expect(gone.node).toBeNull();
    const again = await dataOf(
      local(`mutation($id: ID!) { deleteArticle(input: { id: $id }) { deletedArticleId userErrors { code } } }`, {
        id: doomed.id,
      }),
    );
    expect(again.deleteArticle.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    const party = await dataOf(
      local(
        `query($id: ID!) { node(id: $id) { ... on Party { claims { edges { node { article { id } } } } articles { edges { node { id } } } } } }`,
        { id: partyId },
      ),
    );
    expect(party.node.claims.edges).toHaveLength(3);
    expect(party.node.claims.edges.every((e: any) => e.node.article.id === keep.id)).toBe(true);
    expect(party.node.articles.edges.map((e: any) => e.node.id)).toEqual([keep.id]);
  });
});

describe('deleteArticle against a write in progress', () => {
  it('deleting while a 120-claim article is ingested leaves it whole or gone, and every listing answers', async () => {
    const local = await createTestDb();
    const caller = graphqlCaller(local);
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
    const text = Array.from(
      { length: 120 },
      (_, i) => `The Ukrainian Defence Ministry said Russian forces shelled ${places[i % places.length]} on day ${i}.`,
    ).join('\n');
    const input = { text, url: 'https://example.org/delete-race', publishedAt: '2024-03-05T10:00:00Z' };
    const first = await ingest(caller, input);
    // Re-ingesting the same story (here: a re-extraction race is the same shape) while deletes arrive.
    const deletes = Array.from({ length: 5 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 40)).then(() =>
        dataOf(
          graphqlCaller(local)(
            `mutation($id: ID!) { deleteArticle(input: { id: $id }) { deletedArticleId userErrors { code } } }`,
            { id: first.id },
          ),
        ),
      ),
    );
    const ingests = Array.from({ length: 3 }, () => graphqlCaller(local)(INGEST, { input }));
    const results = await Promise.all([...deletes, ...ingests]);
    for (const result of results) expect((result as any).errors).toBeUndefined();
    const deleted = results.slice(0, 5).filter((result: any) => result.deleteArticle.deletedArticleId);
    expect(deleted.length).toBeGreaterThanOrEqual(1);
    for (const result of results.slice(0, 5) as any[])
      if (!result.deleteArticle.deletedArticleId)
        expect(['NOT_FOUND', 'CONFLICT']).toContain(result.deleteArticle.userErrors[0].code);
    const items = await scanTable(local);
    const { checkInvariants } = await import('../lib/store/integrity.js');
    expect(checkInvariants(items)).toEqual([]);
    // A query that reaches claims through their party answers whole.
    const parties = await dataOf(
      caller(
        `{ parties(first: 10) { edges { node { claims(first: 100) { edges { node { id article { url } } } } } } } }`,
      ),
    );
    expect(parties.parties.edges.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('input bounds', () => {
  it('refuses publication years 0000 and 9999 naming the field', async () => {
    for (const publishedAt of ['0000-01-01T00:00:00Z', '9999-12-31T00:00:00Z']) {
      const result = await call(INGEST, { input: { text: plainText(4242), publishedAt } });
      const errors = result.data?.ingestArticle?.userErrors ?? result.errors;
      expect(JSON.stringify(errors), publishedAt).toMatch(/publishedAt/);
      expect(result.data?.ingestArticle?.article ?? null).toBeNull();
    }
  });
});
