/**
 * Concurrency: optimistic locking under 50 racing `updateClaim`s (exactly one success per
 * version), and idempotent ingestion under 20 racing `ingestArticle`s of the same article
 * (one Article, its claims exactly once), checked by reading the whole table back.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../lib/store/client.js';
import {
  adminCaller,
  checkInvariants,
  summarize,
  type AdminCaller,
  type GraphQLResponse,
  type TableItem,
} from './fault-injection.js';
import { createTestDb, scanTable } from './support.js';
import { LONG_INPUT } from './long-article.js';

const SAMPLE_TEXT = readFileSync(new URL('../data/samples/karabakh-shushi.txt', import.meta.url), 'utf8');
const SAMPLE_META = (
  JSON.parse(readFileSync(new URL('../data/samples/samples.json', import.meta.url), 'utf8')) as Record<string, string>[]
)[0]!;

const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) { article { id claims(first: 100) { edges { node { id } } } } created userErrors { field message code } } }`;
const UPDATE_CLAIM = `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { id version status } userErrors { field message code } } }`;
const CLAIM_VERSION = `query($id: ID!) { node(id: $id) { ... on Claim { version status } } }`;

const rawId = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':').slice(1).join(':');

/** The response's data, failing on GraphQL errors (a lost race must never be an unexpected error). */
function dataOf(response: GraphQLResponse) {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as Record<string, any>;
}

async function expectConsistent(db: Db): Promise<TableItem[]> {
  const items = await scanTable(db);
  expect(checkInvariants(items), JSON.stringify(summarize(items))).toEqual([]);
  return items;
}

const STATUSES = ['VERIFIED', 'DISPUTED', 'REJECTED', 'UNREVIEWED'] as const;

describe('50 concurrent updateClaim of one claim', () => {
  let db: Db;
  let call: AdminCaller;
  let claimIds: string[];
  beforeAll(async () => {
    db = await createTestDb();
    call = adminCaller(db);
    const ingested = dataOf(
      await call(INGEST, { input: { text: SAMPLE_TEXT, url: SAMPLE_META.url, publishedAt: SAMPLE_META.publishedAt } }),
    ).ingestArticle;
    claimIds = ingested.article.claims.edges.map((edge: any) => edge.node.id);
    expect(claimIds.length).toBeGreaterThanOrEqual(3);
  });

  const update = (id: string, expectedVersion: number, i: number) =>
    call(UPDATE_CLAIM, { input: { id, expectedVersion, status: STATUSES[i % STATUSES.length] } }).then(
      (response) => dataOf(response).updateClaim,
    );
  const versionOf = async (id: string): Promise<number> => dataOf(await call(CLAIM_VERSION, { id })).node.version;

  it('all with the same expectedVersion: exactly 1 succeeds, 49 get CONFLICT', async () => {
    const id = claimIds[0]!;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => update(id, 1, i)));
    const successes = results.filter((result) => result.claim);
    expect(successes).toHaveLength(1);
    expect(successes[0].claim.version).toBe(2);
    expect(successes[0].userErrors).toEqual([]);
    const conflicts = results.filter((result) => !result.claim);
    expect(conflicts).toHaveLength(49);
    for (const { userErrors } of conflicts)
      expect(userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'] })]);
    expect(await versionOf(id)).toBe(2);
    const stored = (await scanTable(db)).find((item) => item.pk === `CLAIM#${rawId(id)}` && item.sk === 'CLAIM');
    expect(stored).toMatchObject({ version: 2, status: successes[0].claim.status });
    await expectConsistent(db);
  });

  it('rounds of 50 racing with the version each read: one success per version, final version = 1 + successes', async () => {
    const id = claimIds[1]!;
    let successes = 0;
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const version = await versionOf(id);
          return update(id, version, i + round);
        }),
      );
      const won = results.filter((result) => result.claim);
      // Every client read the version before any of this round's writes could land, or a
      // later one: each version is won at most once, and a round always has a winner.
      expect(won.length).toBeGreaterThanOrEqual(1);
      expect(new Set(won.map((result) => result.claim.version)).size).toBe(won.length);
      for (const result of results.filter((r) => !r.claim)) expect(result.userErrors[0]?.code).toBe('CONFLICT');
      successes += won.length;
      expect(await versionOf(id)).toBe(1 + successes);
    }
    await expectConsistent(db);
  }, 120_000);

  it('each client retries with the version it reads after a CONFLICT until it succeeds: final version = 1 + 50', async () => {
    const id = claimIds[2]!;
    const attempts: number[] = [];
    const won = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        for (let attempt = 1; attempt <= 500; attempt++) {
          const result = await update(id, await versionOf(id), i);
          if (result.claim) {
            attempts.push(attempt);
            return result.claim.version as number;
          }
          expect(result.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
        }
        throw new Error(`client ${i} never won`);
      }),
    );
    // Each version from 2 to 51 was won by exactly one client.
    expect([...won].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(await versionOf(id)).toBe(51);
    expect(Math.max(...attempts)).toBeGreaterThan(1);
    await expectConsistent(db);
  }, 120_000);
});

