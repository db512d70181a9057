/**
 * `npm run ingest` and `npm run keys` as a user runs them, against a real HTTP server over
 * DynamoDB Local: they go where the running server is (its runtime file, or --url), say where,
 * accept JSON Lines, print a line per article when the output is not a terminal, and exit
 * non-zero on a missing path, a refused key or a failed article.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../lib/dynamo.js';
import { writeRuntimeFile } from '../lib/runtime-file.js';
import { createServer } from '../server/server.js';
import { createTestDb, plainText, TEST_ADMIN_KEY } from './support.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PEPPER = 'ingest-cli-pepper-0123456789abcdefghijklmnop';

let db: Db;
let server: Server;
let url: string;
let work: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a script the way npm does, with a clean environment of its own; never rejects. */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? tmpdir(),
          CLAIMGRAPH_DATA_DIR: join(work, 'no-server'),
          CLAIMGRAPH_KEY: TEST_ADMIN_KEY,
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const ingest = (args: string[], env?: Record<string, string>) => run('scripts/ingest.ts', args, env);

async function articleCount(): Promise<number> {
  const yoga = createServer({ db, logError: () => {} });
  const response = await yoga.fetch('http://claimgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ articles(first: 100) { edges { node { id } } } }' }),
  });
  return ((await response.json()) as any).data.articles.edges.length;
}

const write = (path: string, content: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
};

beforeAll(async () => {
  db = await createTestDb();
  work = mkdtempSync(join(tmpdir(), 'claimgraph-ingest-cli-'));
  server = createHttpServer(createServer({ db, adminKey: TEST_ADMIN_KEY, pepper: PEPPER, logError: () => {} }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});

describe('npm run ingest', { timeout: 120_000 }, () => {
  it('sends .txt, .json and JSON Lines articles to the API, one progress line each, and a second run changes nothing', async () => {
    const folder = join(work, 'good');
    write(join(folder, 'a.txt'), plainText(101));
    write(join(folder, 'b.json'), JSON.stringify({ text: plainText(102), title: 'B', url: 'https://example.org/b' }));
    write(
      join(folder, 'more', 'c.jsonl'),
      `${JSON.stringify({ text: plainText(103) })}\n\n${JSON.stringify({ text: plainText(104), publisher: 'P' })}\n`,
    );
    write(join(folder, 'notes.md'), 'not an article');
    const before = await articleCount();

    const first = await ingest(['--url', url, folder]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Sending 4 article(s) to ${url}`);
    const progress = first.stdout.split('\n').filter((line) => line.startsWith('['));
    expect(progress).toHaveLength(4);
    expect(progress[0]).toMatch(/^\[1\/4\] new .*a\.txt \(\S+\)$/);
    expect(progress[2]).toMatch(/^\[3\/4\] new .*c\.jsonl:1 /);
    expect(progress[3]).toMatch(/^\[4\/4\] new .*c\.jsonl:3 /);
    expect(first.stdout).toContain('Done: 4 new, 0 already there, 0 failed.');
    expect(await articleCount()).toBe(before + 4);

    const second = await ingest(['--url', url, folder]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Done: 0 new, 4 already there, 0 failed.');
    expect(await articleCount()).toBe(before + 4);
  });

  it('reports each article it cannot send by file and line, sends the rest, and exits 1', async () => {
    const file = write(
      join(work, 'mixed.jsonl'),
      [
        JSON.stringify({ text: plainText(201) }),
        '{ not json',
        JSON.stringify({ title: 'no text' }),
        JSON.stringify({ text: plainText(202), url: 'not a url' }),
      ].join('\n'),
    );
    const before = await articleCount();
    const result = await ingest(['--url', url, file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\[1\/4\] new .*mixed\.jsonl:1/);
    expect(result.stdout).toMatch(/\[2\/4\] failed .*mixed\.jsonl:2 \(.*JSON/);
    expect(result.stdout).toMatch(/\[3\/4\] failed .*mixed\.jsonl:3 \(an article needs a "text" string\)/);
    expect(result.stdout).toMatch(/\[4\/4\] failed .*mixed\.jsonl:4 \(.*URL/i);
    expect(result.stdout).toContain('Done: 1 new, 0 already there, 3 failed.');
    expect(await articleCount()).toBe(before + 1);
  });

  it('exits 2 on a missing path and sends nothing, not even the paths that exist', async () => {
    const good = write(join(work, 'lonely.txt'), plainText(301));
    const before = await articleCount();
    const result = await ingest(['--url', url, good, join(work, 'nope.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no such file or folder: ${join(work, 'nope.txt')} (nothing was sent)`);
    expect(result.stdout).toBe('');
    expect(await articleCount()).toBe(before);
    expect((await ingest([])).code).toBe(2);
  });

  it('stops at the first refusal of the key, saying how to get one', async () => {
    const file = write(join(work, 'nokey.txt'), plainText(401));
    const before = await articleCount();
    const result = await ingest(['--url', url, file], { CLAIMGRAPH_KEY: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Set CLAIMGRAPH_KEY to a key with the write scope');
    expect(await articleCount()).toBe(before);
  });

  it('says so when no API answers', async () => {
    const closed = createHttpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await ingest([
      '--url',
      `http://127.0.0.1:${port}/graphql`,
      write(join(work, 'nowhere.txt'), plainText(501)),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no claimgraph API answers at http://127.0.0.1:${port}/graphql`);
  });

  it('goes to the running npm start by default (its runtime file), and says which one', async () => {
    const dataDir = join(work, 'running');
    writeRuntimeFile(
      { localDataDir: dataDir },
      {
        pid: process.pid,
        url,
        dynamodbEndpoint: inject('dynamodbEndpoint'),
        tableName: db.tableName,
        database: 'DynamoDB Local in memory',
      },
    );
    const before = await articleCount();
    const result = await ingest([write(join(work, 'default.txt'), plainText(601))], { CLAIMGRAPH_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Sending 1 article(s) to ${url} (the running npm start, pid ${process.pid}: table ${db.tableName} on DynamoDB Local in memory)`,
    );
    expect(await articleCount()).toBe(before + 1);
  });
});

describe('npm run keys', { timeout: 120_000 }, () => {
  it('writes into the running npm start’s database (no DynamoDB Local of its own), says so, and the key works there', async () => {
    const dataDir = join(work, 'running-keys');
    writeRuntimeFile(
      { localDataDir: dataDir },
      {
        pid: process.pid,
        url,
        dynamodbEndpoint: inject('dynamodbEndpoint'),
        tableName: db.tableName,
        database: 'DynamoDB Local in memory',
      },
    );
    const created = await run('scripts/keys.ts', ['create', '--name', 'cli', '--scope', 'write'], {
      CLAIMGRAPH_DATA_DIR: dataDir,
      CLAIMGRAPH_KEY_PEPPER: PEPPER,
    });
    expect(created.code).toBe(0);
    expect(created.stderr).toContain(
      `Keys of table ${db.tableName} on the database of the running npm start (pid ${process.pid}, ${url})`,
    );
    const key = /^(cg_\S+)$/m.exec(created.stdout)![1]!;
    const sent = await ingest(['--url', url, write(join(work, 'keyed.txt'), plainText(701))], { CLAIMGRAPH_KEY: key });
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain('Done: 1 new');
  });
});
