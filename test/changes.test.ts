/**
 * Sync: createdAt/updatedAt and the change feed, through yoga.fetch against DynamoDB Local.
 * A client mirror that follows `changes` and refetches what it names must end with exactly
 * the nodes the listings show, after every kind of write, faults and retries included. The
 * feed's clock is stepped by the test (`clock.now`), never read from the wall.
 */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHANGE_RETENTION_DAYS, ChangeRecorder, clock, upserted } from '../lib/changes.js';
import { extract } from '../lib/extract/index.js';
import { ingestArticle, type Extractor } from '../lib/ingest.js';
import { Db } from '../lib/store/client.js';
import { NODES_PER_ENTRY } from '../lib/store/changes.js';
import { createDataContext } from '../lib/store/loaders.js';
import { CHANGE_SHARDS } from '../lib/store/patterns.js';
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
const olderExtractor: Extractor = (raw, meta) => ({ ...extract(raw, meta), extractorVersion: '0.0.1' });

/** The feed's clock: starts at T0 and moves one second at every reading, or as the test sets it. */
const T0 = Date.parse('2026-03-01T00:00:00Z');
let ticks = 0;
let offsetMs = 0;
const realNow = clock.now;
beforeAll(() => {
  clock.now = () => new Date(T0 + offsetMs + 1000 * ticks++);
});
afterAll(() => {
  clock.now = realNow;
});

const CHANGES = `query($after: String, $first: Int!) { changes(after: $after, first: $first) {
  edges { cursor node { nodeId type operation at } } pageInfo { hasNextPage endCursor } } }`;

interface ChangeNode {
  nodeId: string;
  type: string;
  operation: 'UPSERTED' | 'DELETED';
  at: string;
}
interface ChangePage {
  edges: { cursor: string; node: ChangeNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const changesPage = async (call: Caller, after: string | null, first: number): Promise<ChangePage> =>
  (await dataOf(call(CHANGES, { after, first }))).changes;

/** Follows the feed from `after` to its present: every change, and the cursor to go on from. */
async function follow(call: Caller, after: string | null, first = 7) {
  const changes: ChangeNode[] = [];
  let cursor = after;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await changesPage(call, cursor, first);
    changes.push(...page.edges.map((edge) => edge.node));
    expect(page.pageInfo.endCursor).toBeTruthy();
    cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { changes, cursor: cursor! };
  }
  throw new Error('the feed did not end');
}

const NODE_STATE = `__typename id ... on Article { updatedAt } ... on Claim { updatedAt version }
  ... on Party { updatedAt version } ... on Location { updatedAt version }`;

/** What a client keeps: every node it was told of, as it read it (type and updatedAt). */
class Mirror {
  readonly nodes = new Map<string, string>();
  cursor: string | null = null;
  applied: ChangeNode[] = [];

  async sync(call: Caller): Promise<ChangeNode[]> {
    const { changes, cursor } = await follow(call, this.cursor);
    const ids = [...new Set(changes.map((change) => change.nodeId))];
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const { nodes } = await dataOf(
        call(`query($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_STATE} } }`, { ids: chunk }),
      );
      chunk.forEach((id, j) => {
        const node = nodes[j];
        if (node) this.nodes.set(id, `${node.__typename} ${node.updatedAt} ${node.version ?? ''}`);
        else this.nodes.delete(id);
      });
    }
    this.cursor = cursor;
    this.applied.push(...changes);
    return changes;
  }
}

const LISTING = (field: string) => `query($after: String) { ${field}(first: 100, after: $after) {
  edges { cursor node { __typename id updatedAt ${field === 'articles' ? '' : 'version'} } }
  pageInfo { hasNextPage endCursor } } }`;

/** Every node the listings show, as the mirror keeps them. */
async function visibleNodes(call: Caller): Promise<Map<string, string>> {
  const visible = new Map<string, string>();
  for (const field of ['articles', 'claims', 'parties', 'locations']) {
    const nodes = await allPages(async (after) => (await dataOf(call(LISTING(field), { after })))[field]);
    for (const node of nodes as any[])
      visible.set(node.id, `${node.__typename} ${node.updatedAt} ${node.version ?? ''}`);
  }
  return visible;
}

async function expectMirrored(mirror: Mirror, call: Caller) {
  await mirror.sync(call);
  const visible = await visibleNodes(call);
  expect(new Map([...mirror.nodes].sort())).toEqual(new Map([...visible].sort()));
  expect(visible.size).toBeGreaterThan(0);
}

