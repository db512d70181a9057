/**
 * Fault injection: DynamoDB throttling, 500s and timeouts injected per attempt (after the
 * SDK's retry middleware). Within the retry budget every mutation succeeds; past it the
 * client gets a masked error, and the WHOLE table (scanned back) holds no broken reference.
 * A write too big for one transaction that fails midway converges when retried.
 */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { Db } from '../lib/store/client.js';
import {
  adminCaller,
  checkInvariants,
  injectFaults,
  leftovers,
  summarize,
  type AdminCaller,
  type FaultInjector,
  type FaultKind,
  type FaultOptions,
  type GraphQLResponse,
  type TableItem,
} from './fault-injection.js';
import { createTestDb, scanTable } from './support.js';
import { LONG_INPUT, PLACES } from './long-article.js';

const SAMPLE_TEXT = readFileSync(new URL('../data/samples/karabakh-shushi.txt', import.meta.url), 'utf8');
const SAMPLE_META = (
  JSON.parse(readFileSync(new URL('../data/samples/samples.json', import.meta.url), 'utf8')) as Record<string, string>[]
)[0]!;
const SAMPLE_INPUT = {
  text: SAMPLE_TEXT,
  url: SAMPLE_META.url,
  title: SAMPLE_META.title,
  publishedAt: SAMPLE_META.publishedAt,
};

const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) {
    article { id claims(first: 100) { edges { node { id version } } } parties(first: 100) { edges { node { id } } } locations(first: 100) { edges { node { id } } } }
    created userErrors { field message code } } }`;
const CREATE_CLAIM = `mutation($input: CreateClaimInput!) { createClaim(input: $input) { claim { id version locations { id } claimant { id } } userErrors { field message code } } }`;
const UPDATE_CLAIM = `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { id version status kind locations { id } } userErrors { field message code } } }`;
const DELETE_ARTICLE = `mutation($input: DeleteArticleInput!) { deleteArticle(input: $input) { deletedArticleId userErrors { field message code } } }`;

/** A Db over the same table as `clean`, with its own client (so its own retry budget) and faults. */
function faultyDb(clean: Db, faults: FaultOptions, maxAttempts = 8): { db: Db; faults: FaultInjector } {
  const endpoint = inject('dynamodbEndpoint');
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
  });
  const db = new Db({ tableName: clean.tableName, region: 'us-east-1', endpoint, client });
  return { db, faults: injectFaults(client, faults) };
}

/** Scans the table through the fault-free client and checks every reference. */
async function expectConsistent(clean: Db): Promise<TableItem[]> {
  const items = await scanTable(clean);
  expect(checkInvariants(items), JSON.stringify(summarize(items))).toEqual([]);
  return items;
}

/** The mutation's payload, failing with the response when it has errors or userErrors. */
function payloadOf(response: GraphQLResponse, field: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  const payload = (response.body.data as Record<string, any>)[field];
  expect(payload.userErrors).toEqual([]);
  return payload;
}

/** A masked unexpected error: generic message and code, nothing internal. */
function expectMasked(response: GraphQLResponse, field: string) {
  const { errors, data } = response.body;
  expect(errors, JSON.stringify(response.body)).toHaveLength(1);
  expect(errors![0]).toMatchObject({
    message: 'Unexpected error.',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
    path: [field],
  });
  expect(Object.keys(errors![0]!.extensions!)).toEqual(['code']);
  expect(data ?? null).toBeNull();
  const text = JSON.stringify(response.body);
  expect(text).not.toMatch(
    /stack|injected|Exception|InternalServerError|TimeoutError|ServiceUnavailable|TransactWriteItems|Dynamo|\.ts\b|node_modules|at \w+ \(/,
  );
}

const decode = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8');

async function ingestSample(call: AdminCaller) {
  return payloadOf(await call(INGEST, { input: SAMPLE_INPUT }), 'ingestArticle');
}

describe('the fault injector', () => {
  it('is deterministic per seed, fails only the commands asked for, and the SDK retries what it injects', async () => {
    const clean = await createTestDb();
    const pattern = async (maxAttempts: number) => {
      const { db, faults } = faultyDb(
        clean,
        { rate: 0.3, seed: 42, only: 'GetItem', kinds: ['internal', 'timeout', 'provisioned'] },
        maxAttempts,
      );
      const outcomes: string[] = [];
      for (let i = 0; i < 30; i++) {
        outcomes.push(
          await db.get({ pk: `NOPE#${i}`, sk: 'X' }).then(
            () => 'ok',
            (error: Error) => error.name,
          ),
        );
        await db.query({ keyCondition: '#pk = :pk', names: { '#pk': 'pk' }, values: { ':pk': 'NOPE' } }); // never fails
      }
      return { outcomes, faults };
    };
    const once = await pattern(1);
    const again = await pattern(1);
    expect(again.outcomes).toEqual(once.outcomes);
    expect(once.faults.injected).toBeGreaterThan(3);
    expect(once.outcomes.filter((outcome) => outcome !== 'ok')).toHaveLength(once.faults.injected);
    expect(new Set(once.outcomes)).toEqual(
      new Set(['ok', 'InternalServerError', 'TimeoutError', 'ProvisionedThroughputExceededException']),
    );
    expect(Object.keys(once.faults.byCommand)).toEqual(['GetItem']);
    expect(once.faults.attempts).toBe(30);
    // With retries, every read succeeds; the extra attempts are the injected faults.
    const retried = await pattern(8);
    expect(retried.outcomes.every((outcome) => outcome === 'ok')).toBe(true);
    expect(retried.faults.attempts).toBe(30 + retried.faults.injected);
  });
});

