/**
 * `npm start` as a user runs it: a real process, real DynamoDB Local, real HTTP, Ctrl-C.
 * Nothing here waits a fixed time: each step waits for a line the server prints, bounded
 * only by the generous test timeout (Java starts slowly on a busy two-core machine).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startLocalDynamo } from '../lib/local-dynamo.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const running: ChildProcess[] = [];
const temporary: string[] = [];

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** A data folder of its own for each server, so tests never touch the project's .data/. */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimgraph-data-'));
  temporary.push(dir);
  return dir;
}

/** Starts scripts/start.ts; resolves once its output matches `until` (by default: ready). */
function start(
  args: string[],
  env: Record<string, string> = {},
  until: RegExp = /GraphiQL at (http:\/\/\S+\/graphql)/,
): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '',
      DYNAMODB_ENDPOINT: '',
      CLAIMGRAPH_HOST: '',
      CLAIMGRAPH_DATA_DIR: dataDir(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = until.exec(output);
      if (match) resolve({ child, url: match[1] ?? '', output: () => output });
    });
    child.once('exit', (code) => reject(Object.assign(new Error(`exited with ${code}:\n${output}`), { code, output })));
  });
}

/** This machine's first non-loopback IPv4 address, if it has one. */
const externalAddress = (): string | undefined =>
  Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

/** Whether anything accepts an HTTP request at `url`. */
const reachable = (url: string): Promise<boolean> =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query":"{ __typename }"}',
  }).then(
    () => true,
    () => false,
  );

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

const ADMIN_KEY = 'start-test-admin-key-42';

async function query(url: string, body: string, key?: string): Promise<any> {
  const auth: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query: body }),
  });
  return response.json();
}

/** DynamoDB Local processes whose command line contains `text` (`-port N`, a data folder), from the process table. */
function javaWith(text: string): number {
  const table = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return table.split('\n').filter((line) => line.includes('DynamoDBLocal') && line.includes(text)).length;
}
const javaOnPort = (port: string) => javaWith(`-port ${port}`);

