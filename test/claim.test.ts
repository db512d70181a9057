import { beforeAll, describe, expect, it } from 'vitest';
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
  type Caller,
} from './support.js';

const CLAIM_FIELDS = `id version kind mode status text eventDate extractorVersion
  article { id } claimant { id name } locations { id name }
  content { start end text } evidence { start end text } cue { text } claimantMention { text }
  quantities { kind value since }`;

let call: Caller;
let ministry: string;
let army: string;
let town: string;
let village: string;
let article: { id: string; text: string };
let laterArticle: { id: string; text: string };

beforeAll(async () => {
  call = graphqlCaller(await createTestDb());
  ministry = await createParty(call, {
    name: 'Ministry of Defence of Ruritania',
    aliases: ['Ruritanian MoD'],
    kind: 'GOVERNMENT_BODY',
    affiliation: 'RU',
  });
  army = await createParty(call, { name: 'Army of Freedonia', kind: 'ARMED_FORCE' });
  town = await createLocation(call, { name: 'Zenda', latitude: 48.1, longitude: 16.3, precision: 'CITY' });
  village = await createLocation(call, { name: 'Strelsau', latitude: 48.2, longitude: 16.4 });
  article = await ingest(call, { text: plainText(1), publishedAt: '2024-03-10T08:00:00Z' });
  laterArticle = await ingest(call, { text: plainText(2), publishedAt: '2024-05-01T08:00:00Z' });
});

const CREATE = `mutation($input: CreateClaimInput!) { createClaim(input: $input) { claim { ${CLAIM_FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { ${CLAIM_FIELDS} } userErrors { field message code } } }`;

describe('createClaim', () => {
  it('stores a claim with spans taken from the article text, in document order', async () => {
    const later = await dataOf(
      call(CREATE, {
        input: {
          articleId: article.id,
          claimantId: ministry,
          content: { start: 20, end: 40 },
          cue: { start: 0, end: 6 },
          kind: 'ATTACK',
          locationIds: [town],
          eventDate: '2024-03-09',
          quantities: [{ kind: 'KILLED', value: 4, since: '2024-03-01' }],
        },
      }),
    );
    const claim = later.createClaim.claim;
    expect(later.createClaim.userErrors).toEqual([]);
    expect(claim).toMatchObject({
      version: 1,
      kind: 'ATTACK',
      mode: 'INDIRECT',
      status: 'UNREVIEWED',
      eventDate: '2024-03-09',
      extractorVersion: null,
      article: { id: article.id },
      claimant: { id: ministry, name: 'Ministry of Defence of Ruritania' },
      locations: [{ id: town, name: 'Zenda' }],
      content: { start: 20, end: 40, text: article.text.slice(20, 40) },
      evidence: { start: 20, end: 40 },
      cue: { text: article.text.slice(0, 6) },
      quantities: [{ kind: 'KILLED', value: 4, since: '2024-03-01' }],
    });
    expect(claim.text).toBe(article.text.slice(20, 40));
    const earlier = await createClaim(call, { articleId: article.id, content: { start: 2, end: 10 } });
    const order = await dataOf(
      call(
        `query($id: ID!) { node(id: $id) { ... on Article { claims { edges { node { id } } } parties { edges { node { id } } } locations { edges { node { id } } } } } }`,
        { id: article.id },
      ),
    );
    const ids = order.node.claims.edges.map((e: any) => e.node.id);
    expect(ids.indexOf(earlier.id)).toBeLessThan(ids.indexOf(claim.id));
    expect(order.node.parties.edges.map((e: any) => e.node.id)).toContain(ministry);
    expect(order.node.locations.edges.map((e: any) => e.node.id)).toContain(town);
  });

  it.each([
    [{ content: { start: 5, end: 5 } }, ['input', 'content'], 'VALIDATION_FAILED'],
    [{ content: { start: 0, end: 100000 } }, ['input', 'content'], 'VALIDATION_FAILED'],
    [
      { content: { start: 0, end: 5 }, eventDate: undefined, quantities: [{ kind: 'KILLED', value: -3 }] },
      ['input', 'quantities', '0', 'value'],
      'VALIDATION_FAILED',
    ],
  ])('refuses bad spans and values %#', async (input, field, code) => {
    const result = await dataOf(call(CREATE, { input: { articleId: article.id, ...input } }));
    expect(result.createClaim.claim).toBeNull();
    expect(result.createClaim.userErrors).toEqual([expect.objectContaining({ field, code })]);
  });

  it('refuses references to things that do not exist', async () => {
    const ghostParty = Buffer.from('Party:doesnotexist').toString('base64url');
    const result = await dataOf(
      call(CREATE, { input: { articleId: article.id, claimantId: ghostParty, content: { start: 0, end: 5 } } }),
    );
    expect(result.createClaim.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'claimantId'], code: 'NOT_FOUND' }),
    ]);
    const wrongType = await dataOf(call(CREATE, { input: { articleId: ministry, content: { start: 0, end: 5 } } }));
    expect(wrongType.createClaim.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'articleId'], code: 'INVALID_ID' }),
    ]);
  });
});

