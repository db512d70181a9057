/**
 * The Lambda bundle: its size, and its cold start against a minimal peer doing the same job.
 *
 * The peer is a yoga + Pothos handler with the AWS SDK's DynamoDB client that answers one
 * query with one GetItem; the handler answers the same kind of query (`node(id:)` of the
 * sample article: one GetItem). Both are built with the stack's esbuild settings
 * (infra/bundling.ts). A cold start is measured in a fresh Node process with the Lambda's
 * NODE_OPTIONS: the time from before `import()` of the bundle to the handler's answer to one
 * GraphQL request (an API Gateway 2.0 event), so Node's own boot, equal for both, is left
 * out. coldStartRatio is the median of the handler's runs over the median of the peer's, in
 * the same run, from pairs of fresh processes run back to back in turns of which goes first
 * (a machine whose load drifts during the run weighs on both alike).
 *
 *   npx tsx bench/bundle.ts [--runs 15]   starts DynamoDB Local, loads the sample, prints JSON
 *   npm run bench                        calls benchBundle(endpoint) among the other benchmarks
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { build, type Metafile } from 'esbuild';
import {
  BUNDLE_FILE,
  HANDLER_EXPORT,
  NODE_OPTIONS,
  PROJECT_ROOT,
  copyBundleAssets,
  esbuildOptions,
} from '../infra/bundling.js';
import { ensureTable, loadSamples } from '../lib/bootstrap.js';
import { Db } from '../lib/store/client.js';
import { startLocalDynamo } from '../lib/local-dynamo.js';
import { TABLE } from '../lib/store/table.js';
import { median } from './stats.js';

export interface BuiltBundle {
  outdir: string;
  /** The bundled handler (`index.mjs`). */
  outfile: string;
  /** Size of `index.mjs` and the chunks it imports statically, in bytes (what Node parses at init). */
  bytes: number;
  /** Size of the chunks loaded only on demand (extraction), in bytes. */
  lazyBytes: number;
  /** Size of the source map next to it. */
  mapBytes: number;
  /** Sizes of the run-time files shipped next to it (the gazetteer), by name. */
  assetBytes: Record<string, number>;
  metafile: Metafile;
}

const fileSize = (path: string): number => statSync(path).size;

/**
 * The output files a cold start loads: `entry` and every file it imports statically,
 * transitively (dynamic `import()`s are left out: they load on first use). Paths as in the
 * metafile (relative to the project root).
 */
export function loadedAtInit(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entry);
  return [...seen];
}

/** The source files bundled into `outputs`. */
export const inputsOf = (metafile: Metafile, outputs: string[]): string[] =>
  outputs.flatMap((output) => Object.keys(metafile.outputs[output]?.inputs ?? {}));

/** Builds the Lambda handler exactly as the stack does, into `outdir` (a new temp dir by default). */
export async function buildHandlerBundle(
  outdir: string = mkdtempSync(join(tmpdir(), 'claimgraph-bundle-')),
): Promise<BuiltBundle> {
  const result = await build(esbuildOptions(outdir));
  copyBundleAssets(outdir);
  return {
    ...describeBundle(outdir, result.metafile!, outdir),
    assetBytes: { 'gazetteer.tsv.gz': fileSize(join(outdir, 'gazetteer.tsv.gz')) },
  };
}

/** Sizes of a split bundle in `bundleDir`: what loads at init, what loads on demand. `outdir` is what to remove afterwards. */
function describeBundle(bundleDir: string, metafile: Metafile, outdir: string): BuiltBundle {
  const outfile = join(bundleDir, BUNDLE_FILE);
  const code = Object.keys(metafile.outputs).filter((output) => output.endsWith('.mjs'));
  // Chunks loaded by `import()` are entry points too: the handler's is the one at `outfile`.
  const entry = code.find((output) => resolve(PROJECT_ROOT, output) === outfile)!;
  const atInit = new Set(loadedAtInit(metafile, entry));
  const sizeOf = (outputs: string[]) => outputs.reduce((sum, output) => sum + metafile.outputs[output]!.bytes, 0);
  return {
    outdir,
    outfile,
    bytes: sizeOf([...atInit]),
    lazyBytes: sizeOf(code.filter((output) => !atInit.has(output))),
    mapBytes: fileSize(`${outfile}.map`),
    assetBytes: {},
    metafile,
  };
}

/** Builds the handler bundle (in a temp dir, removed afterwards) and returns its size in bytes. */
export async function buildBundle(): Promise<number> {
  const bundle = await buildHandlerBundle();
  try {
    return bundle.bytes;
  } finally {
    rmSync(bundle.outdir, { recursive: true, force: true });
  }
}

