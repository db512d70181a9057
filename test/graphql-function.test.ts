/**
 * The Lambda handler (functions/graphql.ts), called in-process with API Gateway HTTP API
 * payload 2.0 events against DynamoDB Local; then the bundle the stack deploys, built with
 * the stack's esbuild settings and run in a fresh Node process.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  buildHandlerBundle,
  graphqlEvent,
  httpApiEvent,
  inputsOf,
  loadedAtInit,
  runColdStart,
  type BuiltBundle,
} from '../bench/bundle.js';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../infra/bundling.js';
import { DYNAMODB_COMMAND_ACTIONS, SECRETS_COMMAND_ACTIONS } from '../infra/constructs/graphql-function.js';
import { SQS_COMMAND_ACTIONS } from '../infra/constructs/ingest-queue.js';
import { createApiKey } from '../lib/api-key.js';
import { ADMIN_HEADERS, TEST_ADMIN_KEY, createTestDb } from './support.js';

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
type Adapter = typeof import('../functions/graphql.js');

const SAMPLE = readFileSync(new URL('../data/samples/karabakh-shushi.txt', import.meta.url), 'utf8');
const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) { created article { id title claims(first: 50) { edges { node { kind locations { name latitude } } } } } userErrors { code message } }
}`;
const ARTICLES = '{ articles(first: 5) { edges { node { id title } } } }';

let handler: Handler;
let adapter: Adapter;
let tableName: string;
let db: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  db = await createTestDb();
  tableName = db.tableName;
  // lib/config.ts reads these when the handler module is first imported.
  process.env.TABLE_NAME = db.tableName;
  process.env.DYNAMODB_ENDPOINT = inject('dynamodbEndpoint');
  process.env.AWS_REGION = 'us-east-1';
  process.env.CLAIMGRAPH_ADMIN_KEY = TEST_ADMIN_KEY;
  // What the stack sets from its allowedOrigins.
  process.env.CORS_ORIGINS = 'https://news.example.org';
  adapter = await import('../functions/graphql.js');
  handler = (event) => adapter.handler(event);
});

const json = (result: APIGatewayProxyStructuredResultV2) =>
  JSON.parse(result.body ?? '') as { data?: any; errors?: { message: string }[] };

describe('the Lambda handler with API Gateway 2.0 events', () => {
  it('answers a mutation without an API key with 401', async () => {
    const result = await handler(graphqlEvent(INGEST, { input: { text: SAMPLE } }));
    expect(result.statusCode).toBe(401);
    expect(json(result).errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('answers a POST with a JSON body (and ingests through it, with an API key)', async () => {
    const input = {
      text: SAMPLE,
      title: 'Shushi',
      url: 'https://example.org/shushi',
      publishedAt: '2020-11-09T12:00:00Z',
    };
    const result = await handler(graphqlEvent(INGEST, { input }, ADMIN_HEADERS));
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(false);
    expect(result.headers?.['content-type']).toMatch(/^application\/graphql-response\+json/);
    const { data, errors } = json(result);
    expect(errors).toBeUndefined();
    expect(data.ingestArticle.userErrors).toEqual([]);
    expect(data.ingestArticle.created).toBe(true);
    const places = data.ingestArticle.article.claims.edges.flatMap((edge: any) =>
      edge.node.locations.map((l: any) => l.name),
    );
    expect(places).toContain('Stepanakert');
  });

  it('answers a POST whose body API Gateway base64-encoded', async () => {
    const body = Buffer.from(JSON.stringify({ query: ARTICLES })).toString('base64');
    const result = await handler(
      httpApiEvent({ method: 'POST', headers: { 'content-type': 'application/json' }, body, isBase64Encoded: true }),
    );
    expect(result.statusCode).toBe(200);
    expect(json(result).data.articles.edges.map((edge: any) => edge.node.title)).toEqual(['Shushi']);
  });

  it('answers a GET with the query in the query string', async () => {
    const rawQueryString = new URLSearchParams({ query: ARTICLES }).toString();
    const result = await handler(
      httpApiEvent({ method: 'GET', rawQueryString, headers: { accept: 'application/json' } }),
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    expect(json(result).data.articles.edges).toHaveLength(1);
  });

  it('refuses a mutation over GET with 405', async () => {
    const rawQueryString = new URLSearchParams({
      query: 'mutation { createParty(input: { name: "X", kind: GOVERNMENT }) { party { id } } }',
    }).toString();
    const result = await handler(
      httpApiEvent({ method: 'GET', rawQueryString, headers: { accept: 'application/json' } }),
    );
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toMatch(/POST/);
  });

  it('answers a CORS preflight for a configured origin (in AWS, API Gateway answers it before the function)', async () => {
    const preflight = (origin: string) =>
      handler(
        httpApiEvent({
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        }),
      );
    const result = await preflight('https://news.example.org');
    expect(result.statusCode).toBe(204);
    expect(result.body).toBe('');
    expect(result.headers).toMatchObject({
      'access-control-allow-origin': 'https://news.example.org',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': expect.stringContaining('content-type'),
    });
    expect(result.headers?.['access-control-allow-credentials']).toBeUndefined();
    const refused = await preflight('https://elsewhere.example');
    expect(refused.headers?.['access-control-allow-origin']).toBeUndefined();
  });

  it('compresses a large answer when the client accepts it, base64-encoded for API Gateway', async () => {
    const rawQueryString = new URLSearchParams({ query: '{ __schema { types { name description } } }' }).toString();
    const get = (acceptEncoding?: string) =>
      handler(
        httpApiEvent({
          method: 'GET',
          rawQueryString,
          headers: { accept: 'application/json', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
        }),
      );
    const plain = await get();
    expect(plain.isBase64Encoded).toBe(false);
    expect(plain.headers?.['content-encoding']).toBeUndefined();
    const gzipped = await get('gzip');
    expect(gzipped.isBase64Encoded).toBe(true);
    expect(gzipped.headers).toMatchObject({
      'content-encoding': 'gzip',
      vary: expect.stringContaining('Accept-Encoding'),
    });
    const bytes = Buffer.from(gzipped.body ?? '', 'base64');
    expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(plain.body ?? ''));
    expect(gunzipSync(bytes).toString('utf8')).toBe(plain.body);
    const brotli = await get('gzip, deflate, br');
    expect(brotli.headers?.['content-encoding']).toBe('br');
    expect(brotliDecompressSync(Buffer.from(brotli.body ?? '', 'base64')).toString('utf8')).toBe(plain.body);
  });

  it('answers a malformed body with 400 and a GraphQL error, not a crash', async () => {
    const result = await handler(
      httpApiEvent({
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: '{"query": "{ articles',
      }),
    );
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toMatch(/json/);
    expect(json(result).errors?.[0]?.message).toMatch(/JSON/i);
  });

  it('answers a query with an unknown field with 400 and a validation error', async () => {
    const result = await handler(graphqlEvent('{ nope }'));
    expect(result.statusCode).toBe(400);
    expect(json(result).errors?.[0]?.message).toMatch(/Cannot query field "nope"/);
  });

  it('passes the graphql-http MUST audits through the adapter', async () => {
    // Each audit's fetch becomes a 2.0 event and the handler's result becomes a Response.
    const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const text = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const result = await handler(
        httpApiEvent({
          method: request.method,
          path: url.pathname,
          rawQueryString: url.search.slice(1),
          headers,
          ...(text !== undefined ? { body: text } : {}),
        }),
      );
      return new Response(result.statusCode === 204 || result.statusCode === 304 ? null : (result.body ?? ''), {
        status: result.statusCode,
        headers: result.headers as Record<string, string>,
      });
    };
    const failed: string[] = [];
    for (const audit of serverAudits({
      url: 'https://abc123defg.execute-api.us-east-1.amazonaws.com/graphql',
      fetchFn,
    }).filter((a) => a.name.startsWith('MUST'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(`${audit.name}: ${result.reason}`);
    }
    expect(failed).toEqual([]);
  });
});

describe('the 2.0 adapter', () => {
  it('builds the URL from host, rawPath and rawQueryString, and the cookie header from cookies', () => {
    const { url, init } = adapter.requestOf(
      httpApiEvent({ method: 'GET', rawQueryString: 'query=%7B%20a%20%7D&x=1', cookies: ['a=1', 'b=2'] }),
    );
    expect(url).toBe('https://abc123defg.execute-api.us-east-1.amazonaws.com/graphql?query=%7B%20a%20%7D&x=1');
    expect(init.method).toBe('GET');
    expect(init.body).toBeUndefined();
    expect(new Headers(init.headers).get('cookie')).toBe('a=1; b=2');
  });

  it('decodes a base64 body to its bytes', () => {
    const bytes = Buffer.from('{"query":"{ é }"}');
    const { init } = adapter.requestOf(httpApiEvent({ body: bytes.toString('base64'), isBase64Encoded: true }));
    expect(Buffer.from(init.body as Uint8Array).equals(bytes)).toBe(true);
  });

  it('returns every set-cookie in cookies, the other headers in headers', async () => {
    const headers = new Headers({ 'content-type': 'text/plain', 'x-one': '1' });
    headers.append('set-cookie', 'a=1; Path=/');
    headers.append('set-cookie', 'b=2; Path=/');
    const result = await adapter.resultOf(new Response('hi', { status: 201, headers }));
    expect(result).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'text/plain', 'x-one': '1' },
      body: 'hi',
      isBase64Encoded: false,
      cookies: ['a=1; Path=/', 'b=2; Path=/'],
    });
  });
});

describe('the deployed bundle (stack esbuild settings, fresh Node process)', () => {
  let bundle: BuiltBundle;
  beforeAll(async () => {
    bundle = await buildHandlerBundle();
  });
  afterAll(() => rmSync(bundle.outdir, { recursive: true, force: true }));

  it('builds an ESM bundle with the AWS SDK in it and GraphiQL left out', () => {
    console.info(
      `handler bundle: ${bundle.bytes} bytes (+ ${bundle.mapBytes} bytes of source map, ${bundle.assetBytes['gazetteer.tsv.gz']} bytes of gazetteer)`,
    );
    expect(bundle.bytes).toBeGreaterThan(100_000);
    expect(bundle.bytes).toBeLessThan(3_000_000);
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.some((input) => input.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(bundle.lazyBytes).toBeGreaterThan(100_000);
    // yoga's own GraphiQL page is a few KB of HTML; @graphql-yoga/render-graphiql is 18 MB.
    expect(inputs.filter((input) => input.includes('render-graphiql'))).toEqual([]);
    const code = readFileSync(bundle.outfile, 'utf8');
    expect(
      code.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);"),
    ).toBe(true);
    expect(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/.test(code)).toBe(true);
  });

  it('loads no extraction or ingestion at init: compromise, the lexicons, the gazetteer and ingest are in chunks imported on the first mutation', () => {
    const { metafile } = bundle;
    const entry = Object.keys(metafile.outputs).find((output) => resolve(PROJECT_ROOT, output) === bundle.outfile)!;
    const atInit = inputsOf(metafile, loadedAtInit(metafile, entry));
    const everything = Object.keys(metafile.inputs);
    const extraction = (input: string) =>
      input.includes('node_modules/compromise/') || /^lib\/extract\/(?!types\.ts$)/.test(input);
    // The bundle has them (the check below would pass vacuously otherwise), but not where a query's cold start reads.
    expect(everything.filter(extraction).length).toBeGreaterThan(10);
    expect(atInit.filter(extraction)).toEqual([]);
    // Nor ingestion and bulk enqueueing: mutations load them on first use.
    expect(atInit.filter((input) => input === 'lib/ingest.ts' || input === 'lib/enqueue.ts')).toEqual([]);
    expect(everything).toContain('lib/ingest.ts');
    // One copy of lru-cache (yoga's): the persisted-query store pins the same major.
    expect(atInit.filter((input) => input.includes('node_modules/lru-cache/')).length).toBeGreaterThan(0);
    expect(atInit.filter((input) => /node_modules\/.+\/node_modules\/lru-cache\//.test(input))).toEqual([]);
    // Secrets Manager's client loads only when a request presents a key.
    expect(atInit.filter((input) => input.includes('client-secrets-manager'))).toEqual([]);
    // Nor does SQS's: only when enqueueArticles first sends.
    expect(atInit.filter((input) => input.includes('client-sqs'))).toEqual([]);
    expect(everything.some((input) => input.includes('node_modules/@aws-sdk/client-sqs/'))).toBe(true);
    expect(atInit.some((input) => input.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
  });

  it('sends only DynamoDB, Secrets Manager and SQS commands the function role allows', () => {
    // Every `new XCommand(` in the project's own bundled files must have IAM actions granted.
    const own = Object.keys(bundle.metafile.inputs).filter((input) => /^(lib|schema|functions)\//.test(input));
    // The document client's commands (@aws-sdk/lib-dynamodb) send the low-level ones.
    const documentCommands: Record<string, string> = {
      GetCommand: 'GetItemCommand',
      BatchGetCommand: 'BatchGetItemCommand',
      PutCommand: 'PutItemCommand',
      UpdateCommand: 'UpdateItemCommand',
      DeleteCommand: 'DeleteItemCommand',
      BatchWriteCommand: 'BatchWriteItemCommand',
      TransactWriteCommand: 'TransactWriteItemsCommand',
      TransactGetCommand: 'TransactGetItemsCommand',
    };
    const sent = new Set<string>();
    for (const file of own) {
      for (const match of readFileSync(file, 'utf8').matchAll(/new (\w+Command)\(/g))
        sent.add(documentCommands[match[1]!] ?? match[1]!);
    }
    expect([...sent].sort()).toEqual(
      [
        ...Object.keys(DYNAMODB_COMMAND_ACTIONS),
        ...Object.keys(SECRETS_COMMAND_ACTIONS),
        ...Object.keys(SQS_COMMAND_ACTIONS),
      ].sort(),
    );
    // A ConditionCheck item in a transaction needs dynamodb:ConditionCheckItem.
    if (/ConditionCheck\s*:/.test(readFileSync('lib/store/client.ts', 'utf8')))
      expect(DYNAMODB_COMMAND_ACTIONS.TransactWriteItemsCommand).toContain('dynamodb:ConditionCheckItem');
  });

  it('logs an unexpected error with its stack in source terms, though Node maps none at load', async () => {
    // A table that does not exist: DynamoDB's error is no client's fault, so it is logged.
    const env = { TABLE_NAME: `${tableName}-missing`, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint') };
    const id = Buffer.from('Article:no-such-article').toString('base64url');
    const run = await runColdStart(bundle.outfile, graphqlEvent(`{ node(id: "${id}") { id } }`), env);
    expect(JSON.parse(run.body).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(run.stderr).toContain('ResourceNotFoundException');
    // Frames of the data layer and of the SDK, as the map names their sources ...
    expect(run.stderr).toMatch(/ \(([^\s()]+\/)?lib\/store\/client\.ts:\d+:\d+\)/);
    expect(run.stderr).toMatch(/ \(([^\s()]+\/)?node_modules\/@smithy\/[^\s)]+\.js:\d+:\d+\)/);
    // ... and none left at a position in the minified bundle.
    expect(run.stderr).not.toMatch(/\.mjs:\d+:\d+/);
  });

  it('ingests (reading the gazetteer shipped next to it) and answers queries', async () => {
    const env = {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      CLAIMGRAPH_ADMIN_KEY: TEST_ADMIN_KEY,
    };
    const input = {
      text: `${SAMPLE}\nThe shelling went on overnight.`,
      title: 'Shushi again',
      url: 'https://example.org/shushi-again',
      publishedAt: '2020-11-10T12:00:00Z',
    };
    const ingest = await runColdStart(bundle.outfile, graphqlEvent(INGEST, { input }, ADMIN_HEADERS), env);
    expect(ingest.statusCode).toBe(200);
    const ingested = JSON.parse(ingest.body);
    expect(ingested.errors).toBeUndefined();
    const places = ingested.data.ingestArticle.article.claims.edges.flatMap((edge: any) =>
      edge.node.locations.map((l: any) => l.name),
    );
    expect(places).toContain('Stepanakert');

    const query = await runColdStart(bundle.outfile, graphqlEvent(ARTICLES), env);
    expect(query.statusCode).toBe(200);
    expect(JSON.parse(query.body).data.articles.edges.map((edge: any) => edge.node.title)).toEqual([
      'Shushi again',
      'Shushi',
    ]);
  });

  it("answers a cold start's query without loading Node's fetch implementation (undici)", async () => {
    const env = { TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint') };
    const run = await runColdStart(bundle.outfile, graphqlEvent(ARTICLES), env);
    expect(run.statusCode).toBe(200);
    expect(JSON.parse(run.body).errors).toBeUndefined();
    expect(run.loadedNodeFetch).toBe(false);
  });
});

/**
 * Secrets Manager cannot run here, so this speaks its wire protocol (JSON 1.1,
 * `X-Amz-Target: secretsmanager.GetSecretValue`) on a local port: the bundled handler's real
 * SDK client reaches it through AWS_ENDPOINT_URL_SECRETS_MANAGER, as it would reach AWS.
 */