describe.each([
  // Seeds chosen so that even 5% injects a few faults into the ~35 attempts of the sequence.
  [0.05, 13],
  [0.2, 7],
  [0.5, 7],
])('with %s of DynamoDB attempts failing', (rate, seed) => {
  it('ingestArticle, createClaim, updateClaim and deleteArticle succeed within the retry budget', async () => {
    const clean = await createTestDb();
    const logged: unknown[] = [];
    // The last of the client's 8 attempts is spared: within the budget, the outcome is the
    // same every run, however the requests running side by side interleave.
    const { db, faults } = faultyDb(clean, {
      rate,
      seed,
      kinds: ['throttling', 'provisioned', 'internal', 'unavailable', 'timeout'],
      maxAttemptsLeftAlone: 8,
    });
    const call = adminCaller(db, { logError: (error) => logged.push(error) });
    const started = performance.now();

    const ingested = await ingestSample(call);
    expect(ingested.created).toBe(true);
    const article = ingested.article;
    expect(article.claims.edges.length).toBeGreaterThan(3);
    await expectConsistent(clean);

    const party = article.parties.edges[0].node.id;
    const place = article.locations.edges[0].node.id;
    const created = payloadOf(
      await call(CREATE_CLAIM, {
        input: {
          articleId: article.id,
          claimantId: party,
          locationIds: [place],
          content: { start: 0, end: 30 },
          kind: 'ATTACK',
        },
      }),
      'createClaim',
    ).claim;
    expect(created).toMatchObject({ version: 1, claimant: { id: party }, locations: [{ id: place }] });
    await expectConsistent(clean);

    const other = article.locations.edges.at(-1).node.id;
    const updated = payloadOf(
      await call(UPDATE_CLAIM, {
        input: { id: created.id, expectedVersion: 1, status: 'VERIFIED', kind: 'CASUALTIES', locationIds: [other] },
      }),
      'updateClaim',
    ).claim;
    expect(updated).toMatchObject({ version: 2, status: 'VERIFIED', kind: 'CASUALTIES', locations: [{ id: other }] });
    const extracted = article.claims.edges[0].node;
    payloadOf(
      await call(UPDATE_CLAIM, { input: { id: extracted.id, expectedVersion: extracted.version, status: 'DISPUTED' } }),
      'updateClaim',
    );
    await expectConsistent(clean);

    const deleted = payloadOf(await call(DELETE_ARTICLE, { input: { id: article.id } }), 'deleteArticle');
    expect(deleted.deletedArticleId).toBe(article.id);
    const after = await expectConsistent(clean);
    const articleId = decode(article.id).split(':')[1];
    expect(after.filter((item) => ['ARTICLE', 'CLAIM', 'TEXT'].includes(String(item.sk)))).toEqual([]);
    expect(after.filter((item) => String(item.sk).includes(articleId!) || item.articleId === articleId)).toEqual([]);

    expect(logged).toEqual([]);
    expect(faults.attempts).toBeGreaterThan(20);
    expect(faults.injected).toBeGreaterThan(0);
    if (rate >= 0.2) expect(faults.injected).toBeGreaterThan(faults.attempts * rate * 0.5);
    console.log(
      `rate ${rate}: ${faults.injected} faults in ${faults.attempts} attempts ${JSON.stringify(faults.byKind)}, ${Math.round(performance.now() - started)} ms`,
    );
  }, 240_000); // throttling backs off from 1 s, with random jitter: a bad draw at 50% takes tens of seconds
});