/** The item the peer reads: its own key, so the peer does not depend on the data layer's layout. */
export const PEER_ITEM_KEY = { [TABLE.partitionKey]: 'BENCH#peer', [TABLE.sortKey]: 'BENCH#peer' };

/**
 * The peer: yoga + Pothos with the AWS SDK's DynamoDB client, answering `{ article(id) {
 * title } }` with one GetItem, behind the same API Gateway 2.0 adapter as the real handler.
 */
const PEER_SOURCE = `
import SchemaBuilder from '@pothos/core';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createYoga } from 'graphql-yoga';

const endpoint = process.env.DYNAMODB_ENDPOINT;
const client = new DynamoDBClient({
  region: process.env.AWS_REGION,
  ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});
const builder = new SchemaBuilder({});
builder.queryType({
  fields: (t) => ({
    article: t.string({
      nullable: true,
      args: { id: t.arg.string({ required: true }) },
      resolve: async (_root, { id }) => {
        const { Item } = await client.send(new GetItemCommand({
          TableName: process.env.TABLE_NAME,
          Key: { ${JSON.stringify(TABLE.partitionKey)}: { S: id }, ${JSON.stringify(TABLE.sortKey)}: { S: id } },
        }));
        return Item?.title?.S ?? null;
      },
    }),
  }),
});
const yoga = createYoga({ schema: builder.toSchema(), graphqlEndpoint: '/graphql', graphiql: false, landingPage: false });

export async function handler(event, context) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers.set(name, value);
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const host = headers.get('host') ?? event.requestContext?.domainName ?? 'localhost';
  const url = (headers.get('x-forwarded-proto') ?? 'https') + '://' + host + (event.rawPath || '/') + (event.rawQueryString ? '?' + event.rawQueryString : '');
  const method = event.requestContext?.http?.method ?? 'GET';
  const body = event.body == null || method === 'GET' || method === 'HEAD' ? undefined
    : event.isBase64Encoded ? Uint8Array.from(Buffer.from(event.body, 'base64')) : event.body;
  const response = await yoga.fetch(url, { method, headers, body }, { event, lambdaContext: context });
  const out = {};
  response.headers.forEach((value, name) => { if (name !== 'set-cookie') out[name] = value; });
  return { statusCode: response.status, headers: out, body: await response.text(), isBase64Encoded: false };
}
`;

/** The peer's query, answered with one GetItem. */
export const PEER_QUERY = `{ article(id: ${JSON.stringify(PEER_ITEM_KEY[TABLE.partitionKey])}) }`;

/** Builds the peer with exactly the handler's settings (code splitting included). */
export async function buildPeerBundle(
  outdir: string = mkdtempSync(join(tmpdir(), 'claimgraph-peer-')),
): Promise<BuiltBundle> {
  const source = join(outdir, 'peer-src', 'peer-handler.ts');
  mkdirSync(dirname(source), { recursive: true });
  writeFileSync(source, PEER_SOURCE);
  // The source sits outside the project: its imports resolve from the project's node_modules.
  const result = await build({
    ...esbuildOptions(join(outdir, 'out'), source),
    nodePaths: [join(PROJECT_ROOT, 'node_modules')],
  });
  return describeBundle(join(outdir, 'out'), result.metafile!, outdir);
}

/** An API Gateway HTTP API (payload format 2.0) event, as API Gateway sends it. */
export function httpApiEvent(options: {
  method?: string;
  path?: string;
  rawQueryString?: string;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}): APIGatewayProxyEventV2 {
  const method = options.method ?? 'POST';
  const path = options.path ?? '/graphql';
  const rawQueryString = options.rawQueryString ?? '';
  const domainName = 'abc123defg.execute-api.us-east-1.amazonaws.com';
  const queryStringParameters = rawQueryString
    ? Object.fromEntries([...new URLSearchParams(rawQueryString)].map(([key, value]) => [key, value]))
    : undefined;
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString,
    ...(options.cookies ? { cookies: options.cookies } : {}),
    headers: {
      'content-length': String(options.body ? Buffer.byteLength(options.body) : 0),
      host: domainName,
      'user-agent': 'claimgraph-test',
      'x-amzn-trace-id': 'Root=1-67891233-abcdef012345678912345678',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...options.headers,
    },
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123defg',
      domainName,
      domainPrefix: 'abc123defg',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'claimgraph-test' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '09/Nov/2020:12:00:00 +0000',
      timeEpoch: 1604923200000,
    },
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}

