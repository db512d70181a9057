import { beforeAll, describe, expect, it } from 'vitest';
import {
  createClaim,
  createLocation,
  createParty,
  createTestDb,
  dataOf,
  graphqlCaller,
  ingest,
  plainText,
  type Caller,
} from './support.js';

let call: Caller;
const ids: Record<string, string> = {};
beforeAll(async () => {
  call = graphqlCaller(await createTestDb());
  ids.Party = await createParty(call, { name: 'Refetch Party', kind: 'PERSON' });
  ids.Location = await createLocation(call, { name: 'Refetch Place', latitude: 1, longitude: 2 });
  ids.Article = (await ingest(call, { text: plainText(5), title: 'Refetch' })).id;
  ids.Claim = (
    await createClaim(call, { articleId: ids.Article, claimantId: ids.Party, content: { start: 0, end: 6 } })
  ).id;
});

describe('node and nodes', () => {
  it.each(['Article', 'Claim', 'Party', 'Location'])('refetches a %s by its global ID', async (type) => {
    const result = await dataOf(call(`query($id: ID!) { node(id: $id) { __typename id } }`, { id: ids[type] }));
    expect(result.node).toEqual({ __typename: type, id: ids[type] });
  });

  it('fetches several nodes in order, null for the missing', async () => {
    const missing = Buffer.from('Claim:nosuchclaim').toString('base64url');
    const result = await dataOf(
      call(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [ids.Location, missing, ids.Article] }),
    );
    expect(result.nodes).toEqual([
      { __typename: 'Location', id: ids.Location },
      null,
      { __typename: 'Article', id: ids.Article },
    ]);
  });

  it.each([
    '',
    'not-base64!',
    Buffer.from('Spaceship:1').toString('base64url'),
    Buffer.from('no separator').toString('base64url'),
    'x'.repeat(500),
  ])('answers an invalid ID (%#) with a clear INVALID_ID error', async (id) => {
    const result = await call(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
    expect(result.errors?.[0]?.message).toMatch(/not a claimgraph ID/);
  });

  it('reports an invalid cursor on a nested connection', async () => {
    const result = await call(
      `query($id: ID!) { node(id: $id) { ... on Article { claims(after: "bm9wZQ") { edges { cursor } } } } }`,
      { id: ids.Article },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });
});
