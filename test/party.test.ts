import { beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants, leftovers } from '../lib/store/integrity.js';
import {
  allPages,
  createClaim,
  createParty,
  createTestDb,
  dataOf,
  graphqlCaller,
  ingest,
  plainText,
  scanTable,
  type Caller,
} from './support.js';

let call: Caller;
beforeAll(async () => {
  call = graphqlCaller(await createTestDb());
});

describe('parties', () => {
  it('creates parties, refuses a taken name, and lists them by name with a kind filter', async () => {
    await createParty(call, { name: 'Zeta Front', kind: 'GROUP' });
    await createParty(call, { name: 'Alpha Ministry', kind: 'GOVERNMENT_BODY', aliases: ['the Alpha MoD'] });
    await createParty(call, { name: 'Beta State', kind: 'STATE' });
    const taken = await dataOf(
      call(
        `mutation { createParty(input: { name: "ALPHA ministry", kind: STATE }) { party { id } userErrors { code field } } }`,
      ),
    );
    expect(taken.createParty.userErrors).toEqual([{ code: 'CONFLICT', field: ['input', 'name'] }]);
    const empty = await dataOf(
      call(`mutation { createParty(input: { name: "  ", kind: STATE }) { party { id } userErrors { code field } } }`),
    );
    expect(empty.createParty.userErrors).toEqual([{ code: 'VALIDATION_FAILED', field: ['input', 'name'] }]);
    const all = await allPages(
      async (after) =>
        (
          await dataOf(
            call(
              `query($after: String) { parties(first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`,
              { after },
            ),
          )
        ).parties,
    );
    expect(all.map((p: any) => p.name)).toEqual(['Alpha Ministry', 'Beta State', 'Zeta Front']);
    const states = await dataOf(call(`{ parties(kind: STATE) { edges { node { name kind } } } }`));
    expect(states.parties.edges.map((e: any) => e.node)).toEqual([{ name: 'Beta State', kind: 'STATE' }]);
  });
});

describe('mergeParties', () => {
  it('moves names, aliases, claims and article mentions to the kept party and removes the other', async () => {
    const keep = await createParty(call, { name: 'Defense Ministry of Nowhere', kind: 'GOVERNMENT_BODY' });
    const remove = await createParty(call, {
      name: 'Nowhere MoD',
      aliases: ['the Nowhere defence ministry'],
      kind: 'GOVERNMENT_BODY',
    });
    const article = await ingest(call, { text: plainText(77), publishedAt: '2024-06-01T00:00:00Z' });
    const claims = [];
    for (let i = 0; i < 3; i++)
      claims.push(
        await createClaim(call, { articleId: article.id, claimantId: remove, content: { start: i, end: i + 4 } }),
      );
    const merged = await dataOf(
      call(
        `mutation($keep: ID!, $remove: ID!) { mergeParties(input: { keepId: $keep, removeId: $remove }) { party { id name aliases claims { edges { node { id claimant { id } } } } articles { edges { node { id } } } } userErrors { code } } }`,
        { keep, remove },
      ),
    );
    const party = merged.mergeParties.party;
    expect(merged.mergeParties.userErrors).toEqual([]);
    expect(party.aliases).toEqual(expect.arrayContaining(['Nowhere MoD', 'the Nowhere defence ministry']));
    expect(party.claims.edges.map((e: any) => e.node.id).sort()).toEqual(claims.map((c) => c.id).sort());
    expect(party.claims.edges.every((e: any) => e.node.claimant.id === keep)).toBe(true);
    expect(party.articles.edges.map((e: any) => e.node.id)).toEqual([article.id]);
    const after = await dataOf(
      call(
        `query($remove: ID!, $article: ID!) {
      node(id: $remove) { id }
      resolve(name: "nowhere mod") { parties { edges { node { id } } } }
      article: node(id: $article) { ... on Article { parties { edges { node { id } } } } } }`,
        { remove, article: article.id },
      ),
    );
    expect(after.node).toBeNull();
    expect(after.resolve.parties.edges.map((e: any) => e.node)).toEqual([{ id: keep }]);
    expect(after.article.parties.edges.map((e: any) => e.node.id)).toEqual([keep]);
  });

  it('refuses merging a party into itself or into a missing one', async () => {
    const id = await createParty(call, { name: 'Solo', kind: 'PERSON' });
    const self = await dataOf(
      call(
        `mutation($id: ID!) { mergeParties(input: { keepId: $id, removeId: $id }) { party { id } userErrors { code field } } }`,
        { id },
      ),
    );
    expect(self.mergeParties.userErrors).toEqual([{ code: 'VALIDATION_FAILED', field: ['input', 'removeId'] }]);
    const ghost = Buffer.from('Party:ghost').toString('base64url');
    const missing = await dataOf(
      call(
        `mutation($id: ID!, $ghost: ID!) { mergeParties(input: { keepId: $id, removeId: $ghost }) { party { id } userErrors { code field } } }`,
        { id, ghost },
      ),
    );
    expect(missing.mergeParties.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'removeId'] }]);
  });
});