/** A POST /graphql event with a JSON body. */
export function graphqlEvent(
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): APIGatewayProxyEventV2 {
  return httpApiEvent({
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
}

export interface ColdStart {
  /** From before `import()` to the handler's result, in ms. */
  ms: number;
  /** Of which `import()` of the bundle. */
  importMs: number;
  /** CPU time of the process over the same span (all its threads), in ms: the work, whatever else the machine runs. */
  cpuMs: number;
  statusCode: number;
  body: string;
  /** Whether Node's own fetch implementation (undici) was loaded: yoga never needs it (server/server.ts). */
  loadedNodeFetch: boolean;
  /** The end (up to 8,000 characters) of what the process wrote to stderr. */
  stderr: string;
}

const MARK = 'CLAIMGRAPH_COLD_START ';

/** Runs in the fresh process: import the bundle, answer one event, report the times. */
const RUNNER = `
const [bundle] = process.argv.slice(2);
const event = JSON.parse(process.env.CLAIMGRAPH_BENCH_EVENT);
const context = { functionName: 'claimgraph-bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10000 };
const cpu = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
const start = performance.now();
const cpuStart = cpu();
const mod = await import(bundle);
const imported = performance.now();
const result = await mod[${JSON.stringify(HANDLER_EXPORT)}](event, context);
const end = performance.now();
const cpuMs = cpu() - cpuStart;
const loadedNodeFetch = process.moduleLoadList.some((name) => name.includes('undici'));
process.stdout.write('\\n${MARK}' + JSON.stringify({ ms: end - start, importMs: imported - start, cpuMs, statusCode: result.statusCode, body: result.body, loadedNodeFetch }) + '\\n');
process.exit(0);
`;

/**
 * Imports `bundleFile` in a fresh Node process (with the query function's NODE_OPTIONS) and
 * hands `event` to its handler once. `env` adds to a clean environment (TABLE_NAME, ...).
 * `stderr` is the end of what the process wrote there (the handler's logs).
 */
export function runColdStart(
  bundleFile: string,
  event: APIGatewayProxyEventV2,
  env: Record<string, string> = {},
): Promise<ColdStart> {
  const runner = join(dirname(bundleFile), 'cold-start-runner.mjs');
  writeFileSync(runner, RUNNER);
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    AWS_REGION: 'us-east-1',
    NODE_ENV: 'production',
    ...(NODE_OPTIONS.graphql ? { NODE_OPTIONS: NODE_OPTIONS.graphql } : {}),
    CLAIMGRAPH_BENCH_EVENT: JSON.stringify(event),
    ...env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, pathToFileURL(bundleFile).href], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
    child.once('error', reject);
    child.once('close', (code) => {
      const line = stdout
        .split('\n')
        .reverse()
        .find((candidate) => candidate.startsWith(MARK));
      if (code !== 0 || !line) {
        reject(new Error(`cold start of ${bundleFile} failed (exit ${code}):\n${stderr}${stdout.slice(-2000)}`));
        return;
      }
      resolve({ ...(JSON.parse(line.slice(MARK.length)) as Omit<ColdStart, 'stderr'>), stderr });
    });
  });
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

export interface ColdStartResult {
  /** Size of what the handler loads at init (index.mjs and its static chunks) in bytes. */
  bundleBytes: number;
  /** Size of the chunks loaded on demand only (extraction), in bytes. */
  lazyBytes: number;
  /** Size of the peer's bundle in bytes. */
  peerBytes: number;
  /** Median over fresh processes: import the handler bundle + answer `node(id:)` of an article, ms. */
  handlerColdMs: number;
  /** The same for the peer (import + one query answered with one GetItem), ms. */
  peerColdMs: number;
  /** Medians of `import()` alone, ms. */
  handlerImportMs: number;
  peerImportMs: number;
  /** handlerColdMs / peerColdMs: the ratio of the medians. */
  coldStartRatio: number;
  /** The median, over pairs of runs back to back, of handler time / peer time (a cross-check). */
  pairedRatio: number;
  /** The same medians' ratio in CPU time (a cross-check that a busy machine barely moves). */
  cpuRatio: number;
  runs: number;
}

/**
 * Builds both bundles and times `runs` fresh processes of each (alternating, after one
 * discarded warm-up each) against the DynamoDB at `endpoint`. The table is created if it
 * is missing; it must hold at least one article (the caller's); the peer's item is added.
 */