/** A Db over the same table with its own client, failing as `faults` says. */
function faultyCaller(clean: Db, faults: FaultOptions) {
  const endpoint = inject('dynamodbEndpoint');
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
  const db = new Db({ tableName: clean.tableName, region: 'us-east-1', endpoint, client });
  return { call: graphqlCaller(db), faults: injectFaults(client, faults) };
}

const decodeId = (id: string) => Buffer.from(id, 'base64url').toString('utf8');

describe('a client mirror that follows the feed', () => {
  let db: Db;
  let call: Caller;
  const mirror = new Mirror();
  let articleId: string;
  let handMade: { id: string; version: number };
  let ministry: string;
  let army: string;
  let town: string;

  beforeAll(async () => {
    db = await createTestDb();
    call = graphqlCaller(db);
  });

  it('starts from after: null with everything written so far', async () => {
    ministry = await createParty(call, { name: 'Ministry of Mirrors', kind: 'GOVERNMENT_BODY' });
    army = await createParty(call, { name: 'Army of Mirrors', kind: 'ARMED_FORCE' });
    town = await createLocation(call, { name: 'Mirror Town', latitude: 40.1, longitude: 45.2 });
    const old = await ingestArticle(
      createDataContext(db),
      { text: SAMPLE, url: 'https://example.org/sync', publishedAt: '2020-11-09T12:00:00Z' },
      olderExtractor,
    );
    articleId = Buffer.from(`Article:${old.article.id}`).toString('base64url');
    expect(old.article.claimIds.length).toBeGreaterThan(3);
    await expectMirrored(mirror, call);
    const types = new Set(mirror.applied.map((change) => change.type));
    expect(types).toEqual(new Set(['ARTICLE', 'CLAIM', 'PARTY', 'LOCATION']));
    expect(mirror.applied.every((change) => change.operation === 'UPSERTED')).toBe(true);
  });

  it('follows claims made and changed by hand, in order, as one change each', async () => {
    handMade = await createClaim(call, {
      articleId,
      claimantId: ministry,
      locationIds: [town],
      content: { start: 0, end: 12 },
      kind: 'ATTACK',
    });
    const created = await mirror.sync(call);
    expect(created.map((change) => [change.type, change.operation, change.nodeId]).sort()).toEqual(
      [
        ['ARTICLE', 'UPSERTED', articleId],
        ['CLAIM', 'UPSERTED', handMade.id],
      ].sort(),
    );
    const updated = await dataOf(
      call(
        `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { id version } userErrors { code } } }`,
        { input: { id: handMade.id, expectedVersion: 1, status: 'VERIFIED', claimantId: army } },
      ),
    );
    expect(updated.updateClaim.userErrors).toEqual([]);
    handMade = updated.updateClaim.claim;
    const changes = await mirror.sync(call);
    expect(changes.map((change) => change.nodeId).sort()).toEqual([articleId, handMade.id].sort());
    // Each change's time is its commit's: after the one before it.
    const times = mirror.applied.map((change) => Date.parse(change.at));
    expect(times.at(-1)).toBeGreaterThan(times[0]!);
    await expectMirrored(mirror, call);
  });

  it('keeps createdAt through a re-extraction, and the claims a person made keep theirs', async () => {
    const TIMES = `query($id: ID!, $claim: ID!) {
      article: node(id: $id) { ... on Article { createdAt updatedAt ingestedAt claims(first: 100) { edges { node { id } } } } }
      claim: node(id: $claim) { ... on Claim { createdAt updatedAt } } }`;
    const before = await dataOf(call(TIMES, { id: articleId, claim: handMade.id }));
    expect(before.article.createdAt).toBe(before.article.ingestedAt);
    const again = await dataOf(
      call(
        `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { created article { id } userErrors { code } } }`,
        { input: { text: SAMPLE, url: 'https://example.org/sync', publishedAt: '2020-11-09T12:00:00Z' } },
      ),
    );
    expect(again.ingestArticle).toMatchObject({ created: false, article: { id: articleId } });
    const after = await dataOf(call(TIMES, { id: articleId, claim: handMade.id }));
    expect(after.article.createdAt).toBe(before.article.createdAt);
    expect(Date.parse(after.article.updatedAt)).toBeGreaterThan(Date.parse(before.article.updatedAt));
    expect(after.claim).toEqual(before.claim);
    const replaced = before.article.claims.edges
      .map((edge: any) => edge.node.id)
      .filter((id: string) => !after.article.claims.edges.some((edge: any) => edge.node.id === id));
    expect(replaced.length).toBeGreaterThan(0);

    const changes = await mirror.sync(call);
    const deletedIds = changes.filter((change) => change.operation === 'DELETED').map((change) => change.nodeId);
    expect(deletedIds.sort()).toEqual([...replaced].sort());
    await expectMirrored(mirror, call);

    // The same text under a new URL: the article gains the URL, and only the article changes.
    await ingest(call, { text: SAMPLE, url: 'https://example.org/sync-elsewhere' });
    expect((await mirror.sync(call)).map((change) => change.nodeId)).toEqual([articleId]);
  });

  it('follows a merge of parties and a deletion, with tombstones', async () => {
    const second = await ingest(call, { text: plainText(1), publishedAt: '2024-01-02T00:00:00Z' });
    const byArmy = await createClaim(call, { articleId: second.id, claimantId: army, content: { start: 0, end: 6 } });
    await expectMirrored(mirror, call);

    const merged = await dataOf(
      call(
        `mutation($keep: ID!, $remove: ID!) { mergeParties(input: { keepId: $keep, removeId: $remove }) { party { id } userErrors { code } } }`,
        { keep: ministry, remove: army },
      ),
    );
    expect(merged.mergeParties.userErrors).toEqual([]);
    const mergeChanges = await mirror.sync(call);
    expect(mergeChanges).toContainEqual(expect.objectContaining({ nodeId: army, operation: 'DELETED' }));
    expect(mergeChanges).toContainEqual(expect.objectContaining({ nodeId: byArmy.id, operation: 'UPSERTED' }));
    expect(mergeChanges).toContainEqual(expect.objectContaining({ nodeId: ministry, operation: 'UPSERTED' }));
    await expectMirrored(mirror, call);

    const removed = await dataOf(
      call(`mutation($id: ID!) { deleteArticle(input: { id: $id }) { deletedArticleId userErrors { code } } }`, {
        id: second.id,
      }),
    );
    expect(removed.deleteArticle.userErrors).toEqual([]);
    const tombstones = await mirror.sync(call);
    expect(tombstones.map((change) => [change.nodeId, change.operation]).sort()).toEqual(
      [
        [second.id, 'DELETED'],
        [byArmy.id, 'DELETED'],
      ].sort(),
    );
    await expectMirrored(mirror, call);
  });

  it('stays exact when a write fails midway and is sent again', async () => {
    // The commit of an ingest fails on every attempt: nothing is visible, and nothing announced.
    const failing = faultyCaller(db, { only: 'TransactWriteItems', failInvocations: [1] });
    const input = { text: plainText(2), url: 'https://example.org/sync-fault', publishedAt: '2024-02-01T00:00:00Z' };
    const failed = await failing.call(
      `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`,
      { input },
    );
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await mirror.sync(call)).toEqual([]);
    await expectMirrored(mirror, call);
    const stored = await ingest(call, input);
    expect((await mirror.sync(call)).map((change) => change.nodeId)).toEqual([stored.id]);

    // The delete's mark is applied but its answer lost: the retry finds the mark, finishes the
    // job, and the tombstone is in the feed once.
    const lost = faultyCaller(db, { only: 'TransactWriteItems', failInvocations: [1], failAttempts: 1, when: 'after' });
    const deletion = await dataOf(
      lost.call(`mutation($id: ID!) { deleteArticle(input: { id: $id }) { deletedArticleId userErrors { code } } }`, {
        id: stored.id,
      }),
    );
    expect(deletion.deleteArticle.userErrors).toEqual([]);
    expect(lost.faults.injected).toBe(1);
    expect(await mirror.sync(call)).toEqual([expect.objectContaining({ nodeId: stored.id, operation: 'DELETED' })]);
    await expectMirrored(mirror, call);
  });

  it('resumes from any edge’s cursor with exactly the changes after it', async () => {
    const all = await follow(call, null, 100);
    expect(all.changes.length).toBeGreaterThan(20);
    const firstPage = await changesPage(call, null, 5);
    const resumed = await follow(call, firstPage.edges[2]!.cursor, 4);
    expect(resumed.changes).toEqual(all.changes.slice(3));
    // Up to date: an empty page, with a cursor that is still good to poll with.
    const polled = await changesPage(call, all.cursor, 10);
    expect(polled).toMatchObject({ edges: [], pageInfo: { hasNextPage: false } });
    expect(polled.pageInfo.endCursor).toBeTruthy();
    const fresh = await createParty(call, { name: 'Latecomer', kind: 'PERSON' });
    expect((await changesPage(call, polled.pageInfo.endCursor, 10)).edges.map((edge) => edge.node.nodeId)).toEqual([
      fresh,
    ]);
    // changesCursor: the present, so nothing before it comes after it.
    const { changesCursor } = await dataOf(call(`{ changesCursor }`));
    expect((await changesPage(call, changesCursor, 10)).edges).toEqual([]);
  });

  it('reads one page in one round trip of one Query per shard, reading at most first + 2 items each', async () => {
    db.counter.reset();
    const page = await changesPage(call, null, 10);
    expect(page.edges).toHaveLength(10);
    expect(db.counter.byCommand).toEqual({ QueryCommand: CHANGE_SHARDS });
    expect(db.counter.roundTrips).toBe(1);
  });

  it('refuses a cursor whose next change has expired, and a malformed one, with typed errors', async () => {
    const start = await changesPage(call, null, 1);
    const stale = start.edges[0]!.cursor;
    const upToDate = (await follow(call, null, 100)).cursor;
    offsetMs = (CHANGE_RETENTION_DAYS + 1) * 86_400_000;
    try {
      const result = await call(CHANGES, { after: stale, first: 10 });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CURSOR_EXPIRED', field: ['after'] });
      expect(result.errors?.[0]?.message).toMatch(/changesCursor/);
      // A client that was up to date has missed nothing: its cursor stays good.
      expect(await changesPage(call, upToDate, 10)).toMatchObject({ edges: [], pageInfo: { hasNextPage: false } });
      // From the start, only what is kept: the changes that expired are left out.
      expect((await follow(call, null, 100)).changes).toEqual([]);
    } finally {
      offsetMs = 0;
    }
    for (const after of ['bm9wZQ', Buffer.from(JSON.stringify({ f: [[1, 2, 3]] })).toString('base64url')]) {
      const result = await call(CHANGES, { after, first: 10 });
      expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    }
  });

  it('gives every node type createdAt and updatedAt', async () => {
    const { node } = await dataOf(
      call(`query($id: ID!) { node(id: $id) { ... on Party { createdAt updatedAt name } } }`, { id: ministry }),
    );
    expect(Date.parse(node.updatedAt)).toBeGreaterThan(Date.parse(node.createdAt)); // it took the army's names
    expect(decodeId(ministry)).toMatch(/^Party:/);
  });
});