describe('ingest and the names of stored parties', () => {
  it('takes a name known only as an alias for the party that has it, looked up by key', async () => {
    const db = await createTestDb();
    const local = graphqlCaller(db);
    const party = await createParty(local, {
      name: 'Ministry of Defence of Ruritania',
      aliases: ['Ruritanian Defense Ministry'],
      kind: 'GOVERNMENT_BODY',
    });
    db.counter.reset();
    const article = await ingest(local, {
      text: 'The Ruritanian Defense Ministry said troops shelled Stepanakert on Monday.',
      url: 'https://example.org/alias-lookup',
    });
    expect(db.counter.byCommand.QueryCommand ?? 0).toBe(0);
    const claims = await dataOf(
      local(`query($id: ID!) { node(id: $id) { ... on Article { claims { edges { node { claimant { id } } } } } } }`, {
        id: article.id,
      }),
    );
    expect(claims.node.claims.edges.map((edge: any) => edge.node.claimant?.id)).toContain(party);
    const all = await dataOf(local(`{ parties(first: 100) { edges { node { name } } } }`));
    expect(all.parties.edges.filter((edge: any) => /Ruritania/.test(edge.node.name))).toHaveLength(1);
  });
});

describe('mergeParties under concurrent writers', () => {
  it('leaves nothing naming the removed party while 20 writers ingest and create claims naming it', async () => {
    const db = await createTestDb();
    const local = graphqlCaller(db);
    // The removed party is the one extraction finds in these articles.
    const seed = await ingest(local, {
      text: 'The Ruritanian Defense Ministry said troops shelled Stepanakert on Monday.',
      url: 'https://example.org/merge/seed',
      publishedAt: '2024-06-01T00:00:00Z',
    });
    const found = await dataOf(
      local(`{ resolve(name: "Ruritanian Defense Ministry") { parties { edges { node { id } } } } }`),
    );
    const remove = found.resolve.parties.edges[0].node.id as string;
    const keep = await createParty(local, { name: 'Ministry of Defence of Ruritania', kind: 'GOVERNMENT_BODY' });

    const writers = Array.from({ length: 20 }, async (_, i) => {
      const writer = graphqlCaller(db); // its own server and loaders, as another Lambda instance would be
      if (i % 2 === 0) {
        return ingest(writer, {
          text: `Report ${i}: the Ruritanian Defense Ministry said troops shelled Martuni and Hadrut on day ${i}.`,
          url: `https://example.org/merge/${i}`,
          publishedAt: '2024-06-02T00:00:00Z',
        });
      }
      // Ten writers on one article contend for it: one may be told CONFLICT, and retries as a client would.
      for (let attempt = 0; ; attempt++) {
        const result = await dataOf(
          writer(
            `mutation($input: CreateClaimInput!) { createClaim(input: $input) { claim { id claimant { id } } userErrors { code } } }`,
            { input: { articleId: seed.id, claimantId: remove, content: { start: 0, end: 10 + i } } },
          ),
        );
        if (result.createClaim.userErrors.length === 0) return result.createClaim.claim;
        expect(result.createClaim.userErrors).toEqual([{ code: 'CONFLICT' }]);
        expect(attempt).toBeLessThan(5);
      }
    });
    const merge = dataOf(
      local(
        `mutation($keep: ID!, $remove: ID!) { mergeParties(input: { keepId: $keep, removeId: $remove }) { party { id } userErrors { code message } } }`,
        { keep, remove },
      ),
    );
    const [merged] = await Promise.all([merge, ...writers]);
    const rawRemove = Buffer.from(remove, 'base64url').toString('utf8').split(':')[1]!;
    // The merge either finished or said CONFLICT; run it again until it finishes, as a client would.
    let outcome = merged.mergeParties;
    for (let i = 0; outcome.userErrors.length > 0 && i < 5; i++) {
      expect(outcome.userErrors[0].code, outcome.userErrors[0].message).toBe('CONFLICT');
      outcome = (
        await dataOf(
          local(
            `mutation($keep: ID!, $remove: ID!) { mergeParties(input: { keepId: $keep, removeId: $remove }) { party { id } userErrors { code message } } }`,
            { keep, remove },
          ),
        )
      ).mergeParties;
    }
    expect(outcome.userErrors.map((error: any) => error.message)).toEqual([]);
    const items = await scanTable(db);
    expect(checkInvariants(items)).toEqual([]);
    expect(leftovers(items)).toEqual([]);
    // The redirect and the change feed's tombstones name it on purpose.
    const naming = items.filter(
      (item) =>
        item.sk !== 'MERGED' && !String(item.pk).startsWith('CHANGES#') && JSON.stringify(item).includes(rawRemove),
    );
    expect(naming).toEqual([]);
    // Every claim the writers made now belongs to the kept party.
    const claims = await dataOf(
      local(`query($keep: ID!) { node(id: $keep) { ... on Party { claims(first: 100) { edges { node { id } } } } } }`, {
        keep,
      }),
    );
    expect(claims.node.claims.edges.length).toBeGreaterThanOrEqual(10 + 1 + 10);
  }, 120_000);
});
