/**
 * The reference query through yoga over real HTTP, against the minimal hand-written SDK
 * calls that fetch the same data from the same DynamoDB Local, in the same run.
 */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BatchGetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { patterns } from '../lib/store/patterns.js';
import { Db } from '../lib/store/client.js';
import { createServer } from '../server/server.js';
import { REFERENCE_QUERY, seedReferenceData } from '../test/reference-data.js';
import { graphqlCaller } from '../test/support.js';
import { ensureTable } from '../lib/bootstrap.js';
import { median } from './stats.js';

async function time(run: () => Promise<unknown>, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** What a careful hand-written client does for the reference query: one round trip per level. */
async function rawReferenceQuery(client: DynamoDBDocumentClient, table: string): Promise<number> {
  const query = async (input: Omit<QueryCommandInput, 'TableName'>) =>
    (await client.send(new QueryCommand({ TableName: table, ...input }))).Items ?? [];
  const batchGet = async (keys: { pk: string; sk: string }[]) => {
    const chunks: { pk: string; sk: string }[][] = [];
    for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
    const pages = await Promise.all(
      chunks.map((Keys) => client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys } } }))),
    );
    return pages.flatMap((page) => page.Responses?.[table] ?? []);
  };
  // The articles listing is spread over a few shards: read them all at once and merge.
  const shards = await Promise.all(
    patterns.articlesByDate.queries().map(({ partition }) =>
      query({
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: 20,
      }),
    ),
  );
  const articles = shards
    .flat()
    .sort((a, b) => String(b.gsi3sk).localeCompare(String(a.gsi3sk)))
    .slice(0, 20);
  const claimIds = articles.flatMap((article) => (article.claimIds as string[]).slice(0, 10));
  const claims = await batchGet(claimIds.map((id) => ({ pk: `CLAIM#${id}`, sk: 'CLAIM' })));
  const partyIds = new Set(claims.map((claim) => claim.claimantId as string).filter(Boolean));
  const locationIds = new Set(claims.flatMap((claim) => claim.locationIds as string[]));
  const named = await batchGet([
    ...[...partyIds].map((id) => ({ pk: `PARTY#${id}`, sk: 'PARTY' })),
    ...[...locationIds].map((id) => ({ pk: `LOCATION#${id}`, sk: 'LOCATION' })),
  ]);
  return claims.length + named.length;
}

const COUNTS_QUERY = `{ claimCounts(by: DAY, filter: { since: "2024-06-20", until: "2024-07-19" }) { total buckets { key count killed wounded } } }`;

export async function benchGraphql(endpoint: string, rounds = 60) {
  const db = new Db({ tableName: `bench-${Date.now()}`, region: 'us-east-1', endpoint });
  await ensureTable(db);
  await seedReferenceData(graphqlCaller(db));

  const server = createHttpServer(createServer({ db, production: true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const viaGraphql = async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: REFERENCE_QUERY }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  db.counter.reset();
  await viaGraphql();
  const referenceQueryDynamoCalls = db.counter.total;
  const referenceQueryRoundTrips = db.counter.roundTrips;

  // A 30-day DAY histogram over the seeded July 2024 (it spans two months: two counter items).
  db.counter.reset();
  const histogram = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: COUNTS_QUERY }),
  });
  const counted = (await histogram.json()) as { errors?: unknown; data?: { claimCounts: { total: number } } };
  if (counted.errors || !counted.data?.claimCounts.total) throw new Error(`claimCounts: ${JSON.stringify(counted)}`);
  const countsRequests = db.counter.total;
  const countsClaims = counted.data.claimCounts.total;

  // Both warm first (a server's first requests run its code cold), then interleaved in short
  // blocks so that drift in the machine's load falls on both alike.
  const viaSdk = () => rawReferenceQuery(db.documents, db.tableName);
  for (let i = 0; i < 20; i++) {
    await viaGraphql();
    await viaSdk();
  }
  const graphqlMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < 6; i++) {
    graphqlMs.push(...(await time(viaGraphql, rounds / 6)));
    rawMs.push(...(await time(viaSdk, rounds / 6)));
  }
  server.close();
  return {
    countsRequests,
    countsClaims,
    referenceQueryDynamoCalls,
    referenceQueryRoundTrips,
    graphqlMedianMs: median(graphqlMs),
    rawSdkMedianMs: median(rawMs),
    graphqlOverRawRatio: median(graphqlMs) / median(rawMs),
  };
}
