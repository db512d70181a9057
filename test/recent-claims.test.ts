/**
 * A party's newest claims, kept on an item of its own (lib/store/recent-claims.ts): the
 * nested `parties { claims(first:) }` costs a fixed number of requests for a page of parties,
 * and what it answers is what the Query answers, after every kind of write, faults included.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteArticle } from '../lib/article.js';
import { createClaim, updateClaim } from '../lib/claim.js';
import { extract } from '../lib/extract/index.js';
import { ingestArticle, type Extractor } from '../lib/ingest.js';
import { listParties, mergeParties } from '../lib/party.js';
import { Db } from '../lib/store/client.js';
import { checkInvariants, leftovers } from '../lib/store/integrity.js';
import { createDataContext } from '../lib/store/loaders.js';
import { RECENT_CLAIMS_KEPT, RECENT_CLAIMS_TRIM_AT, recentClaimsOf, recentKey } from '../lib/store/recent-claims.js';
import { injectFaults, type FaultOptions } from './fault-injection.js';
import { createTestDb, dataOf, graphqlCaller, scanTable, type Caller } from './support.js';

const NATIONS = ['Armenian', 'Georgian', 'Moldovan', 'Latvian', 'Chadian', 'Malian', 'Kenyan', 'Peruvian', 'Danish'];
const BODIES = ['Defense Ministry', 'Interior Ministry', 'Foreign Ministry'];
const SPEAKERS = NATIONS.flatMap((nation) => BODIES.map((body) => `The ${nation} ${body}`));
const PLACES = ['Stepanakert', 'Shusha', 'Ganja', 'Kharkiv', 'Aleppo', 'Mosul'];

/** Article n: three speakers (taking turns over the list), two claims each, on its own day. */
function article(n: number, url = `https://recent.example/${n}`) {
  const day = new Date(Date.UTC(2019, 0, 1) + n * 11 * 86_400_000).toISOString().slice(0, 10);
  const speakers = [0, 1, 2].map((i) => SPEAKERS[(n * 3 + i) % SPEAKERS.length]!);
  const lines = speakers.flatMap((speaker, i) => [
    `${speaker} said on Monday that enemy forces shelled ${PLACES[(n + i) % PLACES.length]} overnight.`,
    `${speaker} said ${2 + ((n + i) % 30)} soldiers were killed near ${PLACES[(n + i + 1) % PLACES.length]}.`,
  ]);
  return { text: lines.join('\n'), url, publishedAt: `${day}T08:00:00Z`, title: `Report ${n}` };
}

/** One speaker, many claims, each about its own day: enough to make its list trim. */
function longArticle(speaker: string, claims: number) {
  const lines = Array.from(
    { length: claims },
    (_, i) =>
      `${speaker} said ${3 + i} soldiers were killed near ${PLACES[i % PLACES.length]} on ${new Date(Date.UTC(2018, 0, 1 + i)).toISOString().slice(0, 10)}.`,
  );
  return { text: lines.join('\n'), url: 'https://recent.example/long', publishedAt: '2018-03-01T08:00:00Z' };
}

/** The real extractor, labelled as an older release of itself (so a later ingest re-extracts). */
const olderExtractor: Extractor = (raw, meta) => ({ ...extract(raw, meta), extractorVersion: '0.0.1' });

const NESTED = (claims: string, selection = 'id') =>
  `{ parties(first: 60) { edges { node { id name claims${claims} { edges { cursor node { ${selection} } } pageInfo { hasNextPage endCursor } } } } } }`;

/** A Db over `clean`'s table with its own client, failing as `faults` says. */
function faultyDb(clean: Db, faults: FaultOptions): Db {
  const endpoint = inject('dynamodbEndpoint');
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
  injectFaults(client, faults);
  return new Db({ tableName: clean.tableName, region: 'us-east-1', endpoint, client });
}