describe('updateClaim', () => {
  it('applies changes at the expected version and refuses a stale one with CONFLICT', async () => {
    const claim = await createClaim(call, {
      articleId: article.id,
      claimantId: ministry,
      content: { start: 0, end: 8 },
      locationIds: [town],
    });
    const updated = await dataOf(
      call(UPDATE, {
        input: {
          id: claim.id,
          expectedVersion: 1,
          status: 'VERIFIED',
          kind: 'CASUALTIES',
          claimantId: army,
          locationIds: [village],
        },
      }),
    );
    expect(updated.updateClaim.userErrors).toEqual([]);
    expect(updated.updateClaim.claim).toMatchObject({
      version: 2,
      status: 'VERIFIED',
      kind: 'CASUALTIES',
      claimant: { id: army },
      locations: [{ id: village }],
    });
    const stale = await dataOf(call(UPDATE, { input: { id: claim.id, expectedVersion: 1, status: 'REJECTED' } }));
    expect(stale.updateClaim.claim).toBeNull();
    expect(stale.updateClaim.userErrors).toEqual([
      expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'] }),
    ]);
    // The place links moved with the claim.
    const places = await dataOf(
      call(
        `query($town: ID!, $village: ID!) {
      town: node(id: $town) { ... on Location { claims(first: 100) { edges { node { id } } } } }
      village: node(id: $village) { ... on Location { claims(first: 100) { edges { node { id } } } } } }`,
        { town, village },
      ),
    );
    expect(places.town.claims.edges.map((e: any) => e.node.id)).not.toContain(claim.id);
    expect(places.village.claims.edges.map((e: any) => e.node.id)).toContain(claim.id);
  });

  it('gives exactly one success per version under concurrent updates', async () => {
    const claim = await createClaim(call, { articleId: article.id, content: { start: 0, end: 8 } });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        dataOf(call(UPDATE, { input: { id: claim.id, expectedVersion: 1, status: i % 2 ? 'VERIFIED' : 'DISPUTED' } })),
      ),
    );
    const successes = results.filter((r) => r.updateClaim.claim);
    expect(successes).toHaveLength(1);
    expect(results.filter((r) => r.updateClaim.userErrors[0]?.code === 'CONFLICT')).toHaveLength(9);
    const final = await dataOf(
      call(`query($id: ID!) { node(id: $id) { ... on Claim { version } } }`, { id: claim.id }),
    );
    expect(final.node.version).toBe(2);
  });
});

