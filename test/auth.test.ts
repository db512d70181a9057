import { execFile } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cachedSecrets, createApiKey, newPepper, revokeApiKey, type KeySecrets } from '../lib/api-key.js';
import type { Db } from '../lib/store/client.js';
import { localPepper, localPepperPath } from '../lib/local-secrets.js';
import { createTestDb, graphqlCaller, ingest, plainText, scanTable, TEST_ADMIN_KEY, type Caller } from './support.js';

/** The pepper of the test servers (what the data folder's key-pepper file is to `npm start`). */
const TEST_PEPPER = 'test-pepper-0123456789abcdefghijklmnopqrstuvwxyz';

const MUTATION =
  'mutation { createParty(input: { name: "Auth Test Party", kind: PERSON }) { party { name } userErrors { code } } }';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let db: Db;
let call: Caller;
let articleId: string;
beforeAll(async () => {
  db = await createTestDb();
  call = graphqlCaller(db, { pepper: TEST_PEPPER });
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
    const { secret } = await createApiKey(db, 'reader', 'read', TEST_PEPPER);
    const reader = await status(call, MUTATION, bearer(secret));
    expect(reader.status).toBe(403);
    expect(reader.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await scanTable(db)).some((item) => item.name === 'Auth Test Party')).toBe(false);
  });

  it('accepts write and admin keys, and the bootstrap admin key', async () => {
    const { secret: writer } = await createApiKey(db, 'writer', 'write', TEST_PEPPER);
    const { secret: admin } = await createApiKey(db, 'admin', 'admin', TEST_PEPPER);
    for (const [i, key] of [writer, admin, TEST_ADMIN_KEY].entries()) {
      const result = await status(call, MUTATION.replace('Auth Test Party', `Auth Test Party ${i}`), bearer(key));
      expect(result.status).toBe(200);
      expect(result.body.data.createParty.userErrors).toEqual([]);
    }
  });

  it('stores only a hash, and a revoked key stops working at once', async () => {
    const { key, secret } = await createApiKey(db, 'short-lived', 'write', TEST_PEPPER);
    const table = JSON.stringify(await scanTable(db));
    expect(table).not.toContain(secret.slice('cg_'.length + 12 + 1));
    expect((await status(call, '{ __typename }', bearer(secret))).status).toBe(200);
    await revokeApiKey(db, key.id);
    const revoked = await status(call, '{ __typename }', bearer(secret));
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    'Basic abc',
    'Bearer',
    'Bearer cg_nope',
    `Bearer cg_${'a'.repeat(12)}_${'b'.repeat(43)}`,
    `Bearer ${TEST_ADMIN_KEY}x`,
  ])('refuses the malformed or unknown credential %s', async (authorization) => {
    const result = await status(call, '{ __typename }', { authorization });
    expect(result.status).toBe(401);
    expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('key items written by someone else (the pepper)', () => {
  // Whoever reaches DynamoDB Local (it has no authentication) can write items: such an item
  // must authorise nothing, whatever its hash, unless it was made with the server's pepper.
  const forge = async (hashFields: (id: string, secret: string) => Record<string, string>) => {
    const id = randomBytes(9).toString('base64url').replace(/_/g, '-');
    const secret = randomBytes(32).toString('base64url');
    const item = {
      pk: `APIKEY#${id}`,
      sk: 'APIKEY',
      id,
      name: 'forged',
      scope: 'admin',
      createdAt: '2026-01-01T00:00:00.000Z',
      ...hashFields(id, secret),
    };
    await db.documents.send(new PutCommand({ TableName: db.tableName, Item: item }));
    return `cg_${id}_${secret}`;
  };
  const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
  const hmac = (pepper: string, value: string) => createHmac('sha256', pepper).update(value).digest('hex');

  it.each([
    [
      'a plain SHA-256 of the secret (the old format)',
      (_id: string, secret: string) => ({ secretHash: sha256(secret) }),
    ],
    ['a plain SHA-256 in the new attribute', (_id: string, secret: string) => ({ keyMac: sha256(secret) })],
    [
      'an HMAC keyed with another pepper',
      (id: string, secret: string) => ({ keyMac: hmac(newPepper(), `${id}\nadmin\n${secret}`) }),
    ],
    ['an HMAC with an empty pepper', (id: string, secret: string) => ({ keyMac: hmac('', `${id}\nadmin\n${secret}`) })],
  ])('authorises nothing: %s', async (_name, mac) => {
    const key = await forge(mac);
    const result = await status(call, MUTATION.replace('Auth Test Party', 'Forged Party'), bearer(key));
    expect(result.status).toBe(401);
    expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await scanTable(db)).some((item) => item.name === 'Forged Party')).toBe(false);
  });

  it('a key made with the pepper works; raising its scope in the table breaks it instead of promoting it', async () => {
    const { key, secret } = await createApiKey(db, 'to-be-promoted', 'read', TEST_PEPPER);
    expect((await status(call, '{ __typename }', bearer(secret))).status).toBe(200);
    const keyOf = { TableName: db.tableName, Key: { pk: `APIKEY#${key.id}`, sk: 'APIKEY' } };
    const stored = (await db.documents.send(new GetCommand(keyOf))).Item!;
    expect(JSON.stringify(stored)).not.toContain(secret.slice(-43));
    await db.documents.send(new PutCommand({ TableName: db.tableName, Item: { ...stored, scope: 'admin' } }));
    const promoted = await status(call, MUTATION.replace('Auth Test Party', 'Promoted Party'), bearer(secret));
    expect(promoted.status).toBe(401);
  });

  it('a server with another pepper, or none, accepts no stored key (the bootstrap admin key still works)', async () => {
    const { secret } = await createApiKey(db, 'elsewhere', 'write', TEST_PEPPER);
    for (const options of [{ pepper: newPepper() }, {}]) {
      const other = graphqlCaller(db, options);
      expect((await status(other, '{ __typename }', bearer(secret))).status).toBe(401);
      expect((await status(other, '{ __typename }', bearer(TEST_ADMIN_KEY))).status).toBe(200);
    }
  });

  it('loads secrets from a source only when a request presents a key, once, and again after a failure', async () => {
    let loads = 0;
    let fail = true;
    const source = cachedSecrets(async (): Promise<KeySecrets> => {
      loads++;
      if (fail) throw new Error('Secrets Manager is unreachable');
      return { pepper: TEST_PEPPER, adminKey: undefined };
    });
    const { secret } = await createApiKey(db, 'from-source', 'write', TEST_PEPPER);
    const sourced = graphqlCaller(db, { keySecrets: source, adminKey: undefined });
    expect((await status(sourced, '{ __typename }', {})).status).toBe(200);
    expect(loads).toBe(0);
    const failed = await status(sourced, '{ __typename }', bearer(secret));
    expect(failed.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    fail = false;
    for (let i = 0; i < 3; i++) expect((await status(sourced, '{ __typename }', bearer(secret))).status).toBe(200);
    expect(loads).toBe(2);
  });

  it('caches for maxAgeMs by the given clock, so a rotated secret takes over', async () => {
    let now = 0;
    let version = 0;
    const source = cachedSecrets(async () => ({ pepper: `pepper-${++version}`, adminKey: undefined }), {
      maxAgeMs: 1000,
      now: () => now,
    });
    expect((await source()).pepper).toBe('pepper-1');
    now = 1000;
    expect((await source()).pepper).toBe('pepper-1');
    now = 1001;
    expect((await source()).pepper).toBe('pepper-2');
  });
});

describe('the local pepper file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimgraph-pepper-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is made on first use, readable by its owner only, and the same afterwards; the environment wins', () => {
    const config = { localDataDir: join(dir, 'data'), pepper: undefined };
    const first = localPepper(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(localPepperPath(config)).mode & 0o777).toBe(0o600);
    expect(localPepper(config)).toBe(first);
    expect(readFileSync(localPepperPath(config), 'utf8').trim()).toBe(first);
    expect(localPepper({ ...config, pepper: TEST_PEPPER })).toBe(TEST_PEPPER);
  });

  it('is taken back to owner-only if it was loosened, and refused if too short', () => {
    const config = { localDataDir: join(dir, 'loose'), pepper: undefined };
    localPepper(config);
    writeFileSync(localPepperPath(config), `${newPepper()}\n`, { mode: 0o644 });
    rmSync(localPepperPath(config));
    writeFileSync(localPepperPath(config), 'short\n', { mode: 0o644 });
    expect(() => localPepper(config)).toThrow(/at least 32 characters/);
    expect(statSync(localPepperPath(config)).mode & 0o777).toBe(0o600);
  });
});

describe('REQUIRE_KEY_FOR_READ', () => {
  it('closes every read path, node and nodes included, but not introspection', async () => {
    const closed = graphqlCaller(db, { requireKeyForRead: true, pepper: TEST_PEPPER });
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
    const { secret } = await createApiKey(db, 'reader', 'read', TEST_PEPPER);
    const read = await status(closed, `{ node(id: "${articleId}") { id } }`, bearer(secret));
    expect(read.body.data.node.id).toBe(articleId);
  });
});

describe('npm run keys', () => {
  const run = promisify(execFile);
  const keys = (args: string[], tableName: string) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/keys.ts', ...args], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
        TABLE_NAME: tableName,
        CLAIMGRAPH_KEY_PEPPER: TEST_PEPPER,
      },
    });

  it('creates a key printed once, lists it without the secret, and revokes it', async () => {
    const created = await keys(['create', '--name', 'ci-writer', '--scope', 'write'], db.tableName);
    const secret = /^(cg_\S+)$/m.exec(created.stdout)![1]!;
    const id = secret.split('_')[1]!;
    expect(
      (await status(call, MUTATION.replace('Auth Test Party', 'CLI Party'), bearer(secret))).body.data.createParty
        .userErrors,
    ).toEqual([]);
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
