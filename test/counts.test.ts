/**
 * claimCounts and the counter items behind it: histograms and tallies against a recount of
 * the claims the API lists; every counter against a full recount (checkInvariants) after a
 * mixed sequence of writes with faults injected midway and retried; the DynamoDB requests
 * of a histogram.
 */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { extract } from '../lib/extract/index.js';
import { ingestArticle, type Extractor } from '../lib/ingest.js';
import { Db } from '../lib/store/client.js';
import { checkInvariants } from '../lib/store/integrity.js';
import { createDataContext } from '../lib/store/loaders.js';
import { injectFaults, type FaultOptions } from './fault-injection.js';
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
const SAMPLE_INPUT = { text: SAMPLE, url: 'https://example.org/counts-sample', publishedAt: '2020-11-09T12:00:00Z' };
/** The real extractor, labelled as an older release of itself (so the real one re-extracts). */
const olderExtractor: Extractor = (raw, meta) => {
  const extraction = extract(raw, meta);
  // An older release that found fewer claims: re-extraction adds and changes counts.
  return { ...extraction, claims: extraction.claims.slice(0, -2), extractorVersion: '0.0.1' };
};

const COUNTS = `query($by: CountDimension!, $filter: ClaimCountsFilter, $top: Int! = 100) {
  claimCounts(by: $by, filter: $filter, top: $top) { total buckets { key label count killed wounded } } }`;
const CLAIMS = `query($after: String) { claims(first: 100, after: $after) { edges { cursor node {
  id kind eventDate claimant { id } locations { id countryCode } quantities { kind value }
  article { publishedAt ingestedAt } } } pageInfo { hasNextPage endCursor } } }`;
const UPDATE_CLAIM = `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { id version } userErrors { field message code } } }`;
const MERGE = `mutation($keep: ID!, $remove: ID!) { mergeParties(input: { keepId: $keep, removeId: $remove }) { party { id } userErrors { code message } } }`;
const DELETE = `mutation($id: ID!) { deleteArticle(input: { id: $id }) { deletedArticleId userErrors { code message } } }`;

interface Listed {
  id: string;
  kind: string;
  day: string;
  claimant: string | null;
  locations: { id: string; countryCode: string | null }[];
  killed: number;
  wounded: number;
}

/** Every visible claim, through the API's own listing (not the counters). */
async function listedClaims(call: Caller): Promise<Listed[]> {
  const nodes = await allPages<any>(async (after) => (await dataOf(call(CLAIMS, { after }))).claims);
  return nodes.map((node) => ({
    id: node.id,
    kind: node.kind,
    day: node.eventDate ?? (node.article.publishedAt ?? node.article.ingestedAt).slice(0, 10),
    claimant: node.claimant?.id ?? null,
    locations: node.locations,
    killed: node.quantities.filter((q: any) => q.kind === 'KILLED').reduce((s: number, q: any) => s + q.value, 0),
    wounded: node.quantities.filter((q: any) => q.kind === 'WOUNDED').reduce((s: number, q: any) => s + q.value, 0),
  }));
}

type Recount = Map<string, { count: number; killed: number; wounded: number }>;
function recount(claims: Listed[], keysOf: (claim: Listed) => string[]): Recount {
  const buckets: Recount = new Map();
  for (const claim of claims)
    for (const key of keysOf(claim)) {
      const bucket = buckets.get(key) ?? { count: 0, killed: 0, wounded: 0 };
      bucket.count += 1;
      bucket.killed += claim.killed;
      bucket.wounded += claim.wounded;
      buckets.set(key, bucket);
    }
  return buckets;
}

async function countsOf(call: Caller, by: string, filter?: Record<string, unknown>): Promise<Recount> {
  const { claimCounts } = await dataOf(call(COUNTS, { by, filter }));
  const buckets: Recount = new Map();
  for (const bucket of claimCounts.buckets)
    if (bucket.count !== 0 || bucket.killed !== 0)
      buckets.set(bucket.key, { count: bucket.count, killed: bucket.killed, wounded: bucket.wounded });
  expect(claimCounts.total).toBe([...buckets.values()].reduce((sum, bucket) => sum + bucket.count, 0));
  return buckets;
}

const isoWeekOf = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const first = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((thursday.getTime() - first.getTime()) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
};

