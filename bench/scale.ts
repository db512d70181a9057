/**
 * `npm run bench -- scale`: reads on a corpus spread over six years, at 100 and at 1,000
 * articles. The articles are generated deterministically (varied dates, speakers, places and
 * figures, from the sample article's world); each query of the reads issue is run on both,
 * with its DynamoDB requests, sequential round trips, and p50/p95 latency as a ratio to one
 * GetItem measured in the same run. The ratios should not grow with the corpus.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../lib/bootstrap.js';
import { Db } from '../lib/store/client.js';
import { createDataContext } from '../lib/store/loaders.js';
import { ingestArticle } from '../lib/ingest.js';
import { createServer } from '../server/server.js';
import { median, percentile } from './stats.js';

const SPEAKERS = [
  'The Armenian Defense Ministry',
  'The Azerbaijani Defense Ministry',
  'The Ukrainian General Staff',
  'The Russian Defence Ministry',
  'The Syrian Observatory for Human Rights',
  'The Iraqi Joint Operations Command',
];
const PLACES = [
  'Stepanakert',
  'Shusha',
  'Martuni',
  'Hadrut',
  'Ganja',
  'Kharkiv',
  'Bakhmut',
  'Kherson',
  'Aleppo',
  'Idlib',
  'Raqqa',
  'Mosul',
  'Kirkuk',
  'Fallujah',
];
const VERBS = ['shelled', 'struck', 'attacked', 'bombarded'];

/** The n-th generated article: a date in 2015–2020, two or three attributed sentences. */
export function article(n: number) {
  const day = new Date(Date.UTC(2015, 0, 1) + ((n * 7919) % (6 * 365)) * 86_400_000).toISOString().slice(0, 10);
  const pick = <T>(list: T[], salt: number) => list[(n * 31 + salt * 17) % list.length]!;
  const lines = [
    `${pick(SPEAKERS, 1)} said on Monday that enemy forces ${pick(VERBS, 2)} ${pick(PLACES, 3)} overnight.`,
    n % 5 === 0
      ? `${pick(SPEAKERS, 4)} said ${2 + (n % 40)} soldiers were killed near ${pick(PLACES, 5)}.`
      : `${pick(SPEAKERS, 4)} said the situation near ${pick(PLACES, 5)} was calm.`,
    `Report ${n}: residents described the night in their own words.`,
  ];
  return {
    text: lines.join('\n'),
    url: `https://scale.example/${day}/${n}`,
    publishedAt: `${day}T08:00:00Z`,
    title: `Report ${n}`,
  };
}

const QUERIES: Record<string, string> = {
  reference: `{ articles(first: 20) { edges { node { title claims(first: 10) { edges { node { text claimant { name } locations { name } } } } } } } }`,
  casualties: `{ claims(kind: CASUALTIES, first: 50) { edges { node { id text } } } }`,
  statementsUntil2018: `{ claims(kind: STATEMENT, until: "2018-12-31", first: 50) { edges { node { id text } } } }`,
  partiesWithClaims: `{ parties(first: 100) { edges { node { name claims(first: 5) { edges { node { id } } } } } } }`,
  // The same with the claims' fields: the claims are read too, in batches of 100.
  partiesWithClaimTexts: `{ parties(first: 100) { edges { node { name claims(first: 5) { edges { node { id text } } } } } } }`,
  // A date range sends each party's claims to the Query: one request per party, as before
  // the lists of newest claims (what they save).
  partiesWithClaimsByQuery: `{ parties(first: 100) { edges { node { name claims(first: 5, since: "1900-01-01") { edges { node { id } } } } } } }`,
  articlesByDate: `{ articles(publishedAfter: "2017-01-01T00:00:00Z", publishedBefore: "2017-12-31T00:00:00Z", first: 20) { edges { node { id title } } } }`,
};

export interface ScaleRow {
  query: string;
  articles: number;
  requests: number;
  roundTrips: number;
  p50Ratio: number;
  p95Ratio: number;
}

async function measure(db: Db, articles: number, rounds: number): Promise<ScaleRow[]> {
  const yoga = createServer({ db, logError: () => {} });
  const ask = async (query: string) => {
    const response = await yoga.fetch('http://claimgraph.bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  const getItem = () =>
    db.client.send(
      new GetItemCommand({ TableName: db.tableName, Key: { pk: { S: 'BENCH#none' }, sk: { S: 'BENCH' } } }),
    );
  const rows: ScaleRow[] = [];
  for (const [name, query] of Object.entries(QUERIES)) {
    db.counter.reset();
    await ask(query);
    const { total: requests, roundTrips } = db.counter;
    const times: number[] = [];
    const references: number[] = [];
    for (let i = 0; i < rounds; i++) {
      let started = performance.now();
      await getItem();
      references.push(performance.now() - started);
      started = performance.now();
      await ask(query);
      times.push(performance.now() - started);
    }
    const reference = median(references);
    rows.push({
      query: name,
      articles,
      requests,
      roundTrips,
      p50Ratio: median(times) / reference,
      p95Ratio:
        percentile(
          [...times].sort((a, b) => a - b),
          95,
        ) / reference,
    });
  }
  return rows;
}

export async function benchScale(endpoint: string, sizes = [100, 1000], rounds = 20): Promise<ScaleRow[]> {
  const db = new Db({ tableName: `bench-scale-${Date.now()}`, region: 'us-east-1', endpoint });
  await ensureTable(db);
  const rows: ScaleRow[] = [];
  let stored = 0;
  for (const size of sizes) {
    // Four writers at a time, as a scraper's bursts would come.
    for (let next = stored; next < size; next += 4) {
      await Promise.all(
        Array.from({ length: Math.min(4, size - next) }, (_, i) =>
          ingestArticle(createDataContext(db), article(next + i)),
        ),
      );
    }
    stored = size;
    console.error(`scale: ${size} articles stored`);
    rows.push(...(await measure(db, size, rounds)));
  }
  return rows;
}
