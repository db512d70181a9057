/** Test support: a fresh table on the run's DynamoDB Local, and a GraphQL caller through yoga.fetch. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTable } from '../lib/bootstrap.js';
import { Db } from '../lib/store/client.js';
import { createServer, type ServerOptions } from '../server/server.js';

export async function createTestDb(): Promise<Db> {
  const db = new Db({
    tableName: `test-${randomBytes(6).toString('hex')}`,
    region: 'us-east-1',
    endpoint: inject('dynamodbEndpoint'),
  });
  await ensureTable(db);
  return db;
}

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The admin key of test servers (what CLAIMGRAPH_ADMIN_KEY is in a deployment). */
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789';
export const ADMIN_HEADERS = { authorization: `Bearer ${TEST_ADMIN_KEY}` };

/**
 * Calls the server the way a client does: an HTTP request through yoga.fetch, with the
 * admin key unless `headers` says otherwise.
 */
export function graphqlCaller(db: Db, options: Omit<Partial<ServerOptions>, 'db'> = {}) {
  const yoga = createServer({ db, adminKey: TEST_ADMIN_KEY, logError: () => {}, ...options });
  const call = async <T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = ADMIN_HEADERS,
  ): Promise<GraphQLResult<T>> => {
    const response = await yoga.fetch('http://claimgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };
  return Object.assign(call, { yoga });
}

/** Fails with the GraphQL errors when there are any; returns the data. */
export async function dataOf<T = any>(result: Promise<GraphQLResult<T>> | GraphQLResult<T>): Promise<T> {
  const { data, errors } = await result;
  if (errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(errors, null, 2)}`);
  return data as T;
}

export type Caller = ReturnType<typeof graphqlCaller>;

/** An article text with no attributions, so extraction adds no claims of its own. */
export const plainText = (n: number) =>
  `Report number ${n}.\nThe weather in the valley was calm on day ${n}, and the roads were open to traffic.`;

export async function ingest(call: Caller, input: Record<string, unknown>): Promise<{ id: string; text: string }> {
  const data = await dataOf(
    call(
      `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id text } created userErrors { field message code } } }`,
      { input },
    ),
  );
  if (data.ingestArticle.userErrors.length) throw new Error(JSON.stringify(data.ingestArticle.userErrors));
  return data.ingestArticle.article;
}

export async function createParty(call: Caller, input: Record<string, unknown>): Promise<string> {
  const data = await dataOf(
    call(`mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id } userErrors { message } } }`, {
      input,
    }),
  );
  if (data.createParty.userErrors.length) throw new Error(JSON.stringify(data.createParty.userErrors));
  return data.createParty.party.id;
}

export async function createLocation(call: Caller, input: Record<string, unknown>): Promise<string> {
  const data = await dataOf(
    call(
      `mutation($input: CreateLocationInput!) { createLocation(input: $input) { location { id } userErrors { message } } }`,
      { input },
    ),
  );
  if (data.createLocation.userErrors.length) throw new Error(JSON.stringify(data.createLocation.userErrors));
  return data.createLocation.location.id;
}

export async function createClaim(
  call: Caller,
  input: Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  const data = await dataOf(
    call(
      `mutation($input: CreateClaimInput!) { createClaim(input: $input) { claim { id version } userErrors { field message code } } }`,
      { input },
    ),
  );
  if (data.createClaim.userErrors.length) throw new Error(JSON.stringify(data.createClaim.userErrors));
  return data.createClaim.claim;
}

export { scanTable } from '../lib/store/integrity.js';

/** Follows a connection to its end, `first` at a time, returning every node. */
export async function allPages<T>(
  fetchPage: (
    after: string | null,
  ) => Promise<{ edges: { cursor: string; node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>,
): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await fetchPage(after);
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}
