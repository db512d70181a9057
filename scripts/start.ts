/**
 * `npm start`: the API on this machine. Starts DynamoDB Local (unless DYNAMODB_ENDPOINT
 * names one), creates the table, loads the sample article and serves GraphQL with
 * GraphiQL at http://127.0.0.1:4000/graphql, and the example front end (web/) at http://127.0.0.1:4000/.
 *
 *   --in-memory   a fresh in-memory database instead of the one kept under .data/
 *   --no-samples  do not load the sample article
 *   --port N      listen on N (default: PORT, else 4000)
 *   --host H      listen on H (default: CLAIMGRAPH_HOST, else 127.0.0.1: this machine only)
 *
 * Ctrl-C (or SIGTERM) at any moment, start-up included, stops the server and DynamoDB Local.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { PepperError } from '../lib/api-key.js';
import { checkStoreLayout, ensureTable, loadSamples, StoreLayoutError } from '../lib/bootstrap.js';
import { ConfigError, readConfig } from '../lib/config.js';
import { Db } from '../lib/store/client.js';
import { JavaMissingError, openLocalDatabase, StartAbortedError } from '../lib/local-dynamo.js';
import { localPepper } from '../lib/local-secrets.js';
import { InMemoryQueue } from '../lib/queue.js';
import { removeRuntimeFile, writeRuntimeFile } from '../lib/runtime-file.js';
import { createServer, settingsFrom } from '../server/server.js';
import { withExamplePage } from '../server/web.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

type Database = Awaited<ReturnType<typeof openLocalDatabase>>;

const shutdown = new AbortController();
let database: Promise<Database> | undefined;
let server: Server | undefined;
let stopping = false;

/** Stops whatever has started so far, in reverse order, then exits. */
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Interrupts a DynamoDB Local that is still starting (it is then stopped and waited for).
  shutdown.abort();
  server?.close();
  server?.closeAllConnections();
  // A database still starting resolves (and is closed) or rejects once it has stopped Java.
  const opened = await database?.catch(() => undefined);
  await opened?.close();
  process.exit(code);
}

async function main(): Promise<void> {
  // Before anything starts: a Ctrl-C during start-up must find the handler in place.
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  const { values } = parseArgs({
    options: {
      'in-memory': { type: 'boolean', default: false },
      'no-samples': { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
    },
  });
  const config = readConfig({
    ...process.env,
    ...(values.port ? { PORT: values.port } : {}),
    ...(values.host ? { CLAIMGRAPH_HOST: values.host } : {}),
  });
  const pepper = localPepper(config);

  if (config.dynamodbEndpoint) console.log(`Using DynamoDB at ${config.dynamodbEndpoint}`);
  database = openLocalDatabase(config, {
    inMemory: values['in-memory'],
    signal: shutdown.signal,
    onSpawned: (pid) => console.log(`Starting DynamoDB Local (Java, pid ${pid})...`),
  });
  const opened = await database;
  if (!config.dynamodbEndpoint) console.log(`Using ${opened.description}`);

  const db = new Db({ tableName: config.tableName, region: config.region, endpoint: opened.endpoint });
  const table = await ensureTable(db);
  console.log(`Table ${config.tableName}: ${table}`);
  await checkStoreLayout(db);
  if (!values['no-samples']) {
    console.log('Loading the sample articles...');
    for (const result of await loadSamples(db)) {
      console.log(
        `Sample "${result.article.title}": ${result.created ? 'loaded' : 'already there'} (${result.article.claimIds.length} claims)`,
      );
    }
  }

  // enqueueArticles works offline: the worker code of the Lambda runs here, two articles at a
  // time (extraction is CPU-bound and the server shares the machine).
  const ingestQueue = new InMemoryQueue({
    db,
    concurrency: 2,
    onDrained: ({ ingested, deadLettered }) =>
      console.log(
        `Ingest queue empty: ${ingested} articles ingested since start${deadLettered ? `, ${deadLettered} failed 3 times (reasons above)` : ''}`,
      ),
  });
  const settings = settingsFrom(config);
  if (settings.persistedOperations)
    console.log(
      `Allow-list mode: only the ${settings.persistedOperations.size} operations of ${config.persistedOperationsFile} run (GraphiQL's own documents are refused).`,
    );
  const yoga = createServer({ db, ...settings, pepper, renderGraphiQL, ingestQueue });
  const http = createHttpServer(withExamplePage(yoga));
  server = http;
  http.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE' ? `Port ${config.port} is in use: pass --port N or set PORT.` : error.message,
    );
    void stop(1);
  });
  http.listen(config.port, config.host, () => {
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host.includes(':')
      ? `[${config.host}]`
      : config.host === '0.0.0.0'
        ? '127.0.0.1'
        : config.host;
    const url = `http://${shownHost}:${port}${yoga.graphqlEndpoint}`;
    writeRuntimeFile(config, {
      pid: process.pid,
      url,
      dynamodbEndpoint: opened.endpoint,
      tableName: config.tableName,
      database: opened.description,
    });
    process.once('exit', () => removeRuntimeFile(config));
    console.log(`claimgraph is ready: GraphiQL at ${url}`);
    console.log(`Claims on a map and a timeline: ${new URL('/', url)}`);
    if (!LOOPBACK.has(config.host)) {
      console.log(
        `Listening on ${config.host}: other machines can reach the API (reads are open unless REQUIRE_KEY_FOR_READ=true).`,
      );
    }
    if (!config.adminKey) {
      console.log(
        'Reads are open; changes need an API key. Get one with: npm run keys -- create --name me --scope write',
      );
      console.log(
        '(then send "Authorization: Bearer <key>", e.g. in GraphiQL\'s Headers tab), or set CLAIMGRAPH_ADMIN_KEY.',
      );
    }
  });
}

main().catch(async (error: unknown) => {
  // Interrupted start-up: whatever failed did so because it was being stopped.
  if (stopping || error instanceof StartAbortedError) return;
  if (
    error instanceof ConfigError ||
    error instanceof JavaMissingError ||
    error instanceof PepperError ||
    error instanceof StoreLayoutError
  ) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  await stop(1);
});