function fakeSecretsManager(secrets: Record<string, string>) {
  const requests: string[] = [];
  const server: Server = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
      requests.push(`${target} ${SecretId}`);
      const value = SecretId ? secrets[SecretId] : undefined;
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'secretsmanager.GetSecretValue' || value === undefined) {
        response.statusCode = 400;
        response.end(
          JSON.stringify({
            __type: 'ResourceNotFoundException',
            message: "Secrets Manager can't find the specified secret.",
          }),
        );
        return;
      }
      response.end(
        JSON.stringify({
          ARN: SecretId,
          Name: SecretId,
          SecretString: value,
          VersionId: 'v1',
          VersionStages: ['AWSCURRENT'],
          CreatedDate: 1_700_000_000,
        }),
      );
    });
  });
  return {
    requests,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the key secrets on AWS (Secrets Manager, read at run time by the bundled handler)', () => {
  const PEPPER_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ClaimgraphKeyPepper-AbCdEf';
  const ADMIN_NAME = 'claimgraph/admin-key';
  const pepper = 'sm-pepper-0123456789abcdefghijklmnopqrstuvwxyz';
  const adminKey = 'sm-admin-key-0123456789';
  const secretsManager = fakeSecretsManager({ [PEPPER_ARN]: pepper, [ADMIN_NAME]: adminKey });
  let bundle: BuiltBundle;
  let env: Record<string, string>;
  beforeAll(async () => {
    const endpoint = await secretsManager.listen();
    bundle = await buildHandlerBundle();
    env = {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      CLAIMGRAPH_KEY_PEPPER_SECRET: PEPPER_ARN,
      CLAIMGRAPH_ADMIN_KEY_SECRET: ADMIN_NAME,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    };
  });
  afterAll(async () => {
    await secretsManager.close();
    rmSync(bundle.outdir, { recursive: true, force: true });
  });

  it('does not read them for a request without a key', async () => {
    const result = await runColdStart(bundle.outfile, graphqlEvent(ARTICLES), env);
    expect(result.statusCode).toBe(200);
    expect(secretsManager.requests).toEqual([]);
  });

  it('accepts the admin key and keys made with the pepper it reads from there (its environment names them only)', async () => {
    const before = secretsManager.requests.length;
    const asAdmin = await runColdStart(
      bundle.outfile,
      graphqlEvent(
        'mutation { createParty(input: { name: "Secrets Party", kind: PERSON }) { userErrors { code } } }',
        {},
        { authorization: `Bearer ${adminKey}` },
      ),
      env,
    );
    expect(asAdmin.statusCode).toBe(200);
    expect(JSON.parse(asAdmin.body).data.createParty.userErrors).toEqual([]);
    expect(secretsManager.requests.slice(before).sort()).toEqual(
      [`secretsmanager.GetSecretValue ${PEPPER_ARN}`, `secretsmanager.GetSecretValue ${ADMIN_NAME}`].sort(),
    );

    const { secret } = await createApiKey(db, 'aws-writer', 'write', pepper);
    const withKey = await runColdStart(
      bundle.outfile,
      graphqlEvent(
        'mutation { createParty(input: { name: "Keyed Party", kind: PERSON }) { userErrors { code } } }',
        {},
        { authorization: `Bearer ${secret}` },
      ),
      env,
    );
    expect(JSON.parse(withKey.body).data.createParty.userErrors).toEqual([]);
  });

  it('refuses a key made with another pepper', async () => {
    const { secret } = await createApiKey(db, 'other-pepper', 'write', 'another-pepper-0123456789abcdefghijklmnop');
    const result = await runColdStart(
      bundle.outfile,
      graphqlEvent('{ __typename }', {}, { authorization: `Bearer ${secret}` }),
      env,
    );
    expect(result.statusCode).toBe(401);
  });
});