/** Creates hand-made claims over a few days, kinds, claimants, places and figures. */
async function handMadeClaims(call: Caller, suffix: string) {
  const armenia = await createParty(call, { name: `Armenian Ministry ${suffix}`, kind: 'GOVERNMENT_BODY' });
  const azerbaijan = await createParty(call, { name: `Azerbaijani Ministry ${suffix}`, kind: 'GOVERNMENT_BODY' });
  const town = await createLocation(call, {
    name: `Town ${suffix}`,
    latitude: 39.8,
    longitude: 46.75,
    countryCode: 'AZ',
  });
  const city = await createLocation(call, {
    name: `City ${suffix}`,
    latitude: 40.18,
    longitude: 44.51,
    countryCode: 'AM',
  });
  const article = await ingest(call, { text: plainText(1), publishedAt: '2020-10-28T08:00:00Z', title: suffix });
  const plans = [
    { claimantId: armenia, kind: 'CASUALTIES', eventDate: '2020-10-27', locationIds: [town], killed: 12, wounded: 3 },
    { claimantId: azerbaijan, kind: 'CASUALTIES', eventDate: '2020-10-27', locationIds: [town], killed: 2 },
    { claimantId: azerbaijan, kind: 'ATTACK', eventDate: '2020-11-02', locationIds: [town, city] },
    { claimantId: armenia, kind: 'TERRITORIAL_CONTROL', eventDate: '2020-09-30', locationIds: [city] },
    { claimantId: null, kind: 'ATTACK', eventDate: null, locationIds: [] },
  ];
  const claims = [];
  for (const [i, plan] of plans.entries()) {
    claims.push(
      await createClaim(call, {
        articleId: article.id,
        content: { start: i, end: i + 5 },
        claimantId: plan.claimantId,
        kind: plan.kind,
        eventDate: plan.eventDate,
        locationIds: plan.locationIds,
        quantities: [
          ...(plan.killed ? [{ kind: 'KILLED', value: plan.killed }] : []),
          ...(plan.wounded ? [{ kind: 'WOUNDED', value: plan.wounded }] : []),
        ],
      }),
    );
  }
  return { armenia, azerbaijan, town, city, article, claims };
}

