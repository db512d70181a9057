/**
 * `npm run bench -- corpus`: every real article of ../shared/data ingested in order into
 * one table (PolNeAR's 840 training articles with their metadata, the re3d documents, the
 * LGL and TR-News geoparsing articles), then the whole table read back and checked, and
 * every listing queried. The corpora are not shipped with the project (their publishers'
 * copyright): a missing one is named and skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ensureTable } from '../lib/bootstrap.js';
import { createDataContext } from '../lib/store/loaders.js';
import { Db } from '../lib/store/client.js';
import { ClaimgraphError } from '../lib/errors.js';
import { ingestArticle, type IngestInput } from '../lib/ingest.js';
import { checkInvariants, leftovers, scanTable } from '../lib/store/integrity.js';
import { largestCounterItem } from '../lib/store/counters.js';
import { createServer } from '../server/server.js';

const SHARED = new URL('../../shared/data/', import.meta.url);

export interface CorpusArticle extends IngestInput {
  corpus: string;
  name: string;
}

function polnear(): CorpusArticle[] {
  const dir = new URL('polnear-train/', SHARED);
  const [header, ...rows] = readFileSync(new URL('metadata.tsv', dir), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
  const column = (name: string) => header!.indexOf(name);
  return rows.map((row) => ({
    corpus: 'polnear-train',
    name: row[column('filename')]!,
    text: readFileSync(new URL(`text/${row[column('filename')]}.txt`, dir), 'utf8'),
    publisher: row[column('publisher')],
    publishedAt: `${row[column('publication_date')]}T00:00:00Z`,
    title: row[column('title')],
  }));
}

function re3d(): CorpusArticle[] {
  return ['us-state-department', 'centcom'].flatMap((subset) =>
    readFileSync(new URL(`re3d/${subset}/documents.json`, SHARED), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map(
        (line) =>
          JSON.parse(line) as { _id: string; sourceName?: string; sourceUrl?: string; title?: string; text: string },
      )
      .map((document) => ({
        corpus: `re3d/${subset}`,
        name: document._id,
        text: document.text,
        url: document.sourceUrl,
        title: document.title,
        publisher: document.sourceName,
      })),
  );
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const field = (xml: string, tag: string) => {
  const match = new RegExp(`<${tag}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${tag}>`).exec(xml);
  return match ? unescapeXml(match[1]!.trim()) : undefined;
};

function geoparsing(file: string): CorpusArticle[] {
  const xml = readFileSync(new URL(`geoparsing/${file}`, SHARED), 'utf8');
  return [...xml.matchAll(/<article\b([^>]*)>([\s\S]*?)<\/article>/g)].map(([, attributes, body], i) => {
    const dltime = field(body!, 'dltime');
    const stamp = dltime
      ? new Date(
          dltime
            .replace(' ', 'T')
            .replace(/(\.\d{3})\d*/, '$1')
            .replace(/([+-]\d{2})$/, '$1:00'),
        )
      : undefined;
    return {
      corpus: `geoparsing/${file}`,
      name: /docid="([^"]+)"/.exec(attributes!)?.[1] ?? String(i),
      text: field(body!, 'text') ?? '',
      title: field(body!, 'title'),
      url: field(body!, 'url'),
      publisher: field(body!, 'domain'),
      publishedAt: stamp && !Number.isNaN(stamp.getTime()) ? stamp.toISOString() : undefined,
    };
  });
}

/** Every corpus that is present, in a fixed order; missing ones are reported. */
export function loadCorpora(): { articles: CorpusArticle[]; missing: string[] } {
  const sources: [string, () => CorpusArticle[]][] = [
    ['polnear-train/metadata.tsv', polnear],
    ['re3d/centcom/documents.json', re3d],
    ['geoparsing/lgl.xml', () => geoparsing('lgl.xml')],
    ['geoparsing/tr-news.xml', () => geoparsing('tr-news.xml')],
  ];
  const missing: string[] = [];
  const articles: CorpusArticle[] = [];
  for (const [path, load] of sources) {
    if (existsSync(new URL(path, SHARED))) articles.push(...load());
    else missing.push(path);
  }
  return { articles, missing };
}

