import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../lib/dynamo.js';
import { CLAIMS_PER_ARTICLE, REFERENCE_ARTICLES, REFERENCE_QUERY, seedReferenceData } from './reference-data.js';
import { createTestDb, dataOf, graphqlCaller, type Caller } from './support.js';

let db: Db;
let call: Caller;
beforeAll(async () => {
  db = await createTestDb();
  call = graphqlCaller(db);
  await seedReferenceData(call);
});

describe('DynamoDB round trips', () => {
  it('the reference query costs at most 6 requests, however many items it returns', async () => {
    db.counter.reset();
    const data = await dataOf(call(REFERENCE_QUERY));
    const requests = { ...db.counter.byCommand };
    const edges = data.articles.edges;
    expect(edges).toHaveLength(REFERENCE_ARTICLES);
    const claims = edges.flatMap((e: any) => e.node.claims.edges);
    expect(claims.length).toBeGreaterThanOrEqual(REFERENCE_ARTICLES * CLAIMS_PER_ARTICLE);
    expect(claims.every((c: any) => c.node.claimant?.name && c.node.locations.length === 2)).toBe(true);
    // Months registry + one month shard, two BatchGetItem of claims (120 > 100 keys),
    // one BatchGetItem for claimants and places together.
    expect(requests).toEqual({ QueryCommand: 2, BatchGetItemCommand: 3 });
    expect(db.counter.total).toBeLessThanOrEqual(6);
  });

  it('a query for one article costs one request per level', async () => {
    const first = await dataOf(call(`{ articles(first: 1) { edges { node { id } } } }`));
    db.counter.reset();
    await dataOf(call(`query($id: ID!) { node(id: $id) { ... on Article { title claims { edges { node { claimant { name } locations { name } } } } } } }`, { id: first.articles.edges[0].node.id }));
    expect(db.counter.byCommand).toEqual({ BatchGetItemCommand: 3 });
  });
});
