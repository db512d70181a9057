import { beforeAll, describe, expect, it } from 'vitest';
import { allPages, createClaim, createParty, createTestDb, dataOf, graphqlCaller, ingest, plainText, type Caller } from './support.js';

let call: Caller;
beforeAll(async () => {
  call = graphqlCaller(await createTestDb());
});

describe('parties', () => {
  it('creates parties, refuses a taken name, and lists them by name with a kind filter', async () => {
    await createParty(call, { name: 'Zeta Front', kind: 'GROUP' });
    await createParty(call, { name: 'Alpha Ministry', kind: 'GOVERNMENT_BODY', aliases: ['the Alpha MoD'] });
    await createParty(call, { name: 'Beta State', kind: 'STATE' });
    const taken = await dataOf(call(`mutation { createParty(input: { name: "ALPHA ministry", kind: STATE }) { party { id } userErrors { code field } } }`));
    expect(taken.createParty.userErrors).toEqual([{ code: 'CONFLICT', field: ['input', 'name'] }]);
    const empty = await dataOf(call(`mutation { createParty(input: { name: "  ", kind: STATE }) { party { id } userErrors { code field } } }`));
    expect(empty.createParty.userErrors).toEqual([{ code: 'VALIDATION_FAILED', field: ['input', 'name'] }]);
    const all = await allPages(async (after) => (await dataOf(call(`query($after: String) { parties(first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`, { after }))).parties);
    expect(all.map((p: any) => p.name)).toEqual(['Alpha Ministry', 'Beta State', 'Zeta Front']);
    const states = await dataOf(call(`{ parties(kind: STATE) { edges { node { name kind } } } }`));
    expect(states.parties.edges.map((e: any) => e.node)).toEqual([{ name: 'Beta State', kind: 'STATE' }]);
  });
});

describe('mergeParties', () => {
  it('moves names, aliases, claims and article mentions to the kept party and removes the other', async () => {
    const keep = await createParty(call, { name: 'Defense Ministry of Nowhere', kind: 'GOVERNMENT_BODY' });
    const remove = await createParty(call, { name: 'Nowhere MoD', aliases: ['the Nowhere defence ministry'], kind: 'GOVERNMENT_BODY' });
    const article = await ingest(call, { text: plainText(77), publishedAt: '2024-06-01T00:00:00Z' });
    const claims = [];
    for (let i = 0; i < 3; i++) claims.push(await createClaim(call, { articleId: article.id, claimantId: remove, content: { start: i, end: i + 4 } }));
    const merged = await dataOf(call(`mutation($keep: ID!, $remove: ID!) { mergeParties(input: { keepId: $keep, removeId: $remove }) { party { id name aliases claims { edges { node { id claimant { id } } } } articles { edges { node { id } } } } userErrors { code } } }`, { keep, remove }));
    const party = merged.mergeParties.party;
    expect(merged.mergeParties.userErrors).toEqual([]);
    expect(party.aliases).toEqual(expect.arrayContaining(['Nowhere MoD', 'the Nowhere defence ministry']));
    expect(party.claims.edges.map((e: any) => e.node.id).sort()).toEqual(claims.map((c) => c.id).sort());
    expect(party.claims.edges.every((e: any) => e.node.claimant.id === keep)).toBe(true);
    expect(party.articles.edges.map((e: any) => e.node.id)).toEqual([article.id]);
    const after = await dataOf(call(`query($remove: ID!, $article: ID!) {
      node(id: $remove) { id }
      resolve(name: "nowhere mod") { parties { edges { node { id } } } }
      article: node(id: $article) { ... on Article { parties { edges { node { id } } } } } }`, { remove, article: article.id }));
    expect(after.node).toBeNull();
    expect(after.resolve.parties.edges.map((e: any) => e.node)).toEqual([{ id: keep }]);
    expect(after.article.parties.edges.map((e: any) => e.node.id)).toEqual([keep]);
  });

  it('refuses merging a party into itself or into a missing one', async () => {
    const id = await createParty(call, { name: 'Solo', kind: 'PERSON' });
    const self = await dataOf(call(`mutation($id: ID!) { mergeParties(input: { keepId: $id, removeId: $id }) { party { id } userErrors { code field } } }`, { id }));
    expect(self.mergeParties.userErrors).toEqual([{ code: 'VALIDATION_FAILED', field: ['input', 'removeId'] }]);
    const ghost = Buffer.from('Party:ghost').toString('base64url');
    const missing = await dataOf(call(`mutation($id: ID!, $ghost: ID!) { mergeParties(input: { keepId: $id, removeId: $ghost }) { party { id } userErrors { code field } } }`, { id, ghost }));
    expect(missing.mergeParties.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'removeId'] }]);
  });
});