describe('the feed under racing writers', () => {
  it('never lets a reader skip a change committed after it read, whatever the clocks say', async () => {
    const db = await createTestDb();
    const call = graphqlCaller(db);
    // Two events race for shard 0: both read its head before either commits.
    const slow = new ChangeRecorder(db, 'race', 0);
    const fast = new ChangeRecorder(db, 'race', 0);
    await fast.commit([], upserted('PARTY', ['fast']));
    const read = await follow(call, null);
    expect(read.changes.map((change) => change.nodeId)).toEqual([Buffer.from('Party:fast').toString('base64url')]);
    // The slow writer's clock is behind: its change carries an earlier time than one the
    // reader has already passed, and commits after it (its first try loses the race).
    offsetMs = -3_600_000;
    db.counter.reset();
    try {
      await slow.commit([], upserted('PARTY', ['slow']));
    } finally {
      offsetMs = 0;
    }
    expect(db.counter.byCommand).toEqual({ TransactWriteItemsCommand: 2, GetItemCommand: 1 });
    const next = await follow(call, read.cursor);
    expect(next.changes.map((change) => change.nodeId)).toEqual([Buffer.from('Party:slow').toString('base64url')]);
    expect(Date.parse(next.changes[0]!.at)).toBeLessThan(Date.parse(read.changes[0]!.at));
  });

  it('splits an event over many nodes into entries of a few KB, one sequence number each, in one transaction', async () => {
    const db = await createTestDb();
    const call = graphqlCaller(db);
    const ids = Array.from({ length: 2 * NODES_PER_ENTRY + 50 }, (_, i) => `bulk${String(i).padStart(4, '0')}`);
    db.counter.reset();
    await new ChangeRecorder(db, 'bulk', 1).commit([], upserted('CLAIM', ids));
    expect(db.counter.byCommand).toEqual({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });
    const entries = (await scanTable(db)).filter((item) => String(item.pk) === 'CHANGES#1');
    expect(entries.map((item) => item.sk)).toEqual([
      'SEQ#000000000001',
      'SEQ#000000000002',
      'SEQ#000000000003',
      'SEQ#~HEAD',
    ]);
    expect(Math.max(...entries.map((item) => JSON.stringify(item).length))).toBeLessThan(4_000);
    const read = await follow(call, null, 100);
    expect(read.changes.map((change) => decodeId(change.nodeId))).toEqual(ids.map((id) => `Claim:${id}`));
  });
});