/** The table's items as comparable text, sorted by key. */
const snapshot = (items: TableItem[]) => items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();

const SECOND_INPUT = {
  url: 'https://example.org/news/2020/11/10/second',
  publishedAt: '2020-11-10T09:00:00Z',
  text: 'The Armenian Defense Ministry said Azerbaijani forces shelled Martuni on Tuesday.\nThe Azerbaijani Defense Ministry said it had taken Hadrut.',
};

describe('past the retry budget', () => {
  /** A table holding the sample article with one hand-made claim, written without faults. */
  async function seeded() {
    const clean = await createTestDb();
    const { article } = await ingestSample(adminCaller(clean));
    const claim = payloadOf(
      await adminCaller(clean)(CREATE_CLAIM, { input: { articleId: article.id, content: { start: 0, end: 30 } } }),
      'createClaim',
    ).claim;
    return { clean, article, claim };
  }

  const operations = (article: any, claim: any) =>
    [
      ['ingestArticle', INGEST, { input: SECOND_INPUT }],
      [
        'createClaim',
        CREATE_CLAIM,
        {
          input: {
            articleId: article.id,
            locationIds: [article.locations.edges[0].node.id],
            content: { start: 5, end: 40 },
          },
        },
      ],
      [
        'updateClaim',
        UPDATE_CLAIM,
        {
          input: {
            id: claim.id,
            expectedVersion: 1,
            status: 'REJECTED',
            locationIds: [article.locations.edges[1].node.id],
          },
        },
      ],
      ['deleteArticle', DELETE_ARTICLE, { input: { id: article.id } }],
    ] as const;

  it('every attempt failing: each mutation gets a masked error and the table is unchanged', async () => {
    const { clean, article, claim } = await seeded();
    const before = await expectConsistent(clean);
    // 500s, 503s and timeouts back off from 50 ms; throttling (from 1 s) would only be slower.
    const { db, faults } = faultyDb(clean, { rate: 1, seed: 3, kinds: ['internal', 'unavailable', 'timeout'] });
    const logged: unknown[] = [];
    const call = adminCaller(db, { logError: (error) => logged.push(error) });
    for (const [field, query, variables] of operations(article, claim)) {
      expectMasked(await call(query, variables), field);
      expect(snapshot(await expectConsistent(clean))).toEqual(snapshot(before));
    }
    // The first request used all 8 attempts; the SDK's retry quota may cut later ones short.
    expect(faults.attempts).toBeGreaterThanOrEqual(8 + 3);
    expect(faults.injected).toBe(faults.attempts);
    expect(logged).toHaveLength(4);
  }, 180_000);

  it('writes failing at 90% with 2 attempts: each mutation succeeds or is masked, and the table stays consistent', async () => {
    const outcomes: Record<string, number> = {};
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { clean, article, claim } = await seeded();
      const { db, faults } = faultyDb(clean, { rate: 0.9, seed, only: 'writes' }, 2);
      const call = adminCaller(db);
      for (const [field, query, variables] of operations(article, claim)) {
        const response = await call(query, variables);
        if (response.body.errors) {
          expectMasked(response, field);
          outcomes.masked = (outcomes.masked ?? 0) + 1;
        } else {
          payloadOf(response, field);
          outcomes.succeeded = (outcomes.succeeded ?? 0) + 1;
        }
        await expectConsistent(clean);
      }
      // The same operations again without faults converge to the state of a clean run.
      faults.setEnabled(false);
      const again = operations(article, claim);
      expect((await call(again[0][1], again[0][2])).body.errors).toBeUndefined();
      expect((await call(again[3][1], again[3][2])).body.errors).toBeUndefined();
      const items = await expectConsistent(clean);
      expect(leftovers(items)).toEqual([]);
      expect(items.filter((item) => String(item.pk).startsWith('ARTICLE#') && item.sk === 'ARTICLE')).toHaveLength(1);
    }
    expect(outcomes.masked).toBeGreaterThan(5);
  }, 180_000);

  it('a lost response (the write applied, the reply timed out) is retried idempotently', async () => {
    const { clean, article, claim } = await seeded();
    for (const [field, query, variables] of operations(article, claim)) {
      const { db, faults } = faultyDb(clean, {
        only: 'TransactWriteItems',
        failInvocations: [1],
        failAttempts: 1,
        invocationFault: 'timeout',
        when: 'after',
      });
      const before = await scanTable(clean);
      const response = await adminCaller(db)(query, variables);
      const payload = payloadOf(response, field);
      expect(faults.injected).toBe(1);
      const after = await expectConsistent(clean);
      const count = (items: TableItem[], sk: string) => items.filter((item) => item.sk === sk).length;
      if (field === 'createClaim') expect(count(after, 'CLAIM')).toBe(count(before, 'CLAIM') + 1);
      if (field === 'updateClaim') expect(payload.claim.version).toBe(2);
      if (field === 'updateClaim')
        expect(after.find((item) => item.pk === `CLAIM#${decode(claim.id).split(':')[1]}`)?.version).toBe(2);
    }
  });
});