/** Every visible claim of a party, newest first, through the Query (a date range sends the resolver to it). */
async function allByQuery(call: Caller, partyId: string, selection: string): Promise<any[]> {
  const edges: any[] = [];
  let after: string | null = null;
  do {
    const page: any = await dataOf(
      call(
        `query($id: ID!, $after: String) { node(id: $id) { ... on Party { claims(first: 100, since: "1900-01-01", after: $after) { edges { cursor node { ${selection} } } pageInfo { hasNextPage endCursor } } } } }`,
        { id: partyId, after },
        {},
      ),
    );
    edges.push(...page.node.claims.edges);
    after = page.node.claims.pageInfo.hasNextPage ? page.node.claims.pageInfo.endCursor : null;
  } while (after);
  return edges;
}

/**
 * Every party's first page of claims, answered from the lists of newest claims, is the start
 * of what the Query lists (same claims, same cursors, same next-page flag), and the page
 * after it goes on from its cursor with the Query with no gap or repeat; the whole table
 * keeps its invariants, the lists' included.
 */
async function expectExact(db: Db, call: Caller, first = 5, options: { midMerge?: boolean } = {}): Promise<void> {
  const problems = checkInvariants(await scanTable(db));
  // A merge stopped midway leaves the merged party named (the checker says so; running it
  // again finishes it): the lists of newest claims are exact all the same.
  expect(options.midMerge ? problems.filter((problem) => problem.includes('/ RECENT')) : problems).toEqual([]);
  const selection = 'id text claimant { id }';
  for (const query of [NESTED(`(first: ${first})`, selection), NESTED(`(first: ${first})`)]) {
    const listed = await dataOf(call(query, undefined, {}));
    for (const edge of listed.parties.edges) {
      const { edges, pageInfo } = edge.node.claims;
      const all = await allByQuery(call, edge.node.id, query.includes('text') ? selection : 'id');
      expect(edges, edge.node.name).toEqual(all.slice(0, first));
      expect(pageInfo.hasNextPage, edge.node.name).toBe(all.length > first);
      if (!pageInfo.hasNextPage) continue;
      const next = await dataOf(
        call(
          `query($id: ID!, $after: String) { node(id: $id) { ... on Party { claims(first: 100, after: $after) { edges { cursor node { id } } } } } }`,
          { id: edge.node.id, after: pageInfo.endCursor },
          {},
        ),
      );
      expect(next.node.claims.edges.map((e: any) => e.node.id)).toEqual(all.slice(first).map((e) => e.node.id));
    }
  }
}

let db: Db;
let call: Caller;
beforeAll(async () => {
  db = await createTestDb();
  call = graphqlCaller(db);
  for (let n = 0; n < 27; n += 3)
    await Promise.all([n, n + 1, n + 2].map((i) => ingestArticle(createDataContext(db), article(i))));
}, 120_000);

