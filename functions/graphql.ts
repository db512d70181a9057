/**
 * The AWS Lambda host: API Gateway HTTP API (payload format 2.0) events in, `yoga.fetch`
 * in between, API Gateway results out. The schema and the data layer are the ones the local
 * server uses; the DynamoDB client and the yoga instance are made once per container, at
 * init, and reused by every invocation. GraphiQL is not served here (its page is large and
 * loads its assets from a CDN); use the local server for it. `GET /health` is answered by
 * the same server (server/health.ts) for any route that reaches this function.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context as LambdaContext } from 'aws-lambda';
import { sdkSecretReader, secretsManagerKeySecrets } from '../lib/aws-secrets.js';
import { readConfig } from '../lib/config.js';
import { Db } from '../lib/store/client.js';
import { withSourceStack } from '../lib/stack-trace.js';
import { lazyQueue } from '../lib/queue.js';
import { createServer, settingsFrom } from '../server/server.js';

const config = readConfig();
const db = new Db({ tableName: config.tableName, region: config.region, endpoint: config.dynamodbEndpoint });
// On AWS the environment names the secrets (the stack sets their ARNs), never their values:
// they are read from Secrets Manager when a request first presents a key, then cached.
// Outside AWS (tests) CLAIMGRAPH_KEY_PEPPER / CLAIMGRAPH_ADMIN_KEY still apply.
const keySecrets =
  config.pepperSecretId || config.adminKeySecretId
    ? secretsManagerKeySecrets(config, () => sdkSecretReader(config.region))
    : undefined;
// With the function's JSON log format, console.error writes one structured record
// (level, requestId, errorType, errorMessage, stackTrace) per unexpected error.
// enqueueArticles sends to the ingest queue the stack names; the worker function ingests.
// The SQS client loads on the first enqueue (a chunk of its own): a cold start answering a
// query never parses it.
const queueUrl = config.ingestQueueUrl;
const ingestQueue = queueUrl
  ? lazyQueue(async () => {
      const { SqsQueue, sqsClient } = await import('../lib/sqs-queue.js');
      return new SqsQueue(sqsClient(config.region), queueUrl);
    })
  : undefined;
const yoga = createServer({
  db,
  ...settingsFrom(config),
  keySecrets,
  ingestQueue,
  // Node maps no stack at load here (infra/bundling.ts, NODE_OPTIONS): the log maps its own.
  logError: (error) => console.error(withSourceStack(error)),
});

/** What resolvers could read from the server context, should they need the raw event. */
export interface LambdaServerContext {
  event: APIGatewayProxyEventV2;
  lambdaContext: LambdaContext | undefined;
}

/**
 * The request a 2.0 event describes: full URL, method, headers (cookies too) and body. The
 * headers are a plain record, not a `Headers`: Node's global `Headers` is undici's, and its
 * first use loads all of Node's fetch implementation, which yoga (with its own Request class)
 * never needs (server/server.ts, `withoutNodeFetch`).
 */
export function requestOf(event: APIGatewayProxyEventV2): { url: string; init: RequestInit } {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  // Payload 2.0 moves cookies out of the headers into their own array.
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');

  const host = headers.host ?? event.requestContext?.domainName ?? 'localhost';
  const protocol = headers['x-forwarded-proto'] ?? 'https';
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const url = `${protocol}://${host}${event.rawPath || '/'}${query}`;

  const method = event.requestContext?.http?.method ?? 'GET';
  let body: RequestInit['body'];
  if (event.body !== undefined && event.body !== null && method !== 'GET' && method !== 'HEAD') {
    body = event.isBase64Encoded ? Uint8Array.from(Buffer.from(event.body, 'base64')) : event.body;
  }
  return { url, init: { method, headers, body } };
}

/**
 * A fetch Response as an API Gateway 2.0 result: header names in lower case (yoga's Headers
 * may keep the case they were set with), every `set-cookie` in `cookies`. HTTP APIs do not
 * compress: the server did (server/compression.ts), and compressed bytes travel base64-encoded.
 */
export async function resultOf(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    const name = key.toLowerCase();
    if (name === 'set-cookie') return;
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  });
  const cookies = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
  const encoded = headers['content-encoding'] !== undefined;
  return {
    statusCode: response.status,
    headers,
    body: encoded ? Buffer.from(await response.arrayBuffer()).toString('base64') : await response.text(),
    isBase64Encoded: encoded,
    ...(cookies.length > 0 ? { cookies } : {}),
  };
}

export async function handler(
  event: APIGatewayProxyEventV2,
  context?: LambdaContext,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { url, init } = requestOf(event);
  const serverContext: LambdaServerContext = { event, lambdaContext: context };
  const response = await yoga.fetch(url, init, serverContext);
  return resultOf(response);
}
