/**
 * Queries run against the read schema built at start; mutations, introspection and documents
 * naming a write-side type run against the whole schema, built on the first request that needs
 * it (schema/index.ts, server/write-side.ts). Through yoga.fetch, as clients call it. The tests
 * run in order: the first one needs a process where nothing has built the whole schema yet.
 */
import { type GraphQLSchema, getIntrospectionQuery } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { beforeAll, describe, expect, it } from 'vitest';
import { isWholeSchemaBuilt, readSchema, wholeSchema } from '../schema/index.js';
import { useWriteSide } from '../server/write-side.js';
import { sha256Hex } from '../server/persisted-operations.js';
import { ADMIN_HEADERS, type Caller, createTestDb, dataOf, graphqlCaller, ingest, plainText } from './support.js';

let call: Caller;
beforeAll(async () => {
  call = graphqlCaller(await createTestDb());
});

describe('the write side', () => {
  it('is not built to answer queries', async () => {
    const data = await dataOf(call('{ __typename articles(first: 5) { edges { node { id title } } } }'));
    expect(data.__typename).toBe('Query');
    expect(isWholeSchemaBuilt()).toBe(false);
  });

  it('is built by the first mutation, which runs as on any server', async () => {
    const { id } = await ingest(call, { text: plainText(1), title: 'One' });
    expect(isWholeSchemaBuilt()).toBe(true);
    const data = await dataOf(call(`{ node(id: "${id}") { ... on Article { title } } }`));
    expect(data.node.title).toBe('One');
  });

  it('is what introspection shows: the whole API', async () => {
    const data = await dataOf(call(getIntrospectionQuery()));
    expect(data.__schema.mutationType).toMatchObject({ name: 'Mutation' });
    const names = data.__schema.types.map((type: { name: string }) => type.name);
    expect(names).toEqual(expect.arrayContaining(['Query', 'Claim', 'Mutation', 'CreateClaimInput', 'UserError']));
    const mutation = await dataOf(call('{ __type(name: "Mutation") { fields { name } } }'));
    expect(mutation.__type.fields.map((field: { name: string }) => field.name)).toContain('ingestArticle');
  });

  it('answers a query naming a write-side type as the whole schema does', async () => {
    // Not "Unknown type": the type exists in the API, and the error is what is wrong with the query.
    const { errors } = await call('query Q($draft: CreatePartyInput) { __typename }', { draft: null });
    expect(errors?.map((error) => error.message)).toEqual(['Variable "$draft" is never used in operation "Q".']);
  });

  it('runs a mutation sent as a persisted query, by its hash alone', async () => {
    const query = 'mutation Named($input: CreatePartyInput!) { createParty(input: $input) { party { name } } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } };
    const send = async (body: object) => {
      const response = await call.yoga.fetch('http://claimgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...ADMIN_HEADERS },
        body: JSON.stringify(body),
      });
      return response.json();
    };
    const input = (name: string) => ({ input: { name, kind: 'ARMED_FORCE' } });
    expect((await send({ query, variables: input('First Force'), extensions })).data.createParty.party.name).toBe(
      'First Force',
    );
    const byHash = await send({ variables: input('Second Force'), extensions });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data.createParty.party.name).toBe('Second Force');
  });

  it('sets each request its own schema: a query after a mutation runs against the read schema again', async () => {
    // envelop's setSchema outlives the request that calls it: the plugin must set the read
    // schema back, or every query after the first mutation would run against the whole one.
    const used: GraphQLSchema[] = [];
    const recordSchema: Plugin = {
      onExecute({ args }) {
        used.push(args.schema);
      },
    };
    const yoga = createYoga({ schema: readSchema, plugins: [useWriteSide(), recordSchema], logging: false });
    for (const query of ['{ __typename }', 'mutation { __typename }', '{ __typename }', '{ __typename }']) {
      const response = await yoga.fetch('http://claimgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect((await response.json()).errors, query).toBeUndefined();
    }
    expect(used).toEqual([readSchema, wholeSchema(), readSchema, readSchema]);
  });
});
