/**
 * A request's work stops when its client hangs up or its time budget runs out, and a dead
 * DynamoDB makes a quick answer rather than seconds of retries. DynamoDB Local sits behind
 * a gate (test/gate.ts) that holds its answers, so each test decides what is in flight.
 */
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Db, WorkAbandonedError } from '../lib/store/client.js';
import { LISTING_SHARDS } from '../lib/store/patterns.js';
import { createServer, type ServerOptions } from '../server/server.js';
import { faultError } from './fault-injection.js';
import { deadEndpoint, openGate, type Gate } from './gate.js';
import {
  ADMIN_HEADERS,
  type Caller,
  createParty,
  createTestDb,
  dataOf,
  graphqlCaller,
  ingest,
  plainText,
  TEST_ADMIN_KEY,
} from './support.js';

/** Three dependent reads: the article listing, then its claims, then their claimants. */
const QUERY =
  '{ articles(first: 5) { edges { node { title claims(first: 10) { edges { node { text claimant { name } } } } } } } }';
const BODY = JSON.stringify({ query: QUERY });

/** Long enough for a request that was going to follow to have been made. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

let gate: Gate;
let gated: Db;
let tableName: string;
/** Calls the server on the table directly, past the gate. */
let call: Caller;
/** A claim's global ID: reading it as a node reads the claim, then its article. */
let claimId: string;
beforeAll(async () => {
  const db = await createTestDb();
  tableName = db.tableName;
  call = graphqlCaller(db);
  const sample = 'The Armenian Defense Ministry said Azerbaijani forces shelled Stepanakert on Monday.';
  for (let i = 0; i < 3; i++) await ingest(call, { text: `${sample}\n${plainText(i)}`, title: `Report ${i}` });
  const claims = await dataOf(
    call('{ articles(first: 1) { edges { node { claims(first: 1) { edges { node { id } } } } } } }'),
  );
  claimId = claims.articles.edges[0].node.claims.edges[0].node.id;
  gate = await openGate(inject('dynamodbEndpoint'));
  gated = new Db({ tableName, region: 'us-east-1', endpoint: gate.endpoint });
});
afterAll(() => gate?.close());

/** The gated server over real HTTP; `closed` resolves when the server sees a response's connection close. */
async function listen(options: Partial<Omit<ServerOptions, 'db'>> = {}) {
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

/** Sends `body` over HTTP and returns a way to hang up; the answer is never read. */
function hangingRequest(url: string, body: string, headers: Record<string, string> = {}) {
  const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
  request.on('error', () => {});
  request.end(body);
  return { hangUp: () => request.destroy() };
}

describe('a client that hangs up mid-resolver', () => {
  // A chunked body (no Content-Length) is read by the body limit and handed on in a new request.
  it.each([
    ['a body with its length', {}],
    ['a chunked body', { 'transfer-encoding': 'chunked' }],
  ])(
    'stops the read its resolver would make next, not only the fields execution has yet to resolve (%s)',
    async (_, headers) => {
      // A claim node reads the claim, then (in the same resolver) its article to check it shows the claim.
      const body = JSON.stringify({ query: `{ node(id: "${claimId}") { ... on Claim { text } } }` });
      const server = await listen();
      try {
        gate.hold(true);
        gated.counter.reset();
        const arrivedBefore = gate.arrived;
        const client = hangingRequest(server.url, body, headers);
        await gate.arrival(arrivedBefore + 1);
        client.hangUp();
        await server.closed;
        gate.hold(false);
        gate.release();
        await settle();
        expect(gated.counter.total).toBe(1);
        expect(gate.arrived).toBe(arrivedBefore + 1);
      } finally {
        gate.hold(false);
        gate.release();
        await server.close();
      }
    },
  );
});

describe("a request's view of the Db", () => {
  const KEY = { pk: 'NO-SUCH', sk: 'ITEM' };

  it('starts no request once its signal has fired, uncounted, and leaves the shared Db alone', async () => {
    const view = gated.forRequest();
    const controller = new AbortController();
    view.signal = controller.signal;
    controller.abort();
    gate.hold(false);
    gated.counter.reset();
    const arrivedBefore = gate.arrived;
    await expect(view.get(KEY)).rejects.toBeInstanceOf(WorkAbandonedError);
    await expect(view.query({ keyCondition: 'pk = :pk', names: {}, values: { ':pk': KEY.pk } })).rejects.toBeInstanceOf(
      WorkAbandonedError,
    );
    expect(gated.counter.total).toBe(0);
    expect(gate.arrived).toBe(arrivedBefore);
    // Neither the Db it came from nor another request's view has that signal.
    expect(await gated.get(KEY)).toBeUndefined();
    expect(await gated.forRequest().get(KEY)).toBeUndefined();
    // A view of the view has a signal of its own too.
    expect(await view.forRequest().get(KEY)).toBeUndefined();
    expect(gated.counter.total).toBe(3);
  });

  it('makes no retry after its signal fires', async () => {
    const db = new Db({ tableName, region: 'us-east-1', endpoint: inject('dynamodbEndpoint') });
    const view = db.forRequest();
    const controller = new AbortController();
    view.signal = controller.signal;
    let attempts = 0;
    // Each attempt fails as a DynamoDB 500 does, which the SDK retries (up to 8 attempts);
    // the first one also abandons the work.
    db.client.middlewareStack.add(
      () => async () => {
        attempts += 1;
        controller.abort();
        throw faultError('internal', 'GetItem');
      },
      { step: 'deserialize', name: 'testAbandoningFault' },
    );
    await expect(view.get(KEY)).rejects.toThrow();
    expect(attempts).toBe(1);
  });
});

describe('two queries at once', () => {
  it('the one whose client hangs up stops; the other gets all its data', async () => {
    const server = await listen();
    const post = () =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY }).then(
        (response) => response.json(),
      );
    try {
      gate.hold(false);
      gated.counter.reset();
      const alone = await post();
      expect(alone.errors).toBeUndefined();
      const requestsAlone = gated.counter.total;

      gate.hold(true);
      gated.counter.reset();
      const arrivedBefore = gate.arrived;
      // The one that stays starts first: a signal kept anywhere shared would be the later one's.
      const staying = post();
      await gate.arrival(arrivedBefore + LISTING_SHARDS);
      const leaving = hangingRequest(server.url, BODY);
      await gate.arrival(arrivedBefore + 2 * LISTING_SHARDS);
      leaving.hangUp();
      await server.closed;
      gate.hold(false);
      gate.release();
      expect(await staying).toEqual(alone);
      await settle();
      // The one that stayed made all its requests; the one that left, only its first.
      expect(gated.counter.total).toBe(requestsAlone + LISTING_SHARDS);
    } finally {
      gate.hold(false);
      gate.release();
      await server.close();
    }
  });
});

