import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../lib/api-key.js';
import type { Db } from '../lib/store/client.js';
import { createTestDb, graphqlCaller, ingest, plainText, scanTable, TEST_ADMIN_KEY, type Caller } from './support.js';

const MUTATION = 'mutation { createParty(input: { name: "Auth Test Party", kind: PERSON }) { party { name } userErrors { code } } }';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let db: Db;
let call: Caller;
let articleId: string;
beforeAll(async () => {
  db = await createTestDb();
  call = graphqlCaller(db);
  articleId = (await ingest(call, { text: plainText(8) })).id;
});

async function status(caller: Caller, query: string, headers: Record<string, string>) {
  const response = await caller.yoga.fetch('http://claimgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('API keys', () => {
  it('refuses a mutation without a key (401 UNAUTHENTICATED) and with a read key (403 FORBIDDEN)', async () => {
    const none = await status(call, MUTATION, {});
    expect(none.status).toBe(401);
    expect(none.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(none.body.errors[0].message).toMatch(/npm run keys -- create/);
    const { secret } = await createApiKey(db, 'reader', 'read');
    const reader = await status(call, MUTATION, bearer(secret));
    expect(reader.status).toBe(403);
    expect(reader.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await scanTable(db)).some((item) => item.name === 'Auth Test Party')).toBe(false);
  });

  it('accepts write and admin keys, and the bootstrap admin key', async () => {
    const { secret: writer } = await createApiKey(db, 'writer', 'write');
    const { secret: admin } = await createApiKey(db, 'admin', 'admin');
    for (const [i, key] of [writer, admin, TEST_ADMIN_KEY].entries()) {
      const result = await status(call, MUTATION.replace('Auth Test Party', `Auth Test Party ${i}`), bearer(key));
      expect(result.status).toBe(200);
      expect(result.body.data.createParty.userErrors).toEqual([]);
    }
  });

  it('stores only a hash, and a revoked key stops working at once', async () => {
    const { key, secret } = await createApiKey(db, 'short-lived', 'write');
    const table = JSON.stringify(await scanTable(db));
    expect(table).not.toContain(secret.slice('cg_'.length + 12 + 1));
    expect((await status(call, '{ __typename }', bearer(secret))).status).toBe(200);
    await revokeApiKey(db, key.id);
    const revoked = await status(call, '{ __typename }', bearer(secret));
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it.each(['Basic abc', 'Bearer', 'Bearer cg_nope', `Bearer cg_${'a'.repeat(12)}_${'b'.repeat(43)}`, `Bearer ${TEST_ADMIN_KEY}x`])(
    'refuses the malformed or unknown credential %s',
    async (authorization) => {
      const result = await status(call, '{ __typename }', { authorization });
      expect(result.status).toBe(401);
      expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    },
  );
});

describe('REQUIRE_KEY_FOR_READ', () => {
  it('closes every read path, node and nodes included, but not introspection', async () => {
    const closed = graphqlCaller(db, { requireKeyForRead: true });
    for (const query of [
      '{ articles { edges { node { id } } } }',
      `{ node(id: "${articleId}") { id } }`,
      `{ nodes(ids: ["${articleId}"]) { id } }`,
      '{ resolve(name: "x") { parties { edges { node { id } } } } }',
    ]) {
      const result = await status(closed, query, {});
      expect(result.status, query).toBe(401);
      expect(result.body.data ?? null).toBeNull();
    }
    expect((await status(closed, '{ __schema { queryType { name } } }', {})).status).toBe(200);
    const { secret } = await createApiKey(db, 'reader', 'read');
    const read = await status(closed, `{ node(id: "${articleId}") { id } }`, bearer(secret));
    expect(read.body.data.node.id).toBe(articleId);
  });
});

describe('npm run keys', () => {
  const run = promisify(execFile);
  const keys = (args: string[], tableName: string) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/keys.ts', ...args], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), TABLE_NAME: tableName },
    });

  it('creates a key printed once, lists it without the secret, and revokes it', async () => {
    const created = await keys(['create', '--name', 'ci-writer', '--scope', 'write'], db.tableName);
    const secret = /^(cg_\S+)$/m.exec(created.stdout)![1]!;
    const id = secret.split('_')[1]!;
    expect((await status(call, MUTATION.replace('Auth Test Party', 'CLI Party'), bearer(secret))).body.data.createParty.userErrors).toEqual([]);
    const listed = await keys(['list'], db.tableName);
    expect(listed.stdout).toContain('ci-writer');
    expect(listed.stdout).not.toContain(secret);
    await keys(['revoke', id], db.tableName);
    expect((await status(call, '{ __typename }', bearer(secret))).status).toBe(401);
    const bad = await keys(['create', '--name', 'x', '--scope', 'root'], db.tableName).catch((error) => error);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('scope must be one of read, write, admin');
  });
});