describe('claimCounts', () => {
  let db: Db;
  let call: Caller;
  let made: Awaited<ReturnType<typeof handMadeClaims>>;
  let claims: Listed[];
  beforeAll(async () => {
    db = await createTestDb();
    call = graphqlCaller(db);
    await ingest(call, SAMPLE_INPUT);
    made = await handMadeClaims(call, 'one');
    claims = await listedClaims(call);
  }, 60_000);

  it('answers histograms and tallies equal to a recount of the listed claims', async () => {
    expect(claims.length).toBeGreaterThan(8);
    const within = (since: string, until: string) => claims.filter((c) => c.day >= since && c.day <= until);
    const days = { since: '2020-10-20', until: '2020-11-18' };
    expect(await countsOf(call, 'DAY', days)).toEqual(recount(within(days.since, days.until), (c) => [c.day]));
    const autumn = { since: '2020-09-01', until: '2020-12-31' };
    expect(await countsOf(call, 'WEEK', autumn)).toEqual(
      recount(within('2020-09-01', '2020-12-31'), (c) => [isoWeekOf(c.day)]),
    );
    expect(await countsOf(call, 'MONTH', autumn)).toEqual(
      recount(within('2020-09-01', '2020-12-31'), (c) => [c.day.slice(0, 7)]),
    );
    expect(await countsOf(call, 'KIND')).toEqual(recount(claims, (c) => [c.kind]));
    expect(await countsOf(call, 'KIND', days)).toEqual(recount(within(days.since, days.until), (c) => [c.kind]));
    expect(await countsOf(call, 'PARTY')).toEqual(recount(claims, (c) => (c.claimant ? [c.claimant] : [])));
    expect(await countsOf(call, 'LOCATION')).toEqual(recount(claims, (c) => c.locations.map((l) => l.id)));
    expect(await countsOf(call, 'COUNTRY')).toEqual(
      recount(claims, (c) => c.locations.flatMap((l) => (l.countryCode ? [l.countryCode] : []))),
    );
    // Filters: a kind, a range of whole months, one party.
    const casualties = claims.filter((c) => c.kind === 'CASUALTIES');
    expect(await countsOf(call, 'PARTY', { kind: 'CASUALTIES' })).toEqual(
      recount(casualties, (c) => (c.claimant ? [c.claimant] : [])),
    );
    expect(await countsOf(call, 'LOCATION', { since: '2020-10-01', until: '2020-10-31' })).toEqual(
      recount(within('2020-10-01', '2020-10-31'), (c) => c.locations.map((l) => l.id)),
    );
    const ofArmenia = claims.filter((c) => c.claimant === made.armenia);
    expect(await countsOf(call, 'MONTH', { ...autumn, party: made.armenia })).toEqual(
      recount(ofArmenia, (c) => [c.day.slice(0, 7)]),
    );
    expect(await countsOf(call, 'KIND', { party: made.armenia })).toEqual(recount(ofArmenia, (c) => [c.kind]));
  });

  it('puts two claimants’ casualty figures side by side, with labels', async () => {
    const { claimCounts } = await dataOf(call(COUNTS, { by: 'PARTY', filter: { kind: 'CASUALTIES' } }));
    const byKey = new Map(claimCounts.buckets.map((bucket: any) => [bucket.key, bucket]));
    expect(byKey.get(made.armenia)).toMatchObject({ label: 'Armenian Ministry one', count: 1, killed: 12, wounded: 3 });
    expect(byKey.get(made.azerbaijan)).toMatchObject({ label: 'Azerbaijani Ministry one', count: 1, killed: 2 });
    const countries = await dataOf(call(COUNTS, { by: 'COUNTRY' }));
    expect(countries.claimCounts.buckets.find((bucket: any) => bucket.key === 'AM')?.label).toBe('Armenia');
  });

  it('reads a 30-day DAY histogram with one DynamoDB request, and any tally with one', async () => {
    for (const [by, filter] of [
      ['DAY', { since: '2020-10-20', until: '2020-11-18' }],
      ['WEEK', { since: '2019-01-01', until: '2021-12-31' }],
      ['PARTY', { kind: 'ATTACK' }],
      ['COUNTRY', { since: '2019-01-01', until: '2025-12-31' }],
    ] as const) {
      const counted = graphqlCaller(db);
      db.counter.reset();
      await dataOf(
        counted(
          `query($by: CountDimension!, $filter: ClaimCountsFilter) { claimCounts(by: $by, filter: $filter) { total buckets { key count } } }`,
          { by, filter },
        ),
      );
      expect(db.counter.total, `${by}`).toBe(1);
      expect(db.counter.byCommand).toEqual({ BatchGetItemCommand: 1 });
    }
  });

  it('gives totalCount where a counter serves it, equal to the listed claims and articles', async () => {
    const casualties = claims.filter((c) => c.kind === 'CASUALTIES').length;
    const ofTown = claims.filter((c) => c.locations.some((l) => l.id === made.town)).length;
    const ofArmenia = claims.filter((c) => c.claimant === made.armenia).length;
    const totals = await dataOf(
      call(
        `query($party: ID!, $town: ID!) {
          all: claims(first: 1) { totalCount }
          casualties: claims(kind: CASUALTIES, first: 1) { totalCount }
          dated: claims(since: "2020-10-01", first: 1) { totalCount }
          articles(first: 1) { totalCount }
          party: node(id: $party) { ... on Party { claims(first: 1) { totalCount } } }
          town: node(id: $town) { ... on Location { claims(first: 1) { totalCount } } }
        }`,
        { party: made.armenia, town: made.town },
      ),
    );
    expect(totals).toEqual({
      all: { totalCount: claims.length },
      casualties: { totalCount: casualties },
      dated: { totalCount: null },
      articles: { totalCount: 2 },
      party: { claims: { totalCount: ofArmenia } },
      town: { claims: { totalCount: ofTown } },
    });
  });

  it('refuses what the counters cannot answer exactly, naming the argument', async () => {
    const refused = async (by: string, filter: Record<string, unknown>, top = 20) => {
      const result = await call(COUNTS, { by, filter, top });
      expect(result.errors, JSON.stringify(result)).toHaveLength(1);
      return result.errors![0]!.extensions;
    };
    expect(await refused('DAY', {})).toMatchObject({ code: 'VALIDATION_FAILED', field: ['filter', 'since'] });
    expect(await refused('DAY', { since: '2020-01-01', until: '2021-06-01' })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: ['filter', 'until'],
    });
    expect(await refused('WEEK', { since: '2020-01-01', until: '2020-02-01', party: made.armenia })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: ['filter', 'party'],
    });
    expect(await refused('PARTY', { since: '2020-10-02', until: '2020-10-31' })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: ['filter', 'since'],
    });
    expect(await refused('LOCATION', { since: '2020-10-01', until: '2020-10-30' })).toMatchObject({
      field: ['filter', 'until'],
    });
    expect(await refused('KIND', { since: '2020-10-01' })).toMatchObject({ field: ['filter', 'until'] });
    expect(await refused('MONTH', { since: '2000-01-01', until: '2020-12-31' })).toMatchObject({
      field: ['filter', 'until'],
    });
    expect(await refused('PARTY', {}, 0)).toMatchObject({ field: ['top'] });
  });
});

/** A Db over the same table with its own client, failing as `faults` says. */
function faultyCaller(clean: Db, faults: FaultOptions, maxAttempts = 3) {
  const endpoint = inject('dynamodbEndpoint');
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
  });
  const db = new Db({ tableName: clean.tableName, region: 'us-east-1', endpoint, client });
  return { db, call: graphqlCaller(db), faults: injectFaults(client, faults) };
}

