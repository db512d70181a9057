/**
 * Load test: N concurrent clients against the real server (node:http on loopback, over
 * DynamoDB at `endpoint`) for a bounded time, with a mix of reads and writes. Every
 * acknowledged write is read back afterwards: `lostWrites` (acknowledged but not stored)
 * must be 0. `loadErrors` counts non-200 responses, GraphQL errors and unexpected
 * userErrors; a CONFLICT on a racing updateClaim is expected and retried, not an error.
 *
 *   npx tsx bench/load.ts [seconds] [clients]     (starts its own DynamoDB Local)
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { ensureTable } from '../lib/bootstrap.js';
import { Db, keyString } from '../lib/store/client.js';
import { articleKey, claimKey } from '../lib/store/patterns.js';
import { createServer, type ServerOptions } from '../server/server.js';
import { seededRandom } from '../test/fault-injection.js';
import { percentile } from './stats.js';

export interface LoadOptions {
  /** How long the clients run (default 10 s); in-flight requests get 5 s more, then are aborted. */
  seconds?: number;
  /** Concurrent clients (default 16). */
  clients?: number;
}

export interface LoadResult {
  requests: number;
  throughputPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  loadErrors: number;
  lostWrites: number;
  reads: number;
  writes: number;
  /** updateClaim attempts refused with CONFLICT (expected under races; retried). */
  conflicts: number;
  /** A few of the load errors, to say what went wrong. */
  errorSamples: string[];
}

const SAMPLE_TEXT = readFileSync(new URL('../data/samples/karabakh-shushi.txt', import.meta.url), 'utf8');
const PLACES = [
  'Stepanakert',
  'Shushi',
  'Agdam',
  'Fuzuli',
  'Jabrayil',
  'Hadrut',
  'Martuni',
  'Ganja',
  'Barda',
  'Tartar',
  'Lachin',
  'Kalbajar',
  'Goris',
  'Kapan',
  'Kharkiv',
  'Kherson',
  'Bakhmut',
  'Avdiivka',
  'Mariupol',
  'Odesa',
];
const SPEAKERS = [
  'The Armenian Defense Ministry',
  'The Azerbaijani Defense Ministry',
  'President Ilham Aliyev',
  'The Ukrainian General Staff',
  'The Russian Defence Ministry',
];
const NAMES = [
  'Shusha',
  'shushi',
  'Stepanakert',
  'Khankendi',
  'Azeri',
  'Azerbaijan',
  'Armenia',
  'Agdam',
  'Ağdam',
  'Nagorno Karabakh',
  'Kyiv',
  'nowhere at all',
];
const KINDS = ['ATTACK', 'CASUALTIES', 'TERRITORIAL_CONTROL', 'STATEMENT', 'MOVEMENT', 'DENIAL', 'OTHER'];
const STATUSES = ['VERIFIED', 'DISPUTED', 'REJECTED', 'UNREVIEWED'];

const Q = {
  ingest: `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) {
    article { id text claims(first: 100) { edges { node { id version } } } locations(first: 20) { edges { node { id } } } parties(first: 20) { edges { node { id } } } }
    created userErrors { code message } } }`,
  createClaim: `mutation($input: CreateClaimInput!) { createClaim(input: $input) { claim { id version article { id } } userErrors { code message } } }`,
  updateClaim: `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { id version status } userErrors { code message } } }`,
  claimVersion: `query($id: ID!) { node(id: $id) { ... on Claim { version } } }`,
  articles: `{ articles(first: 5) { edges { node { id title claims(first: 10) { edges { node { id kind text claimant { name } locations { name latitude longitude } } } } } } } }`,
  nodes: `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Claim { kind version article { id } } ... on Article { title } ... on Location { name } ... on Party { name } } }`,
  claimsByKind: `query($kind: ClaimKind!) { claims(kind: $kind, first: 20) { edges { node { id day: eventDate claimant { name } } } } }`,
  resolve: `query($name: String!) { resolve(name: $name) { parties { edges { node { id name } } } locations { edges { node { id name latitude longitude } } } } }`,
};

const rawId = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':').slice(1).join(':');

interface Response {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } | null;
}

