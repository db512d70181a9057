/**
 * The Lambda bundle: its size, and its cold start against a minimal yoga "hello" bundle.
 *
 * Both bundles are built with the stack's esbuild settings (infra/bundling.ts). A cold start
 * is measured in a fresh Node process with the Lambda's NODE_OPTIONS: the time from before
 * `import()` of the bundle to the handler's answer to one GraphQL request (an API Gateway
 * 2.0 event), so Node's own boot, equal for both, is left out. coldStartRatio is the median
 * of the handler's runs over the median of hello's.
 *
 *   npx tsx bench/bundle.ts [--runs 7]   starts DynamoDB Local, loads the sample, prints JSON
 *   npm run bench                        calls benchBundle(endpoint) among the other benchmarks
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_FILE, HANDLER_EXPORT, PROJECT_ROOT, copyBundleAssets, esbuildOptions } from '../infra/bundling.js';
import { ensureTable, loadSamples } from '../lib/bootstrap.js';
import { Db } from '../lib/store/client.js';
import { startLocalDynamo } from '../lib/local-dynamo.js';
import { EXAMPLE_OPERATION } from '../server/server.js';
import { median } from './stats.js';

export interface BuiltBundle {
  outdir: string;
  /** The bundled handler (`index.mjs`). */
  outfile: string;
  /** Size of `index.mjs` in bytes (what Node parses at init). */
  bytes: number;
  /** Size of the source map next to it. */
  mapBytes: number;
  /** Sizes of the run-time files shipped next to it (the gazetteer), by name. */
  assetBytes: Record<string, number>;
  metafile: Metafile;
}

const fileSize = (path: string): number => statSync(path).size;

/** Builds the Lambda handler exactly as the stack does, into `outdir` (a new temp dir by default). */
export async function buildHandlerBundle(outdir: string = mkdtempSync(join(tmpdir(), 'claimgraph-bundle-'))): Promise<BuiltBundle> {
  const result = await build(esbuildOptions(outdir));
  copyBundleAssets(outdir);
  const outfile = join(outdir, BUNDLE_FILE);
  return {
    outdir,
    outfile,
    bytes: fileSize(outfile),
    mapBytes: fileSize(`${outfile}.map`),
    assetBytes: { 'gazetteer.tsv.gz': fileSize(join(outdir, 'gazetteer.tsv.gz')) },
    metafile: result.metafile!,
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

/**
 * The baseline: yoga with a one-field schema behind the same 2.0 adapter as the real
 * handler, built with the same settings.
 */
const HELLO_SOURCE = `
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'hello' } } }),
  graphqlEndpoint: '/graphql',
  graphiql: false,
  landingPage: false,
});

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

export async function buildHelloBundle(outdir: string = mkdtempSync(join(tmpdir(), 'claimgraph-hello-'))): Promise<BuiltBundle> {
  const { entryPoints: _unused, ...options } = esbuildOptions(outdir);
  const result = await build({
    ...options,
    stdin: { contents: HELLO_SOURCE, resolveDir: PROJECT_ROOT, sourcefile: 'hello-handler.ts', loader: 'ts' },
  });
  const outfile = join(outdir, BUNDLE_FILE);
  return { outdir, outfile, bytes: fileSize(outfile), mapBytes: fileSize(`${outfile}.map`), assetBytes: {}, metafile: result.metafile! };
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
export function graphqlEvent(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return httpApiEvent({
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

export interface ColdStart {
  /** From before `import()` to the handler's result, in ms. */
  ms: number;
  /** Of which `import()` of the bundle. */
  importMs: number;
  statusCode: number;
  body: string;
}

const MARK = 'CLAIMGRAPH_COLD_START ';

/** Runs in the fresh process: import the bundle, answer one event, report the times. */
const RUNNER = `
const [bundle] = process.argv.slice(2);
const event = JSON.parse(process.env.CLAIMGRAPH_BENCH_EVENT);
const context = { functionName: 'claimgraph-bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10000 };
const start = performance.now();
const mod = await import(bundle);
const imported = performance.now();
const result = await mod[${JSON.stringify(HANDLER_EXPORT)}](event, context);
const end = performance.now();
process.stdout.write('\\n${MARK}' + JSON.stringify({ ms: end - start, importMs: imported - start, statusCode: result.statusCode, body: result.body }) + '\\n');
process.exit(0);
`;

/**
 * Imports `bundleFile` in a fresh Node process (with the Lambda's NODE_OPTIONS) and hands
 * `event` to its handler once. `env` adds to a clean environment (TABLE_NAME, ...).
 */
export function runColdStart(bundleFile: string, event: APIGatewayProxyEventV2, env: Record<string, string> = {}): Promise<ColdStart> {
  const runner = join(dirname(bundleFile), 'cold-start-runner.mjs');
  writeFileSync(runner, RUNNER);
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    AWS_REGION: 'us-east-1',
    NODE_ENV: 'production',
    NODE_OPTIONS: '--enable-source-maps',
    CLAIMGRAPH_BENCH_EVENT: JSON.stringify(event),
    ...env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, pathToFileURL(bundleFile).href], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
    child.once('error', reject);
    child.once('close', (code) => {
      const line = stdout.split('\n').reverse().find((candidate) => candidate.startsWith(MARK));
      if (code !== 0 || !line) {
        reject(new Error(`cold start of ${bundleFile} failed (exit ${code}):\n${stderr}${stdout.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(MARK.length)) as ColdStart);
    });
  });
}