describe('counters under a mixed sequence of writes with faults', () => {
  it('equal a full recount after every step, whether it failed midway or was retried', async () => {
    const clean = await createTestDb();
    const call = graphqlCaller(clean);
    const steps: string[] = [];
    /**
     * After a retry, every invariant holds; after a failure midway, the counters (a merge
     * stopped midway is otherwise unfinished until it runs again).
     */
    const expectExact = async (step: string, midway = false) => {
      steps.push(step);
      const problems = checkInvariants(await scanTable(clean));
      const counting = (problem: string) => problem.startsWith('counter ') || problem.startsWith('COUNTS#');
      expect(midway ? problems.filter(counting) : problems, step).toEqual([]);
    };
    /**
     * Runs `write` with its `nth` write request failing on every attempt (so it fails),
     * checks the counters, then runs it again with random retryable faults that the SDK's
     * retries absorb, and checks again.
     */
    const withFaults = async (step: string, nth: number, write: (call: Caller, db: Db) => Promise<unknown>) => {
      const failing = faultyCaller(clean, { only: 'writes', failInvocations: [nth] });
      await write(failing.call, failing.db).then(
        () => undefined,
        () => undefined,
      );
      expect(failing.faults.injected, `${step}: a fault was injected`).toBeGreaterThan(0);
      await expectExact(`${step}, write ${nth} failed`, true);
      const flaky = faultyCaller(clean, { rate: 0.3, seed: nth, maxAttemptsLeftAlone: 8 }, 8);
      await write(flaky.call, flaky.db);
      await expectExact(`${step}, retried`);
    };
    const mutate = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
      const result = await dataOf(caller(query, variables));
      const payload = Object.values(result)[0] as { userErrors: unknown[] };
      if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
      return payload;
    };

    // Ingest (an older extractor), failing at its commit transaction, then retried.
    await withFaults('ingest', 3, (_, db) => ingestArticle(createDataContext(db), SAMPLE_INPUT, olderExtractor));
    const made = await handMadeClaims(call, 'two');
    await expectExact('hand-made claims');
    // Re-ingest of a changed text (a new article), and a re-extraction by the current extractor.
    await withFaults('changed text', 2, (caller) =>
      ingest(caller, { ...SAMPLE_INPUT, url: null, text: `${SAMPLE}\nUpdated.` }),
    );
    await withFaults('re-extraction', 2, (_, db) => ingestArticle(createDataContext(db), SAMPLE_INPUT));
    // createClaim, then updateClaim of kind, claimant, places and date.
    await withFaults('createClaim', 1, (caller) =>
      createClaim(caller, {
        articleId: made.article.id,
        content: { start: 10, end: 20 },
        claimantId: made.armenia,
        kind: 'CASUALTIES',
        eventDate: '2020-10-05',
        locationIds: [made.city],
        quantities: [{ kind: 'KILLED', value: 40 }],
      }),
    );
    const claimId = made.claims[0]!.id;
    let version = made.claims[0]!.version;
    await withFaults('updateClaim', 1, async (caller) => {
      const { claim } = (await mutate(caller, UPDATE_CLAIM, {
        input: {
          id: claimId,
          expectedVersion: version,
          kind: 'ATTACK',
          claimantId: made.azerbaijan,
          locationIds: [made.city],
          eventDate: version === 1 ? '2021-01-15' : '2021-02-01',
        },
      })) as any;
      version = claim.version;
    });
    // A merge of two claimants (their claims and counts move to the kept one).
    await withFaults('mergeParties', 3, (caller) =>
      mutate(caller, MERGE, { keep: made.azerbaijan, remove: made.armenia }),
    );
    // A delete (its counts go at its first step).
    await withFaults('deleteArticle', 1, (caller) => mutate(caller, DELETE, { id: made.article.id }));

    // The answers agree with the listed claims too, and nothing names the merged party.
    const claims = await listedClaims(call);
    expect(await countsOf(call, 'PARTY')).toEqual(recount(claims, (c) => (c.claimant ? [c.claimant] : [])));
    expect(await countsOf(call, 'KIND')).toEqual(recount(claims, (c) => [c.kind]));
    const counters = (await scanTable(clean)).filter((item) => String(item.pk).startsWith('COUNTS#'));
    const removed = Buffer.from(made.armenia, 'base64url').toString().split(':')[1]!;
    expect(counters.filter((item) => JSON.stringify(item).includes(removed))).toEqual([]);
    expect(steps.length).toBe(15);
  }, 240_000);
});
