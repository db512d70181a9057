import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Db } from '../lib/store/client.js';
import { LIMITS } from '../server/limits.js';
import { createServer } from '../server/server.js';
import { createTestDb } from './support.js';

let server: Server;
let url: string;
beforeAll(async () => {
  const yoga = createServer({ db: await createTestDb(), logError: () => {} });
  server = createHttpServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('GraphQL over HTTP (graphql-http audits, real HTTP)', () => {
  const audits = serverAudits({ url: () => url });
  it.each(audits.filter((audit) => audit.name.startsWith('MUST')).map((audit) => [audit.name, audit] as const))(
    '%s',
    async (_, audit) => {
      const result = await audit.fn();
      expect(result, result.status === 'ok' ? '' : result.reason).toMatchObject({ status: 'ok' });
    },
  );

  it('passes every SHOULD audit too, or says why not', async () => {
    const failed: string[] = [];
    for (const audit of audits.filter((a) => a.name.startsWith('SHOULD'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(`${audit.name}: ${result.reason}`);
    }
    expect(failed).toEqual([]);
  });
});

describe('tools that load the schema from a URL', () => {
  it("get graphql-js's full introspection query answered over HTTP", async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({
        query: getIntrospectionQuery({
          descriptions: true,
          specifiedByUrl: true,
          directiveIsRepeatable: true,
          schemaDescription: true,
          inputValueDeprecation: true,
        }),
        operationName: 'IntrospectionQuery',
      }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    const claim = body.data.__schema.types.find((type: any) => type.name === 'Claim');
    expect(claim.fields.map((field: any) => field.name)).toEqual(
      expect.arrayContaining(['claimant', 'locations', 'related']),
    );
    expect(body.extensions.cost.limit).toBeGreaterThan(body.extensions.cost.requested);
  });
});

/** POSTs `body` in chunks with no Content-Length (chunked transfer), as a client streaming its upload does. */
function postChunked(body: string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, json: JSON.parse(text) }));
      },
    );
    // The server may answer before it has read it all: the rest is then refused, which is its right.
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    for (let at = 0; at < body.length; at += 64 * 1024) request.write(body.slice(at, at + 64 * 1024));
    request.end();
  });
}

describe('request bodies over HTTP', () => {
  it('counts a chunked body with no Content-Length against the limit, and answers one under it', async () => {
    const query = 'query($t: String!) { resolve(name: $t) { parties { edges { node { id } } } } }';
    const over = await postChunked(JSON.stringify({ query, variables: { t: 'x'.repeat(LIMITS.bodyBytes) } }));
    expect(over.status).toBe(413);
    expect(over.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const under = await postChunked(JSON.stringify({ query: '{ __typename }' }));
    expect(under.status).toBe(200);
    expect(under.json.data).toEqual({ __typename: 'Query' });
  });
});

describe('errors over HTTP', () => {
  it('answers a malformed JSON body in production with a plain BAD_REQUEST', async () => {
    const production = createHttpServer(
      createServer({ db: await createTestDb(), production: true, logError: () => {} }),
    );
    await new Promise<void>((resolve) => production.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(production.address() as AddressInfo).port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: '{"query": "mutation { deleteArticle(input: {id: \\"',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }],
      });
    } finally {
      await new Promise<void>((resolve) => production.close(() => resolve()));
    }
  });

  it('masks an unexpected error (a missing table) with a code and no stack trace', async () => {
    const yoga = createServer({
      db: new Db({ tableName: 'no-such-table', region: 'us-east-1', endpoint: inject('dynamodbEndpoint') }),
      logError: () => {},
    });
    const response = await yoga.fetch('http://claimgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles(first: 1) { edges { node { id } } } }' }),
    });
    const body = await response.json();
    expect(body.errors).toEqual([
      expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/no-such-table|ResourceNotFound|\.ts:\d+/);
  });
});