const keysOf = (items: TableItem[]) => items.map((item) => `${String(item.pk)} | ${String(item.sk)}`).sort();

/**
 * What every listing shows of one article's claims, read through a fault-free server:
 * `claims`, `articles` (with each article's claims), `Party.claims`, `Location.claims`,
 * `related`, `resolve` and `node`. Returns the claim IDs each listing shows.
 */
async function listings(
  clean: Db,
  reference: { claimIds: string[]; partyIds: string[]; locationIds: string[]; names: string[] },
) {
  const call = adminCaller(clean);
  const ids = (connection: any) => (connection?.edges ?? []).map((edge: any) => edge.node.id as string);
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const body = (await call(query, variables)).body;
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data as any;
  };
  const listed = {
    ...(await ask(`{ claims(first: 100) { edges { node { id related(first: 10) { id } } } } }`)),
    ...(await ask(`{ articles(first: 10) { edges { node { id claims(first: 100) { edges { node { id } } } } } } }`)),
  };
  const claimNodes = await ask(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: reference.claimIds });
  const owners = await Promise.all(
    [...reference.partyIds, ...reference.locationIds].map(
      async (id) =>
        (
          await ask(
            `query($id: ID!) { node(id: $id) { ... on Party { claims(first: 100) { edges { node { id } } } articles(first: 10) { edges { node { id } } } } ... on Location { claims(first: 100) { edges { node { id } } } articles(first: 10) { edges { node { id } } } } } }`,
            { id },
          )
        ).node,
    ),
  );
  const resolved = await Promise.all(
    reference.names.map((name) =>
      ask(
        `query($name: String!) { resolve(name: $name) { parties(first: 5) { edges { node { claims(first: 100) { edges { node { id } } } } } } locations(first: 5) { edges { node { claims(first: 100) { edges { node { id } } } } } } } }`,
        { name },
      ),
    ),
  );
  const data = { data: { claims: listed.claims, articles: listed.articles, claimNodes: claimNodes.nodes, owners } };
  const shown: Record<string, string[]> = {
    claims: ids(data.data.claims),
    related: data.data.claims.edges.flatMap((edge: any) => edge.node.related.map((claim: any) => claim.id)),
    articles: data.data.articles.edges.flatMap((edge: any) => ids(edge.node.claims)),
    nodes: data.data.claimNodes.filter(Boolean).map((claim: any) => claim.id),
    owners: data.data.owners.filter(Boolean).flatMap((owner: any) => ids(owner.claims)),
    resolve: resolved.flatMap((body: any) =>
      [...body.resolve.parties.edges, ...body.resolve.locations.edges].flatMap((edge: any) => ids(edge.node.claims)),
    ),
  };
  const articlesShown =
    data.data.articles.edges.length +
    data.data.owners.filter(Boolean).reduce((sum: number, owner: any) => sum + owner.articles.edges.length, 0);
  return { shown, articlesShown };
}

