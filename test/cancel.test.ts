/**
 * A request's work stops when its client hangs up or its time budget runs out, and a dead
 * DynamoDB makes a quick answer rather than seconds of retries. DynamoDB Local sits behind
 * a gate (test/gate.ts) that holds its answers, so each test decides what is in flight.
 */
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Db } from '../lib/store/client.js';
import { LISTING_SHARDS } from '../lib/store/patterns.js';
import { createServer } from '../server/server.js';
import { deadEndpoint, openGate, type Gate } from './gate.js';
import { createTestDb, graphqlCaller, ingest, plainText } from './support.js';

/** Three dependent reads: the article listing, then its claims, then their claimants. */
const QUERY =
  '{ articles(first: 5) { edges { node { title claims(first: 10) { edges { node { text claimant { name } } } } } } } }';
const BODY = JSON.stringify({ query: QUERY });

/** Long enough for a request that was going to follow to have been made. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

let gate: Gate;
let gated: Db;
let tableName: string;
beforeAll(async () => {
  const db = await createTestDb();
  tableName = db.tableName;
  const call = graphqlCaller(db);
  const sample = 'The Armenian Defense Ministry said Azerbaijani forces shelled Stepanakert on Monday.';
  for (let i = 0; i < 3; i++) await ingest(call, { text: `${sample}\n${plainText(i)}`, title: `Report ${i}` });
  gate = await openGate(inject('dynamodbEndpoint'));
  gated = new Db({ tableName, region: 'us-east-1', endpoint: gate.endpoint });
});
afterAll(() => gate?.close());

/** The gated server over real HTTP; `closed` resolves when the server sees a response's connection close. */
async function listen(options: { timeBudgetMs?: number } = {}) {
  const server: Server = createHttpServer(createServer({ db: gated, logError: () => {}, ...options }));
  const closed: Promise<void>[] = [];
  let onClose!: () => void;
  closed.push(new Promise((resolve) => (onClose = resolve)));
  server.on('request', (_request, response) => response.once('close', onClose));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, closed: closed[0]!, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('a client that hangs up', () => {
  it('stops the DynamoDB requests its query would still have made', async () => {
    const server = await listen();
    try {
      // Unhindered, the query makes its reads one after another.
      gate.hold(false);
      gated.counter.reset();
      const full = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: BODY,
      });
      const answer = await full.json();
      expect(answer.errors).toBeUndefined();
      expect(answer.data.articles.edges).toHaveLength(3);
      const unhindered = gated.counter.total;
      expect(unhindered).toBeGreaterThanOrEqual(3);

      // Now the client hangs up while the first read (the listing's shards, side by side) is in flight.
      gate.hold(true);
      gated.counter.reset();
      const arrivedBefore = gate.arrived;
      const request = httpRequest(server.url, { method: 'POST', headers: { 'content-type': 'application/json' } });
      request.on('error', () => {});
      request.end(BODY);
      await gate.arrival(arrivedBefore + LISTING_SHARDS);
      request.destroy();
      await server.closed;
      gate.hold(false);
      gate.release();
      await expect
        .poll(() => gate.answered, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(arrivedBefore + LISTING_SHARDS);
      await settle();
      expect(gated.counter.total).toBe(LISTING_SHARDS);
      expect(gate.arrived).toBe(arrivedBefore + LISTING_SHARDS);
    } finally {
      gate.hold(false);
      gate.release();
      await server.close();
    }
  });
});

describe('the time budget', () => {
  it('answers REQUEST_TIMEOUT when DynamoDB does not answer in time, and makes no request after', async () => {
    const yoga = createServer({ db: gated, logError: () => {}, timeBudgetMs: 200 });
    gate.hold(true);
    gated.counter.reset();
    const arrivedBefore = gate.arrived;
    try {
      const response = await yoga.fetch('http://claimgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: BODY,
      });
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'REQUEST_TIMEOUT' } })]);
      expect(body.errors[0].message).toMatch(/longer than 0.2 s/);
      expect(gate.arrived).toBe(arrivedBefore + LISTING_SHARDS);
    } finally {
      gate.hold(false);
      gate.release();
    }
    await expect.poll(() => gate.answered, { timeout: 10_000 }).toBeGreaterThanOrEqual(arrivedBefore + LISTING_SHARDS);
    await settle();
    expect(gated.counter.total).toBe(LISTING_SHARDS);
  });
});

describe('a dead DynamoDB', () => {
  /** A Db on a port nothing listens on, counting attempts (the SDK's retries included). */
  async function deadDb() {
    const db = new Db({ tableName, region: 'us-east-1', endpoint: await deadEndpoint() });
    const attempts = { total: 0 };
    // The deserialize step wraps each attempt's HTTP call, inside the SDK's retries.
    db.client.middlewareStack.add(
      (next) => async (args) => {
        attempts.total += 1;
        return next(args);
      },
      { step: 'deserialize', name: 'testAttemptCounter' },
    );
    return { db, attempts };
  }

  it('fails a query at once with SERVICE_UNAVAILABLE: one attempt per request, no retries', async () => {
    const { db, attempts } = await deadDb();
    const yoga = createServer({ db, logError: () => {} });
    const response = await yoga.fetch('http://claimgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: BODY,
    });
    const body = await response.json();
    expect(response.status).toBe(503);
    expect(body.errors[0]).toMatchObject({
      message: 'the database is not answering: try again shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(db.counter.total).toBeGreaterThanOrEqual(1);
    expect(attempts.total).toBe(db.counter.total);
  });
});