afterAll(async () => {
  await Promise.all(running.map((child) => stop(child, 'SIGKILL')));
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('npm start', { timeout: 300_000 }, () => {
  it('runs two instances side by side, loads the sample, and Ctrl-C leaves no java behind', async () => {
    const [a, b] = await Promise.all([start(['--in-memory', '--port', '0']), start(['--in-memory', '--port', '0'])]);
    expect(a.url).not.toBe(b.url);
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    for (const instance of [a, b]) {
      const result = await query(
        instance.url,
        '{ articles { edges { node { title claims(first: 1) { edges { node { claimant { name } } } } } } } }',
      );
      expect(result.data.articles.edges[0].node.title).toBe(
        'Azerbaijani forces shell Stepanakert a day after Shushi falls',
      );
    }
    const ports = [a, b].map(
      (instance) => /DynamoDB Local .*at http:\/\/127\.0\.0\.1:(\d+)/.exec(instance.output())![1]!,
    );
    expect(ports[0]).not.toBe(ports[1]);
    expect(javaOnPort(ports[0]!)).toBe(1);
    expect(await Promise.all([stop(a.child, 'SIGINT'), stop(b.child, 'SIGTERM')])).toEqual([0, 0]);
    expect(javaOnPort(ports[0]!)).toBe(0);
    expect(javaOnPort(ports[1]!)).toBe(0);
  });

  it('listens on 127.0.0.1 only, unless --host says otherwise', async () => {
    const external = externalAddress();
    const [local, open] = await Promise.all([
      start(['--in-memory', '--no-samples', '--port', '0']),
      start(['--in-memory', '--no-samples', '--port', '0', '--host', '0.0.0.0']),
    ]);
    const portOf = (url: string) => new URL(url).port;
    expect(await reachable(local.url)).toBe(true);
    expect(local.output()).not.toContain('other machines can reach the API');
    expect(open.output()).toContain('Listening on 0.0.0.0: other machines can reach the API');
    // DynamoDB Local (no authentication) is bound to 127.0.0.1 where a JDK can build the launcher, as here.
    const dynamoUrl = (instance: Started) =>
      /DynamoDB Local in memory at (http:\/\/127\.0\.0\.1:\d+) \(this machine only\)/.exec(instance.output())?.[1];
    expect(dynamoUrl(local)).toBeDefined();
    expect(await reachable(dynamoUrl(local)!)).toBe(true);
    if (external) {
      // The same port on this machine's network address: refused for the default, answered with --host 0.0.0.0.
      expect(await reachable(`http://${external}:${portOf(local.url)}/graphql`)).toBe(false);
      expect(await reachable(`http://${external}:${portOf(open.url)}/graphql`)).toBe(true);
      for (const instance of [local, open])
        expect(await reachable(dynamoUrl(instance)!.replace('127.0.0.1', external))).toBe(false);
    } else {
      console.warn('no non-loopback IPv4 address on this machine: reachability from outside not checked');
    }
    expect(await Promise.all([stop(local.child), stop(open.child)])).toEqual([0, 0]);
  });

  // Each point of start-up is reached by waiting for the line printed just before it.
  it.each([
    ['while DynamoDB Local starts', /Starting DynamoDB Local \(Java, pid (\d+)\)\.\.\./],
    ['while the table is created', /Using DynamoDB Local/],
    ['while the sample loads', /Loading the sample articles\.\.\./],
    ['once ready', /GraphiQL at (http:\/\/\S+\/graphql)/],
  ])('Ctrl-C %s stops cleanly: exit 0, no java, no runtime file or lock left', async (_when, line) => {
    const dir = dataDir();
    const instance = await start(['--port', '0'], { CLAIMGRAPH_DATA_DIR: dir }, line);
    // Java has been spawned at each point (its pid is printed first): the signal finds it running.
    const javaPid = Number(/Starting DynamoDB Local \(Java, pid (\d+)\)/.exec(instance.output())![1]);
    expect(() => process.kill(javaPid, 0)).not.toThrow();
    expect(await stop(instance.child, 'SIGINT')).toBe(0);
    expect(() => process.kill(javaPid, 0)).toThrow();
    expect(instance.output()).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(javaWith(dir)).toBe(0);
    expect(existsSync(join(dir, 'server.json'))).toBe(false);
    expect(existsSync(join(dir, 'dynamodb.lock'))).toBe(false);
  });

  it('keeps data under the data folder across a restart, and --no-samples skips the sample', async () => {
    const dir = dataDir();
    const first = await start(['--no-samples', '--port', '0'], {
      CLAIMGRAPH_DATA_DIR: dir,
      CLAIMGRAPH_ADMIN_KEY: ADMIN_KEY,
    });
    // The pepper of this install: made on first start, readable by its owner only, kept across restarts.
    const pepper = readFileSync(join(dir, 'key-pepper'), 'utf8');
    expect(statSync(join(dir, 'key-pepper')).mode & 0o777).toBe(0o600);
    expect((await query(first.url, '{ articles { edges { node { id } } } }')).data.articles.edges).toEqual([]);
    const mutation = 'mutation { ingestArticle(input: { text: "Kept across restarts." }) { article { id } } }';
    expect((await query(first.url, mutation)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const created = await query(first.url, mutation, ADMIN_KEY);
    await stop(first.child);
    const second = await start(['--no-samples', '--port', '0'], { CLAIMGRAPH_DATA_DIR: dir });
    const after = await query(second.url, '{ articles { edges { node { id } } } }');
    expect(after.data.articles.edges.map((e: any) => e.node.id)).toEqual([created.data.ingestArticle.article.id]);
    expect(readFileSync(join(dir, 'key-pepper'), 'utf8')).toBe(pepper);
    await stop(second.child);
  });

  it('uses an existing DynamoDB named by DYNAMODB_ENDPOINT, and ingests enqueueArticles in-process', async () => {
    const instance = await start(['--port', '0'], {
      CLAIMGRAPH_ADMIN_KEY: ADMIN_KEY,
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      TABLE_NAME: `start-${process.pid}-${Math.random().toString(36).slice(2)}`,
    });
    expect(instance.output()).toContain(`Using DynamoDB at ${inject('dynamodbEndpoint')}`);
    expect((await query(instance.url, '{ articles { edges { node { title } } } }')).data.articles.edges).toHaveLength(
      1,
    );
    // enqueueArticles works offline: the in-process queue runs the worker code, and says when it is done.
    const drained = new Promise<void>((resolve) => {
      const check = () => /Ingest queue empty: 1 articles ingested/.test(instance.output()) && resolve();
      instance.child.stdout!.on('data', check);
      check();
    });
    const enqueued = await query(
      instance.url,
      'mutation { enqueueArticles(input: { articles: [{ text: "Queued offline." }, { text: "" }] }) { articles { id status } userErrors { field } } }',
      ADMIN_KEY,
    );
    expect(enqueued.data.enqueueArticles.articles.map((a: any) => a.status)).toEqual(['QUEUED', 'INVALID']);
    expect(enqueued.data.enqueueArticles.userErrors).toEqual([{ field: ['input', 'articles', '1', 'text'] }]);
    await drained;
    const id = enqueued.data.enqueueArticles.articles[0].id;
    expect((await query(instance.url, `{ node(id: "${id}") { id } }`)).data.node).toEqual({ id });
    await stop(instance.child);
  });

  it('says in one line what to install when java is missing, and exits', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'claimgraph-bin-'));
    temporary.push(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const failure = await start(['--in-memory', '--port', '0'], { PATH: bin }).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.output).toMatch(
      /`java` was not found\. DynamoDB Local needs Java 17 or newer\. Install it \(Debian\/Ubuntu: apt-get install -y openjdk-17-jre-headless\)/,
    );
  });

  it('fails fast on bad configuration, naming the variable', async () => {
    const failure = await start(['--in-memory'], { PORT: 'eighty' }).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.output).toContain('PORT must be an integer');
  });
});

describe('DynamoDB Local', { timeout: 300_000 }, () => {
  it('is bound to 127.0.0.1 where javac can build the launcher, and says when it cannot (a bare JRE)', async () => {
    const external = externalAddress();
    const withJdk = await startLocalDynamo({ launcherCache: dataDir() });
    // No javac on the PATH, and an empty launcher cache: the jar alone, on every interface.
    const bin = dataDir();
    symlinkSync(execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim(), join(bin, 'java'));
    const path = process.env.PATH;
    process.env.PATH = bin;
    const jreOnly = await startLocalDynamo({ launcherCache: dataDir() }).finally(() => {
      process.env.PATH = path;
    });
    try {
      expect(withJdk.loopbackOnly).toBe(true);
      expect(jreOnly.loopbackOnly).toBe(false);
      for (const local of [withJdk, jreOnly]) expect(await reachable(local.endpoint)).toBe(true);
      if (external) {
        expect(await reachable(withJdk.endpoint.replace('127.0.0.1', external))).toBe(false);
        expect(await reachable(jreOnly.endpoint.replace('127.0.0.1', external))).toBe(true);
      }
    } finally {
      await Promise.all([withJdk.stop(), jreOnly.stop()]);
    }
  });
});