describe('parties { claims(first:) }', () => {
  it('takes at most 4 DynamoDB requests for a page of 27 parties, whatever the claims selected', async () => {
    const parties = await listParties(createDataContext(db), {}, { first: 100 });
    expect(parties.items.length).toBeGreaterThanOrEqual(27);
    db.counter.reset();
    const ids = await dataOf(call(NESTED('(first: 5)'), undefined, {}));
    // One Query of parties, one BatchGetItem of their lists; the claims are not read.
    expect(db.counter.byCommand).toEqual({ QueryCommand: 1, BatchGetItemCommand: 1 });
    const withClaims = ids.parties.edges.filter((edge: any) => edge.node.claims.edges.length > 0);
    expect(withClaims.length).toBeGreaterThanOrEqual(27);
    expect(withClaims.every((edge: any) => edge.node.claims.edges.length === 5)).toBe(true);
    expect(withClaims.every((edge: any) => edge.node.claims.pageInfo.hasNextPage)).toBe(true);

    db.counter.reset();
    await dataOf(call(NESTED('(first: 5)', 'id text eventDate'), undefined, {}));
    // ... and with fields of the claims, their 135 items in two more BatchGetItems.
    expect(db.counter.total).toBeLessThanOrEqual(4);
    expect(db.counter.roundTrips).toBeLessThanOrEqual(3);

    // A Query per party when the lists cannot answer (a date range): what the lists save.
    db.counter.reset();
    await dataOf(call(NESTED('(first: 5, since: "1900-01-01")'), undefined, {}));
    expect(db.counter.byCommand.QueryCommand).toBeGreaterThanOrEqual(28);
  });

  it('answers as the Query does after ingest, trims, re-extraction, claim writes, deletion and a merge, faults included', async () => {
    const data = () => createDataContext(db);
    await expectExact(db, call);

    // An ingest whose commit fails (after the SDK's retries): nothing changes; its retry lands.
    const failing = article(40, 'https://recent.example/failing');
    await expect(
      ingestArticle(createDataContext(faultyDb(db, { only: 'TransactWriteItems', failInvocations: [1] })), failing),
    ).rejects.toThrow();
    await expectExact(db, call);
    await ingestArticle(data(), failing);
    await expectExact(db, call);

    // One speaker with more claims than a list keeps: it is trimmed to the newest, with a floor.
    const speaker = SPEAKERS[0]!;
    await ingestArticle(data(), longArticle(speaker, RECENT_CLAIMS_TRIM_AT + 5), olderExtractor);
    const parties = (await listParties(data(), {}, { first: 100 })).items.map(({ value }) => value);
    const partyId = (name: string) => parties.find((party) => name.includes(party.name))!.id;
    const trimmed = recentClaimsOf(await db.get(recentKey(partyId(speaker)), true));
    expect(trimmed.refs).toHaveLength(RECENT_CLAIMS_KEPT);
    expect(trimmed.floor).not.toBeNull();
    await expectExact(db, call);
    // More than the list holds above its floor: the Query answers, the same way.
    await expectExact(db, call, RECENT_CLAIMS_KEPT + 5);

    // Re-extraction by a newer extractor replaces every claim of that article.
    const reextracted = await ingestArticle(data(), longArticle(speaker, RECENT_CLAIMS_TRIM_AT + 5));
    expect(reextracted.reextracted).toBe(true);
    await expectExact(db, call);

    // A claim by hand, then moved to another claimant and another day; then the claimant again, with a fault first.
    const target = (await ingestArticle(data(), article(41))).article;
    const made = await createClaim(data(), {
      articleId: target.id,
      claimantId: partyId(SPEAKERS[5]!),
      content: { start: 0, end: 10 },
      eventDate: '2030-01-01',
    });
    await expectExact(db, call);
    const moved = await updateClaim(data(), made.id, made.version, {
      claimantId: partyId(SPEAKERS[6]!),
      eventDate: '2031-02-02',
    });
    await expectExact(db, call);
    await expect(
      updateClaim(
        createDataContext(faultyDb(db, { only: 'TransactWriteItems', failInvocations: [1] })),
        made.id,
        moved.version,
        { claimantId: partyId(SPEAKERS[7]!) },
      ),
    ).rejects.toThrow();
    await expectExact(db, call);
    await updateClaim(data(), made.id, moved.version, { claimantId: partyId(SPEAKERS[7]!) });
    await expectExact(db, call);

    // A deletion stopped after its mark: the claims left the lists with the mark; the retry finishes.
    await expect(
      deleteArticle(createDataContext(faultyDb(db, { only: 'BatchWriteItem', failInvocations: [1] })), target.id),
    ).rejects.toThrow();
    await expectExact(db, call);
    await deleteArticle(data(), target.id);
    await expectExact(db, call);

    // A merge stopped midway, then run again: the kept party has the other's claims.
    const keep = partyId(SPEAKERS[1]!);
    const remove = partyId(SPEAKERS[2]!);
    await expect(
      mergeParties(createDataContext(faultyDb(db, { only: 'TransactWriteItems', failInvocations: [3] })), keep, remove),
    ).rejects.toThrow();
    await expectExact(db, call, 5, { midMerge: true });
    await mergeParties(data(), keep, remove);
    await expectExact(db, call);
    expect(recentClaimsOf(await db.get(recentKey(remove), true)).refs).toEqual([]);
    expect(leftovers(await scanTable(db))).toEqual([]);
  }, 240_000);
});