describe('a query with many DynamoDB requests side by side', () => {
  it('shares its signal among them without a listener-leak warning', async () => {
    // Each party's articles are one Query, all in flight at once, each listening to the signal.
    for (let i = 0; i < 15; i++) await createParty(call, { name: `Side by side ${i}`, kind: 'GROUP' });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      gate.hold(false);
      gated.counter.reset();
      const yoga = createServer({ db: gated, logError: () => {} });
      const response = await yoga.fetch('http://claimgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ parties(first: 30) { edges { node { articles(first: 1) { edges { node { id } } } } } } }',
        }),
      });
      expect((await response.json()).errors).toBeUndefined();
      expect(gated.counter.total).toBeGreaterThan(15);
      // Warnings are emitted on the next tick.
      await settle();
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
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

describe('a mutation', () => {
  const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { title } userErrors { code } } }`;
  const ingestBody = (title: string) =>
    JSON.stringify({ query: INGEST, variables: { input: { text: `${plainText(7)}\n${title}.`, title } } });
  const stored = async (title: string) => {
    const listed = await dataOf(call('{ articles(first: 20) { edges { node { title } } } }'));
    return listed.articles.edges.some((edge: { node: { title: string } }) => edge.node.title === title);
  };

  it('runs past the time budget to the end', async () => {
    const yoga = createServer({ db: gated, adminKey: TEST_ADMIN_KEY, logError: () => {}, timeBudgetMs: 100 });
    const title = 'Written past the budget';
    gate.hold(true);
    const arrivedBefore = gate.arrived;
    try {
      const answer = yoga.fetch('http://claimgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...ADMIN_HEADERS },
        body: ingestBody(title),
      });
      await gate.arrival(arrivedBefore + 1);
      await settle();
      gate.hold(false);
      gate.release();
      const response = await answer;
      const body = await response.json();
      expect(body.errors).toBeUndefined();
      expect(body.data.ingestArticle).toEqual({ article: { title }, userErrors: [] });
      expect(await stored(title)).toBe(true);
    } finally {
      gate.hold(false);
      gate.release();
    }
  });

  it('runs to the end when its client hangs up', async () => {
    const server = await listen({ adminKey: TEST_ADMIN_KEY });
    const title = 'Written for a client gone';
    try {
      gate.hold(true);
      const arrivedBefore = gate.arrived;
      const client = hangingRequest(server.url, ingestBody(title), ADMIN_HEADERS);
      await gate.arrival(arrivedBefore + 1);
      client.hangUp();
      await server.closed;
      gate.hold(false);
      gate.release();
      await expect.poll(() => stored(title), { timeout: 10_000 }).toBe(true);
    } finally {
      gate.hold(false);
      gate.release();
      await server.close();
    }
  });
});