describe('20 concurrent ingestArticle of the same article', () => {
  /** Ingests `input` once into a fresh table: the state the racing ingests must converge to. */
  async function referenceKeys(input: Record<string, unknown>): Promise<string[]> {
    const db = await createTestDb();
    dataOf(await adminCaller(db)(INGEST, { input }));
    return (await scanTable(db)).map((item) => `${String(item.pk)} | ${String(item.sk)}`).sort();
  }

  async function race(input: Record<string, unknown>) {
    const db = await createTestDb();
    // Separate servers, as on separate Lambda instances: nothing is shared but the table.
    const results = await Promise.all(
      Array.from({ length: 20 }, () => adminCaller(db)(INGEST, { input }).then((r) => dataOf(r).ingestArticle)),
    );
    for (const result of results) expect(result.userErrors).toEqual([]);
    const ids = new Set(results.map((result) => result.article.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);

    const items = await expectConsistent(db);
    const articles = items.filter((item) => String(item.pk).startsWith('ARTICLE#') && item.sk === 'ARTICLE');
    expect(articles).toHaveLength(1);
    const article = articles[0]!;
    expect(article.id).toBe(rawId([...ids][0]!));
    const claimIds = article.claimIds as string[];
    const claims = items.filter((item) => item.sk === 'CLAIM');
    expect(claimIds.length).toBeGreaterThan(0);
    expect(new Set(claimIds).size).toBe(claimIds.length);
    expect(claims.map((claim) => claim.id).sort()).toEqual([...claimIds].sort());
    // Every response shows the one article complete, with its claims in the same order.
    const shown = results.map((result) =>
      result.article.claims.edges.map((edge: any) => rawId(edge.node.id)).join(','),
    );
    const incomplete = results
      .filter((_, i) => shown[i] !== claimIds.join(','))
      .map(
        (result) => `created: ${result.created}, ${result.article.claims.edges.length} of ${claimIds.length} claims`,
      );
    expect(incomplete, 'responses showing the article other than as stored').toEqual([]);
    expect(items.map((item) => `${String(item.pk)} | ${String(item.sk)}`).sort()).toEqual(await referenceKeys(input));
  }

  it('with the same url', async () => {
    await race({
      text: SAMPLE_TEXT,
      url: SAMPLE_META.url,
      title: SAMPLE_META.title,
      publishedAt: SAMPLE_META.publishedAt,
    });
  }, 120_000);

  it('with no url and the same text', async () => {
    await race({ text: SAMPLE_TEXT, publishedAt: SAMPLE_META.publishedAt });
  }, 120_000);

  it('of an article too big for one transaction (60 claims): no response shows it half-written', async () => {
    await race({ text: LONG_INPUT.text, url: LONG_INPUT.url, publishedAt: LONG_INPUT.publishedAt });
  }, 180_000);
});