/** Pages through every listing of the API once; returns how many responses had errors. */
async function queryEveryListing(db: Db): Promise<{ requests: number; errors: string[] }> {
  const yoga = createServer({ db, logError: () => {} });
  const errors: string[] = [];
  let requests = 0;
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    requests++;
    const response = await yoga.fetch('http://claimgraph.bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
    if (body.errors?.length) errors.push(`${query.slice(0, 60)}…: ${body.errors[0]!.message}`);
    return body.data;
  };
  const everyPage = async (query: string, pick: (data: any) => any, variables: Record<string, unknown> = {}) => {
    const nodes: any[] = [];
    let after: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const connection = pick(await ask(query, { ...variables, after }));
      if (!connection) break;
      nodes.push(...connection.edges.map((edge: any) => edge.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    return nodes;
  };
  const CLAIM =
    'id kind text claimant { id name } locations { id name } article { id title } quantities { kind value }';
  await everyPage(
    `query($after: String) { articles(first: 20, after: $after) { edges { node { id title urls claims(first: 20) { edges { node { ${CLAIM} } } } } } pageInfo { hasNextPage endCursor } } }`,
    (d) => d?.articles,
  );
  for (const kind of [null, 'CASUALTIES', 'ATTACK', 'STATEMENT', 'DENIAL']) {
    await everyPage(
      `query($after: String, $kind: ClaimKind) { claims(first: 100, after: $after, kind: $kind) { edges { node { ${CLAIM} } } pageInfo { hasNextPage endCursor } } }`,
      (d) => d?.claims,
      { kind },
    );
  }
  const parties = await everyPage(
    `query($after: String) { parties(first: 100, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }`,
    (d) => d?.parties,
  );
  const locations = await everyPage(
    `query($after: String) { locations(first: 100, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }`,
    (d) => d?.locations,
  );
  // Each owner's claims and articles, and a resolve of its name: a sample of 200 of each.
  const sample = <T>(values: T[]) => values.filter((_, i) => i % Math.max(1, Math.floor(values.length / 200)) === 0);
  for (const owner of [...sample(parties), ...sample(locations)]) {
    await ask(
      `query($id: ID!, $name: String!) { node(id: $id) { ... on Party { claims(first: 20) { edges { node { ${CLAIM} } } } articles(first: 20) { edges { node { id } } } } ... on Location { claims(first: 20) { edges { node { ${CLAIM} } } } articles(first: 20) { edges { node { id } } } } } resolve(name: $name) { parties(first: 5) { edges { node { id } } } locations(first: 5) { edges { node { id } } } } }`,
      { id: owner.id, name: owner.name },
    );
  }
  return { requests, errors };
}

export interface CorpusResult {
  corpusArticles: number;
  corpusFailures: number;
  corpusArticlesPerSecond: number;
  integrityProblems: number;
  leftoverItems: number;
  listingRequests: number;
  listingErrors: number;
  items: number;
  /** The largest counter item (bytes), with how many counter items there are. */
  largestCounter: { key: string; bytes: number; count: number };
  missing: string[];
  failures: string[];
}

export async function benchCorpus(endpoint: string): Promise<CorpusResult> {
  const { articles, missing } = loadCorpora();
  const db = new Db({ tableName: `bench-corpus-${Date.now()}`, region: 'us-east-1', endpoint });
  await ensureTable(db);
  const failures: string[] = [];
  const started = performance.now();
  for (const [i, article] of articles.entries()) {
    try {
      await ingestArticle(createDataContext(db), article);
    } catch (error) {
      const reason =
        error instanceof ClaimgraphError
          ? `${error.code}: ${error.message}`
          : error instanceof Error
            ? `${error.name}: ${error.message}`
            : String(error);
      failures.push(`${article.corpus} ${article.name}: ${reason}`);
    }
    if ((i + 1) % 100 === 0) console.error(`corpus: ${i + 1}/${articles.length} ingested, ${failures.length} failed`);
  }
  const seconds = (performance.now() - started) / 1000;
  const items = await scanTable(db);
  const problems = checkInvariants(items);
  const left = leftovers(items);
  for (const problem of [...problems, ...left].slice(0, 10)) console.error(`corpus: ${problem}`);
  const listing = await queryEveryListing(db);
  for (const error of listing.errors.slice(0, 10)) console.error(`corpus listing: ${error}`);
  for (const failure of failures.slice(0, 20)) console.error(`corpus failure: ${failure}`);
  return {
    corpusArticles: articles.length,
    corpusFailures: failures.length,
    corpusArticlesPerSecond: articles.length / seconds,
    integrityProblems: problems.length,
    leftoverItems: left.length,
    listingRequests: listing.requests,
    listingErrors: listing.errors.length,
    items: items.length,
    largestCounter: largestCounterItem(items),
    missing,
    failures,
  };
}