export async function benchColdStart(options: {
  endpoint: string;
  tableName: string;
  runs?: number;
}): Promise<ColdStartResult> {
  const runs = options.runs ?? 15;
  const db = new Db({ tableName: options.tableName, region: 'us-east-1', endpoint: options.endpoint });
  await ensureTable(db);
  await db.client.send(
    new PutItemCommand({
      TableName: options.tableName,
      Item: {
        [TABLE.partitionKey]: { S: PEER_ITEM_KEY[TABLE.partitionKey]! },
        [TABLE.sortKey]: { S: PEER_ITEM_KEY[TABLE.sortKey]! },
        title: { S: 'peer' },
      },
    }),
  );
  const handlerBundle = await buildHandlerBundle();
  const peerBundle = await buildPeerBundle();
  try {
    const env = { TABLE_NAME: options.tableName, DYNAMODB_ENDPOINT: options.endpoint };
    const answer = async (bundle: BuiltBundle, event: APIGatewayProxyEventV2) => {
      const run = await runColdStart(bundle.outfile, event, env);
      const body = JSON.parse(run.body) as { data?: any; errors?: unknown };
      if (run.statusCode !== 200 || body.errors || !body.data) {
        throw new Error(`cold start answered ${run.statusCode}: ${run.body.slice(0, 500)}`);
      }
      return { ...run, data: body.data };
    };
    // The warm-up runs (discarded) also find the article the timed runs read by ID.
    const listed = await answer(handlerBundle, graphqlEvent('{ articles(first: 1) { edges { node { id } } } }'));
    const articleId = listed.data.articles.edges[0]?.node.id as string | undefined;
    if (!articleId) throw new Error(`table ${options.tableName} has no article to read`);
    const handlerEvent = graphqlEvent(`{ node(id: ${JSON.stringify(articleId)}) { ... on Article { title } } }`);
    const peerEvent = graphqlEvent(PEER_QUERY);
    if ((await answer(peerBundle, peerEvent)).data.article !== 'peer')
      throw new Error('the peer did not read its item');
    const peer: ColdStart[] = [];
    const handler: ColdStart[] = [];
    for (let i = 0; i < runs; i++) {
      // Pairs run back to back, in turns of who goes first: a machine that gets busier or
      // quieter during the run weighs on both sides of every pair alike.
      const runPeer = async () => peer.push(await answer(peerBundle, peerEvent));
      const runHandler = async () => handler.push(await answer(handlerBundle, handlerEvent));
      if (i % 2 === 0) {
        await runPeer();
        await runHandler();
      } else {
        await runHandler();
        await runPeer();
      }
    }
    const handlerColdMs = median(handler.map((run) => run.ms));
    const peerColdMs = median(peer.map((run) => run.ms));
    return {
      bundleBytes: handlerBundle.bytes,
      lazyBytes: handlerBundle.lazyBytes,
      peerBytes: peerBundle.bytes,
      handlerColdMs: round(handlerColdMs),
      peerColdMs: round(peerColdMs),
      handlerImportMs: round(median(handler.map((run) => run.importMs))),
      peerImportMs: round(median(peer.map((run) => run.importMs))),
      coldStartRatio: round(handlerColdMs / peerColdMs, 2),
      pairedRatio: round(median(handler.map((run, i) => run.ms / peer[i]!.ms)), 2),
      cpuRatio: round(median(handler.map((run) => run.cpuMs)) / median(peer.map((run) => run.cpuMs)), 2),
      runs,
    };
  } finally {
    rmSync(handlerBundle.outdir, { recursive: true, force: true });
    rmSync(peerBundle.outdir, { recursive: true, force: true });
  }
}

/**
 * What `npm run bench` (bench/index.ts) calls with its DynamoDB Local endpoint: a fresh
 * table with the sample article (so the query reads real data), then `benchColdStart`.
 * With `{ endpoint, tableName }` the given table is used as it is.
 */
export async function benchBundle(
  target: string | { endpoint: string; tableName?: string; runs?: number },
): Promise<ColdStartResult> {
  const { endpoint, tableName, runs } =
    typeof target === 'string' ? { endpoint: target, tableName: undefined, runs: undefined } : target;
  if (tableName) return benchColdStart({ endpoint, tableName, runs });
  const fresh = `bench-bundle-${randomBytes(4).toString('hex')}`;
  const db = new Db({ tableName: fresh, region: 'us-east-1', endpoint });
  await ensureTable(db);
  await loadSamples(db);
  return benchColdStart({ endpoint, tableName: fresh, runs });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
  const local = await startLocalDynamo();
  try {
    const bundle = await buildHandlerBundle();
    const sizes = { mapBytes: bundle.mapBytes, ...bundle.assetBytes };
    rmSync(bundle.outdir, { recursive: true, force: true });
    const result = await benchBundle({ endpoint: local.endpoint, runs: Number(values.runs) });
    console.log(JSON.stringify({ ...sizes, ...result }, null, 2));
  } finally {
    await local.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