describe('claims queries', () => {
  let caller: Caller;
  let a: string, b: string, here: string, there: string, art1: { id: string }, art2: { id: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    caller = graphqlCaller(await createTestDb());
    a = await createParty(caller, { name: 'Party A', kind: 'STATE' });
    b = await createParty(caller, { name: 'Party B', kind: 'STATE' });
    here = await createLocation(caller, { name: 'Here', latitude: 10, longitude: 10 });
    there = await createLocation(caller, { name: 'There', latitude: 11, longitude: 11 });
    art1 = await ingest(caller, { text: plainText(11), publishedAt: '2024-01-15T00:00:00Z' });
    art2 = await ingest(caller, { text: plainText(12), publishedAt: '2024-02-20T00:00:00Z' });
    const specs: [string, string, string, string[], string, string | null][] = [
      ['a1', art1.id, a, [here], 'ATTACK', '2024-01-10'],
      ['a2', art1.id, a, [here, there], 'CASUALTIES', '2024-01-12'],
      ['b1', art1.id, b, [here], 'ATTACK', '2024-01-11'],
      ['b2', art2.id, b, [there], 'DENIAL', null],
      ['a3', art2.id, a, [there], 'ATTACK', '2024-02-18'],
    ];
    for (const [name, articleId, claimantId, locationIds, kind, eventDate] of specs) {
      ids[name] = (
        await createClaim(caller, {
          articleId,
          claimantId,
          locationIds,
          kind,
          eventDate,
          content: { start: 0, end: 6 },
        })
      ).id;
    }
  });

  const CLAIMS = `query($kind: ClaimKind, $partyId: ID, $locationId: ID, $since: Date, $until: Date, $first: Int!, $after: String) {
    claims(kind: $kind, partyId: $partyId, locationId: $locationId, since: $since, until: $until, first: $first, after: $after) {
      edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
  const names = (nodes: { id: string }[]) => nodes.map((n) => Object.keys(ids).find((k) => ids[k] === n.id));
  const query = (variables: Record<string, unknown>) =>
    allPages<{ id: string }>(async (after) => (await dataOf(caller(CLAIMS, { first: 2, ...variables, after }))).claims);

  it('lists all claims newest first by day, across pages', async () => {
    expect(names(await query({}))).toEqual(['b2', 'a3', 'a2', 'b1', 'a1']);
  });

  it('filters by kind, party, place and date, alone and together', async () => {
    expect(names(await query({ kind: 'ATTACK' }))).toEqual(['a3', 'b1', 'a1']);
    expect(names(await query({ partyId: a }))).toEqual(['a3', 'a2', 'a1']);
    expect(names(await query({ partyId: a, kind: 'ATTACK' }))).toEqual(['a3', 'a1']);
    expect(names(await query({ partyId: a, locationId: there }))).toEqual(['a3', 'a2']);
    expect(names(await query({ locationId: here }))).toEqual(['a2', 'b1', 'a1']);
    expect(names(await query({ locationId: here, kind: 'ATTACK' }))).toEqual(['b1', 'a1']);
    expect(names(await query({ since: '2024-01-11', until: '2024-01-31' }))).toEqual(['a2', 'b1']);
    expect(names(await query({ kind: 'ATTACK', since: '2024-02-01' }))).toEqual(['a3']);
  });

  it('serves Party.claims newest first with since/until', async () => {
    const result = await dataOf(
      caller(
        `query($id: ID!) { node(id: $id) { ... on Party { all: claims { edges { node { id } } } jan: claims(since: "2024-01-11", until: "2024-01-31") { edges { node { id } } } articles { edges { node { id } } } } } }`,
        { id: a },
      ),
    );
    expect(names(result.node.all.edges.map((e: any) => e.node))).toEqual(['a3', 'a2', 'a1']);
    expect(names(result.node.jan.edges.map((e: any) => e.node))).toEqual(['a2']);
    expect(result.node.articles.edges.map((e: any) => e.node.id)).toEqual([art2.id, art1.id]);
  });

  it('finds related claims about the same places within a few days', async () => {
    const result = await dataOf(
      caller(`query($id: ID!) { node(id: $id) { ... on Claim { related(first: 5) { id claimant { id } } } } }`, {
        id: ids.a1,
      }),
    );
    expect(names(result.node.related)).toEqual(['b1', 'a2']);
  });
});

describe('bounds of claim input and of stored values', () => {
  it('refuses a span that cuts a surrogate pair in two, naming the field', async () => {
    const emoji = await ingest(call, { text: `Report 😀 of the day.\nThe roads were open.` });
    const inside = emoji.text.indexOf('😀') + 1;
    const result = await dataOf(
      call(CREATE, { input: { articleId: emoji.id, content: { start: inside, end: inside + 4 } } }),
    );
    expect(result.createClaim.claim).toBeNull();
    expect(result.createClaim.userErrors).toEqual([
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: ['input', 'content', 'start'] }),
    ]);
    const whole = await dataOf(
      call(CREATE, { input: { articleId: emoji.id, content: { start: inside - 1, end: inside + 1 } } }),
    );
    expect(whole.createClaim.claim.content.text).toBe('😀');
  });

  it('a stored count GraphQL cannot carry does not break the listing it is in', async () => {
    const db = await createTestDb();
    const local = graphqlCaller(db);
    const report = await ingest(local, { text: plainText(31), publishedAt: '2024-04-01T00:00:00Z' });
    const made = await dataOf(
      local(CREATE, {
        input: {
          articleId: report.id,
          content: { start: 0, end: 6 },
          kind: 'CASUALTIES',
          quantities: [{ kind: 'KILLED', value: 12 }],
        },
      }),
    );
    // As an older release could have stored it: 3,000,000,000 killed, beside a sane figure.
    const rawId = Buffer.from(made.createClaim.claim.id, 'base64url').toString('utf8').split(':')[1]!;
    const { claimKey } = await import('../lib/store/patterns.js');
    await db.update({
      key: claimKey(rawId),
      set: 'SET quantities = :q',
      values: {
        ':q': [
          { kind: 'KILLED', value: 3_000_000_000, since: null },
          { kind: 'WOUNDED', value: 4, since: null },
        ],
      },
    });
    const listed = await local(`{ claims(kind: CASUALTIES) { edges { node { id quantities { kind value } } } } }`);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.claims.edges[0].node.quantities).toEqual([{ kind: 'WOUNDED', value: 4 }]);
    const tooMany = await local(CREATE, {
      input: {
        articleId: report.id,
        content: { start: 0, end: 6 },
        quantities: [{ kind: 'KILLED', value: 3_000_000_000 }],
      },
    });
    expect(JSON.stringify(tooMany)).toMatch(/Int cannot represent|32-bit/);
  });
});