const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

export interface ColdStartResult {
  /** Size of the handler's index.mjs in bytes. */
  bundleBytes: number;
  /** Median over fresh processes: import the handler bundle + answer one query, ms. */
  handlerColdMs: number;
  /** The same for the yoga "hello" bundle, ms. */
  helloColdMs: number;
  /** handlerColdMs / helloColdMs. */
  coldStartRatio: number;
  runs: number;
}

/**
 * Builds both bundles and times `runs` fresh processes of each (alternating, after one
 * discarded warm-up each) against the DynamoDB at `endpoint`. The table is created if it
 * is missing; its contents are the caller's.
 */
export async function benchColdStart(options: { endpoint: string; tableName: string; runs?: number }): Promise<ColdStartResult> {
  const runs = options.runs ?? 7;
  await ensureTable(new Db({ tableName: options.tableName, region: 'us-east-1', endpoint: options.endpoint }));
  const handlerBundle = await buildHandlerBundle();
  const helloBundle = await buildHelloBundle();
  try {
    const env = { TABLE_NAME: options.tableName, DYNAMODB_ENDPOINT: options.endpoint };
    const handlerEvent = graphqlEvent(EXAMPLE_OPERATION);
    const helloEvent = graphqlEvent('{ hello }');
    const once = async (bundle: BuiltBundle, event: APIGatewayProxyEventV2): Promise<number> => {
      const run = await runColdStart(bundle.outfile, event, env);
      const body = JSON.parse(run.body) as { data?: unknown; errors?: unknown };
      if (run.statusCode !== 200 || body.errors || !body.data) {
        throw new Error(`cold start answered ${run.statusCode}: ${run.body.slice(0, 500)}`);
      }
      return run.ms;
    };
    await once(helloBundle, helloEvent);
    await once(handlerBundle, handlerEvent);
    const hello: number[] = [];
    const handler: number[] = [];
    for (let i = 0; i < runs; i++) {
      hello.push(await once(helloBundle, helloEvent));
      handler.push(await once(handlerBundle, handlerEvent));
    }
    const handlerColdMs = median(handler);
    const helloColdMs = median(hello);
    return {
      bundleBytes: handlerBundle.bytes,
      handlerColdMs: round(handlerColdMs),
      helloColdMs: round(helloColdMs),
      coldStartRatio: round(handlerColdMs / helloColdMs, 2),
      runs,
    };
  } finally {
    rmSync(handlerBundle.outdir, { recursive: true, force: true });
    rmSync(helloBundle.outdir, { recursive: true, force: true });
  }
}

/**
 * What `npm run bench` (bench/index.ts) calls with its DynamoDB Local endpoint: a fresh
 * table with the sample article (so the query reads real data), then `benchColdStart`.
 * With `{ endpoint, tableName }` the given table is used as it is.
 */
export async function benchBundle(target: string | { endpoint: string; tableName?: string; runs?: number }): Promise<ColdStartResult> {
  const { endpoint, tableName, runs } = typeof target === 'string' ? { endpoint: target, tableName: undefined, runs: undefined } : target;
  if (tableName) return benchColdStart({ endpoint, tableName, runs });
  const fresh = `bench-bundle-${randomBytes(4).toString('hex')}`;
  const db = new Db({ tableName: fresh, region: 'us-east-1', endpoint });
  await ensureTable(db);
  await loadSamples(db);
  return benchColdStart({ endpoint, tableName: fresh, runs });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const local = await startLocalDynamo();
  try {
    const bundle = await buildHandlerBundle();
    const hello = await buildHelloBundle();
    const sizes = { bundleBytes: bundle.bytes, mapBytes: bundle.mapBytes, ...bundle.assetBytes, helloBytes: hello.bytes };
    rmSync(bundle.outdir, { recursive: true, force: true });
    rmSync(hello.outdir, { recursive: true, force: true });
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
