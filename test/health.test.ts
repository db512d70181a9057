/**
 * `GET /health` over real HTTP and through the Lambda handler: 200 when the table answers,
 * a quick 503 with a reason when it does not (refused, silent, or missing).
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { httpApiEvent } from '../bench/bundle.js';
import { Db } from '../lib/dynamo.js';
import { createServer, type ServerOptions } from '../server/server.js';
import { deadEndpoint, openGate, type Gate } from './gate.js';
import { createTestDb } from './support.js';

let db: Db;
let gate: Gate;
const servers: Server[] = [];
beforeAll(async () => {
  db = await createTestDb();
  gate = await openGate(inject('dynamodbEndpoint'));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  await gate.close();
});

/** A server on its own port; returns its base URL. */
async function serve(options: ServerOptions): Promise<string> {
  const server = createHttpServer(createServer({ logError: () => {}, ...options }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('GET /health on the local server', () => {
  it('answers 200 {"status":"ok"} when the table answers, with one GetItem', async () => {
    const base = await serve({ db });
    db.counter.reset();
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(db.counter.byCommand).toEqual({ GetItemCommand: 1 });
    const head = await fetch(`${base}/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await fetch(`${base}/health`, { method: 'POST' })).status).toBe(405);
    // GraphQL is still where it was.
    expect((await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`)).status).toBe(200);
  });

  it('answers 503 at once when DynamoDB refuses connections (as when DynamoDB Local is killed)', async () => {
    const dead = new Db({ tableName: db.tableName, region: 'us-east-1', endpoint: await deadEndpoint() });
    let attempts = 0;
    dead.client.middlewareStack.add(
      (next) => async (args) => {
        attempts += 1;
        return next(args);
      },
      { step: 'deserialize', name: 'testAttemptCounter' },
    );
    const response = await fetch(`${await serve({ db: dead })}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', reason: 'DynamoDB refused the connection' });
    expect(attempts).toBe(1);
  });

  it('answers 503 when DynamoDB does not answer within the timeout', async () => {
    const silent = new Db({ tableName: db.tableName, region: 'us-east-1', endpoint: gate.endpoint });
    gate.hold(true);
    try {
      const response = await fetch(`${await serve({ db: silent, healthTimeoutMs: 200 })}/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', reason: 'DynamoDB did not answer within 200 ms' });
    } finally {
      gate.hold(false);
      gate.release();
    }
  });

  it('answers 503 when the table does not exist, without naming it', async () => {
    const missing = new Db({ tableName: 'no-such-table', region: 'us-east-1', endpoint: inject('dynamodbEndpoint') });
    const response = await fetch(`${await serve({ db: missing })}/health`);
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ status: 'unavailable', reason: 'the table does not exist' });
    expect(body).not.toMatch(/no-such-table/);
  });
});

describe('GET /health through the Lambda handler', () => {
  it('answers 200 {"status":"ok"}', async () => {
    process.env.TABLE_NAME = db.tableName;
    process.env.DYNAMODB_ENDPOINT = inject('dynamodbEndpoint');
    process.env.AWS_REGION = 'us-east-1';
    const { handler } = await import('../functions/graphql.js');
    const result = await handler(httpApiEvent({ method: 'GET', path: '/health' }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual({ status: 'ok' });
  });
});