/** Every listing shows all of the article's claims, or (while it is not whole) none of them. */
function expectAllOrNothing(view: Awaited<ReturnType<typeof listings>>, claimIds: string[], when: string) {
  const seen = new Set(Object.values(view.shown).flat());
  const all = new Set(claimIds);
  const partial = [...seen].filter((id) => all.has(id)).length;
  if (partial === 0) {
    expect(view.articlesShown, `${when}: an article is listed but none of its claims`).toBe(0);
    return 'hidden';
  }
  for (const [listing, shown] of Object.entries(view.shown)) {
    if (listing === 'related' || listing === 'resolve') continue;
    expect(new Set(shown.filter((id) => all.has(id))), `${when}: ${listing} shows part of the article`).toEqual(
      listing === 'owners' ? new Set(shown) : all,
    );
  }
  return 'whole';
}

describe('a write stopped at each of its steps', () => {
  /** The complete state of a fault-free run, and how many write requests it took. */
  let reference:
    | {
        ingested: string[];
        ingestWrites: number;
        deleted: string[];
        deleteWrites: number;
        claimIds: string[];
        partyIds: string[];
        locationIds: string[];
        names: string[];
      }
    | undefined;
  async function referenceRun() {
    if (reference) return reference;
    const clean = await createTestDb();
    const { db, faults } = faultyDb(clean, { only: 'writes' });
    const call = adminCaller(db);
    const { article } = await ingestLong(call);
    expect(article.claims.edges).toHaveLength(PLACES.length);
    const ingested = keysOf(await expectConsistent(clean));
    const ingestWrites = faults.invocations;
    faults.reset();
    const parties = article.parties.edges.map((edge: any) => edge.node.id);
    const locations = article.locations.edges.map((edge: any) => edge.node.id);
    payloadOf(await call(DELETE_ARTICLE, { input: { id: article.id } }), 'deleteArticle');
    const deleted = keysOf(await expectConsistent(clean));
    reference = {
      ingested,
      ingestWrites,
      deleted,
      deleteWrites: faults.invocations,
      claimIds: article.claims.edges.map((edge: any) => edge.node.id),
      partyIds: parties,
      locationIds: locations,
      names: ['Stepanakert', 'Kyiv', 'Defense Ministry of Ukraine'],
    };
    expect(reference.ingestWrites).toBeGreaterThan(3);
    expect(reference.deleteWrites).toBeGreaterThan(1);
    return reference;
  }

  /**
   * Fails the `nth` write request of `run` for good (a non-retryable error, or a retryable
   * one on every attempt of a 3-attempt client), then reads every listing and scans the
   * table, then runs the same operation again without faults and scans again.
   */
  async function failThenRetry(
    clean: Db,
    nth: number,
    fault: FaultKind,
    run: (call: AdminCaller) => Promise<GraphQLResponse>,
    field: string,
    complete: string[],
  ) {
    const { db, faults } = faultyDb(clean, { only: 'writes', failInvocations: [nth], invocationFault: fault }, 3);
    const logged: unknown[] = [];
    const call = adminCaller(db, { logError: (error) => logged.push(error) });
    const failed = await run(call);
    expectMasked(failed, field);
    expect(Object.values(faults.byCommand).reduce((sum, n) => sum + n, 0)).toBe(fault === 'validation' ? 1 : 3);
    expect(logged).toHaveLength(1);
    const state = expectAllOrNothing(
      await listings(clean, reference!),
      reference!.claimIds,
      `after write ${nth} failed`,
    );
    const midway = await scanTable(clean);
    faults.setEnabled(false);
    const retried = await run(call);
    payloadOf(retried, field);
    expect(logged).toHaveLength(1);
    const after = await scanTable(clean);
    const problems = [
      ...checkInvariants(midway).map((problem) => `after the failure: ${problem}`),
      ...checkInvariants(after).map((problem) => `after the retry: ${problem}`),
      ...leftovers(after).map((problem) => `after the retry, left over: ${problem}`),
      ...(keysOf(after).join('\n') === complete.join('\n')
        ? []
        : [`after the retry: not the complete state: ${JSON.stringify(summarize(after))}`]),
    ];
    return {
      state,
      midway,
      retried,
      after,
      problems: problems.length
        ? [`write ${nth} (${fault}): ${problems.length} problems, e.g. ${problems.slice(0, 2).join('; ')}`]
        : [],
    };
  }

  it('ingestArticle: no listing shows part of the article, and a retry converges', async () => {
    const { ingested, ingestWrites } = await referenceRun();
    const problems: string[] = [];
    const states = new Set<string>();
    for (let nth = 1; nth <= ingestWrites; nth++) {
      const clean = await createTestDb();
      const outcome = await failThenRetry(
        clean,
        nth,
        nth % 2 ? 'validation' : 'internal',
        (call) => call(INGEST, { input: LONG_INPUT }),
        'ingestArticle',
        ingested,
      );
      states.add(outcome.state);
      const article = (outcome.retried.body.data as any).ingestArticle.article;
      if (article.claims.edges.length !== PLACES.length)
        problems.push(
          `write ${nth}: the retry returned an article with ${article.claims.edges.length} claims, not ${PLACES.length}`,
        );
      problems.push(...outcome.problems);
    }
    expect(problems).toEqual([]);
    expect(states).toContain('hidden');
  }, 600_000);

  it('deleteArticle: no listing shows part of the article, and a retry converges', async () => {
    const { ingested, deleted, deleteWrites } = await referenceRun();
    const problems: string[] = [];
    for (let nth = 1; nth <= deleteWrites; nth++) {
      const clean = await createTestDb();
      const { article } = await ingestLong(adminCaller(clean));
      expect(keysOf(await scanTable(clean))).toEqual(ingested);
      const outcome = await failThenRetry(
        clean,
        nth,
        nth % 2 ? 'internal' : 'validation',
        (call) => call(DELETE_ARTICLE, { input: { id: article.id } }),
        'deleteArticle',
        deleted,
      );
      expect(outcome.midway.length).toBeGreaterThan(deleted.length);
      problems.push(...outcome.problems);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});

async function ingestLong(call: AdminCaller) {
  return payloadOf(await call(INGEST, { input: LONG_INPUT }), 'ingestArticle');
}