export async function benchLoad(endpoint: string, options: LoadOptions = {}): Promise<LoadResult> {
  const seconds = options.seconds ?? 10;
  const clients = options.clients ?? 16;
  const db = new Db({
    tableName: `bench-load-${Date.now()}-${randomBytes(3).toString('hex')}`,
    region: 'us-east-1',
    endpoint,
  });
  await ensureTable(db);

  const adminKey = randomBytes(24).toString('base64url');
  const serverErrors: unknown[] = [];
  const yoga = createServer({
    db,
    production: true,
    adminKey,
    logError: (error: unknown) => serverErrors.push(error),
  } as ServerOptions);
  const server = createHttpServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const hardStop = new AbortController();

  const latencies: number[] = [];
  let loadErrors = 0;
  let conflicts = 0;
  let reads = 0;
  let writes = 0;
  const errorSamples: string[] = [];
  const loadError = (what: string) => {
    loadErrors += 1;
    if (errorSamples.length < 5) errorSamples.push(what.slice(0, 300));
  };

  /** One GraphQL request; counts it, times it, and counts non-200s and GraphQL errors. */
  const request = async (
    query: string,
    variables: Record<string, unknown> | undefined,
    measured: boolean,
  ): Promise<Response> => {
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          authorization: `Bearer ${adminKey}`,
        },
        body: JSON.stringify({ query, variables }),
        signal: hardStop.signal,
      });
      const text = await response.text();
      if (measured) latencies.push(performance.now() - started);
      let body: Response['body'] = null;
      try {
        body = JSON.parse(text);
      } catch {
        // counted below
      }
      if (response.status !== 200 || !body) loadError(`HTTP ${response.status}: ${text}`);
      else if (body.errors?.length) loadError(`GraphQL errors: ${JSON.stringify(body.errors)}`);
      return { status: response.status, body };
    } catch (error) {
      if (measured) latencies.push(performance.now() - started);
      loadError(`request failed: ${String(error)}`);
      return { status: 0, body: null };
    }
  };

  // ---- Seed: a few articles, through the API.
  const articles: { id: string; text: string }[] = [];
  const claims: { id: string }[] = [];
  const locations = new Set<string>();
  const parties = new Set<string>();
  const ackedArticles = new Map<string, string[]>(); // article ID → claim IDs it was acknowledged with
  const ackedClaims = new Map<string, string>(); // claim ID → article ID
  const ackedVersions = new Map<string, number>(); // claim ID → highest acknowledged version

  const remember = (article: any) => {
    articles.push({ id: article.id, text: article.text });
    for (const edge of article.claims.edges) {
      claims.push({ id: edge.node.id });
      ackedClaims.set(edge.node.id, article.id);
    }
    ackedArticles.set(
      article.id,
      article.claims.edges.map((edge: any) => edge.node.id),
    );
    for (const edge of article.locations.edges) locations.add(edge.node.id);
    for (const edge of article.parties.edges) parties.add(edge.node.id);
  };
  const seedTexts = [
    {
      text: SAMPLE_TEXT,
      url: 'https://example.org/news/2020/11/09/karabakh-shushi',
      publishedAt: '2020-11-09T12:00:00Z',
      title: 'Azerbaijani forces shell Stepanakert',
    },
    ...[0, 1, 2, 3].map((n) => ({
      text: PLACES.slice(n * 4, n * 4 + 4)
        .map((place, i) => `${SPEAKERS[(n + i) % SPEAKERS.length]} said that forces shelled ${place} on Monday.`)
        .join('\n'),
      url: `https://example.org/news/2020/11/1${n}/front`,
      publishedAt: `2020-11-1${n}T08:00:00Z`,
      title: `Front report ${n}`,
    })),
  ];
  for (const input of seedTexts) {
    const { body } = await request(Q.ingest, { input }, false);
    const payload = body?.data?.ingestArticle;
    if (!payload?.article || payload.userErrors.length) throw new Error(`seeding failed: ${JSON.stringify(body)}`);
    remember(payload.article);
  }
  if (loadErrors > 0) throw new Error(`seeding failed: ${errorSamples.join('; ')}`);

  // ---- Load.
  const startedAt = performance.now();
  const deadline = startedAt + seconds * 1000;
  const stopTimer = setTimeout(() => hardStop.abort(), seconds * 1000 + 5000);
  let uniqueTexts = 0;

  const client = async (n: number) => {
    const random = seededRandom(1000 + n);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    while (performance.now() < deadline && !hardStop.signal.aborted) {
      const roll = random();
      if (roll < 0.2) {
        reads += 1;
        await request(Q.articles, undefined, true);
      } else if (roll < 0.4) {
        reads += 1;
        const ids = Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
          pick([...claims.map((c) => c.id), ...articles.map((a) => a.id), ...locations, ...parties]),
        );
        await request(Q.nodes, { ids }, true);
      } else if (roll < 0.55) {
        reads += 1;
        await request(Q.claimsByKind, { kind: pick(KINDS) }, true);
      } else if (roll < 0.7) {
        reads += 1;
        await request(Q.resolve, { name: pick(NAMES) }, true);
      } else if (roll < 0.82) {
        writes += 1;
        const article = pick(articles);
        const start = Math.floor(random() * Math.max(1, article.text.length - 40));
        const { body } = await request(
          Q.createClaim,
          {
            input: {
              articleId: article.id,
              content: { start, end: start + 1 + Math.floor(random() * 39) },
              kind: pick(KINDS),
              locationIds: random() < 0.7 ? [pick([...locations])] : [],
              claimantId: random() < 0.5 ? pick([...parties]) : null,
              eventDate: random() < 0.5 ? `2020-11-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}` : null,
            },
          },
          true,
        );
        const payload = body?.data?.createClaim;
        if (payload?.userErrors?.length) loadError(`createClaim userErrors: ${JSON.stringify(payload.userErrors)}`);
        else if (payload?.claim) {
          claims.push({ id: payload.claim.id });
          ackedClaims.set(payload.claim.id, article.id);
        }
      } else if (roll < 0.94) {
        // updateClaim with optimistic locking: read the version, write, re-read on CONFLICT.
        writes += 1;
        const { id } = pick(claims);
        for (let attempt = 0; attempt < 10 && !hardStop.signal.aborted; attempt++) {
          const read = await request(Q.claimVersion, { id }, true);
          const version = read.body?.data?.node?.version;
          if (typeof version !== 'number') break;
          const { body } = await request(
            Q.updateClaim,
            { input: { id, expectedVersion: version, status: pick(STATUSES), kind: pick(KINDS) } },
            true,
          );
          const payload = body?.data?.updateClaim;
          if (payload?.claim) {
            ackedVersions.set(id, Math.max(ackedVersions.get(id) ?? 0, payload.claim.version));
            break;
          }
          if (payload?.userErrors?.[0]?.code === 'CONFLICT') {
            conflicts += 1;
            continue;
          }
          if (payload?.userErrors?.length) loadError(`updateClaim userErrors: ${JSON.stringify(payload.userErrors)}`);
          break;
        }
      } else {
        writes += 1;
        const k = uniqueTexts++;
        const place = pick(PLACES);
        const input = {
          text: `Bulletin ${n}-${k}.\n${pick(SPEAKERS)} said that forces shelled ${place} on Monday.\nThe road to ${pick(PLACES)} was closed, officials said.`,
          publishedAt: '2020-11-16T10:00:00Z',
          title: `Bulletin ${n}-${k}`,
          ...(k % 2 ? { url: `https://example.org/bulletins/${n}/${k}` } : {}),
        };
        const { body } = await request(Q.ingest, { input }, true);
        const payload = body?.data?.ingestArticle;
        if (payload?.userErrors?.length) loadError(`ingestArticle userErrors: ${JSON.stringify(payload.userErrors)}`);
        else if (payload?.article) {
          if (!payload.created)
            loadError(`ingestArticle of a unique text returned created: false (${payload.article.id})`);
          remember(payload.article);
        }
      }
    }
  };

  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  clearTimeout(stopTimer);
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));

  // ---- Read every acknowledged write back, straight from the table.
  const articleIds = [...ackedArticles.keys()].map(rawId);
  const claimIds = [...ackedClaims.keys()].map(rawId);
  const stored = await db.batchGet([...articleIds.map(articleKey), ...claimIds.map(claimKey)]);
  let lostWrites = 0;
  for (const [articleId, claimList] of ackedArticles) {
    const article = stored.get(keyString(articleKey(rawId(articleId))));
    if (!article) lostWrites += 1;
    else if (claimList.some((claimId) => !(article.claimIds as string[]).includes(rawId(claimId)))) lostWrites += 1;
  }
  for (const [claimId, articleId] of ackedClaims) {
    const claim = stored.get(keyString(claimKey(rawId(claimId))));
    const article = stored.get(keyString(articleKey(rawId(articleId))));
    // The claim exists, in its article, and listed by it.
    if (
      !claim ||
      claim.articleId !== rawId(articleId) ||
      !article ||
      !(article.claimIds as string[]).includes(rawId(claimId))
    )
      lostWrites += 1;
  }
  for (const [claimId, version] of ackedVersions) {
    const claim = stored.get(keyString(claimKey(rawId(claimId))));
    if (!claim || Number(claim.version) < version) lostWrites += 1;
  }
  if (serverErrors.length)
    loadError(`server logged ${serverErrors.length} unexpected errors, e.g. ${String(serverErrors[0])}`);

  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    requests: latencies.length,
    throughputPerSecond: round(latencies.length / elapsedSeconds),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    loadErrors,
    lostWrites,
    reads,
    writes,
    conflicts,
    errorSamples,
  };
}

// `npx tsx bench/load.ts [seconds] [clients]`: runs against its own DynamoDB Local.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { startLocalDynamo } = await import('../lib/local-dynamo.js');
  const local = await startLocalDynamo();
  try {
    const [seconds, clients] = process.argv.slice(2).map(Number);
    console.log(
      JSON.stringify(
        await benchLoad(local.endpoint, { seconds: seconds || undefined, clients: clients || undefined }),
        null,
        2,
      ),
    );
  } finally {
    await local.stop();
  }
}
