/**
 * `npm start` as a user runs it: a real process, real DynamoDB Local, real HTTP, Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const running: ChildProcess[] = [];
const temporary: string[] = [];

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts scripts/start.ts and resolves once it says it is ready. */
function start(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: '', DYNAMODB_ENDPOINT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 90 s:\n${output}`)), 90_000);
    child.stdout!.on('data', () => {
      const match = /GraphiQL at (http:\/\/localhost:\d+\/graphql)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`exited with ${code}:\n${output}`), { code, output }));
    });
  });
}

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
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query: body }) });
  return response.json();
}

/** Java processes serving DynamoDB Local on `port`, from the process table. */
async function javaOnPort(port: string): Promise<number> {
  const { execFileSync } = await import('node:child_process');
  const table = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return table.split('\n').filter((line) => line.includes('DynamoDBLocal') && line.includes(`-port ${port}`)).length;
}

afterAll(async () => {
  await Promise.all(running.map((child) => stop(child, 'SIGKILL')));
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('runs two instances side by side, loads the sample, and Ctrl-C leaves no java behind', async () => {
    const [a, b] = await Promise.all([start(['--in-memory', '--port', '0']), start(['--in-memory', '--port', '0'])]);
    expect(a.url).not.toBe(b.url);
    for (const instance of [a, b]) {
      const result = await query(instance.url, '{ articles { edges { node { title claims(first: 1) { edges { node { claimant { name } } } } } } } }');
      expect(result.data.articles.edges[0].node.title).toBe('Azerbaijani forces shell Stepanakert a day after Shushi falls');
    }
    const ports = [a, b].map((instance) => /DynamoDB Local .*at http:\/\/127\.0\.0\.1:(\d+)/.exec(instance.output())![1]!);
    expect(ports[0]).not.toBe(ports[1]);
    expect(await javaOnPort(ports[0]!)).toBe(1);
    expect(await Promise.all([stop(a.child, 'SIGINT'), stop(b.child, 'SIGTERM')])).toEqual([0, 0]);
    expect(await javaOnPort(ports[0]!)).toBe(0);
    expect(await javaOnPort(ports[1]!)).toBe(0);
  });

  it('keeps data under the data folder across a restart, and --no-samples skips the sample', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'claimgraph-data-'));
    temporary.push(dataDir);
    const first = await start(['--no-samples', '--port', '0'], { CLAIMGRAPH_DATA_DIR: dataDir, CLAIMGRAPH_ADMIN_KEY: ADMIN_KEY });
    expect((await query(first.url, '{ articles { edges { node { id } } } }')).data.articles.edges).toEqual([]);
    const mutation = 'mutation { ingestArticle(input: { text: "Kept across restarts." }) { article { id } } }';
    expect((await query(first.url, mutation)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const created = await query(first.url, mutation, ADMIN_KEY);
    await stop(first.child);
    const second = await start(['--no-samples', '--port', '0'], { CLAIMGRAPH_DATA_DIR: dataDir });
    const after = await query(second.url, '{ articles { edges { node { id } } } }');
    expect(after.data.articles.edges.map((e: any) => e.node.id)).toEqual([created.data.ingestArticle.article.id]);
    await stop(second.child);
  });

  it('uses an existing DynamoDB named by DYNAMODB_ENDPOINT', async () => {
    const instance = await start(['--port', '0'], { DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), TABLE_NAME: `start-${Date.now()}` });
    expect(instance.output()).toContain(`Using DynamoDB at ${inject('dynamodbEndpoint')}`);
    expect((await query(instance.url, '{ articles { edges { node { title } } } }')).data.articles.edges).toHaveLength(1);
    await stop(instance.child);
  });

  it('says in one line what to install when java is missing, and exits', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'claimgraph-bin-'));
    temporary.push(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const failure = await start(['--in-memory', '--port', '0'], { PATH: bin }).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.output).toMatch(/`java` was not found\. DynamoDB Local needs Java 17 or newer\. Install it \(Debian\/Ubuntu: apt-get install -y openjdk-17-jre-headless\)/);
  });

  it('fails fast on bad configuration, naming the variable', async () => {
    const failure = await start(['--in-memory'], { PORT: 'eighty' }).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.output).toContain('PORT must be an integer');
  });
});
