/**
 * `npm start`: the API on this machine. Starts DynamoDB Local (unless DYNAMODB_ENDPOINT
 * names one), creates the table, loads the sample article and serves GraphQL with
 * GraphiQL at http://localhost:4000/graphql.
 *
 *   --in-memory   a fresh in-memory database instead of the one kept under .data/
 *   --no-samples  do not load the sample article
 *   --port N      listen on N (default: PORT, else 4000)
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { ensureTable, loadSamples } from '../lib/bootstrap.js';
import { ConfigError, readConfig } from '../lib/config.js';
import { Db } from '../lib/dynamo.js';
import { JavaMissingError, startLocalDynamo, type LocalDynamo } from '../lib/local-dynamo.js';
import { createServer } from '../schema/server.js';

/** Only one process may use the persisted database: a second one runs in memory. */
function lockDataDir(dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, '.lock');
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid) {
      process.kill(pid, 0); // throws when that process is gone
      return false;
    }
  } catch {
    // no lock, or a stale one
  }
  writeFileSync(lock, String(process.pid));
  process.once('exit', () => rmSync(lock, { force: true }));
  return true;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'in-memory': { type: 'boolean', default: false },
      'no-samples': { type: 'boolean', default: false },
      port: { type: 'string' },
    },
  });
  const config = readConfig(values.port ? { ...process.env, PORT: values.port } : process.env);

  let local: LocalDynamo | undefined;
  let endpoint = config.dynamodbEndpoint;
  if (!endpoint) {
    let inMemory = values['in-memory'];
    if (!inMemory && !lockDataDir(config.localDataDir)) {
      console.log('Another claimgraph instance is using .data/: this one uses a fresh in-memory database.');
      inMemory = true;
    }
    local = await startLocalDynamo(inMemory ? {} : { dataDir: config.localDataDir });
    endpoint = local.endpoint;
    console.log(`DynamoDB Local ${inMemory ? 'in memory' : 'with data in .data/'} at ${endpoint}`);
  } else {
    console.log(`Using DynamoDB at ${endpoint}`);
  }

  const stop = async (code: number) => {
    server.close();
    await local?.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  const db = new Db({ tableName: config.tableName, region: config.region, endpoint });
  const table = await ensureTable(db);
  console.log(`Table ${config.tableName}: ${table}`);
  if (!values['no-samples']) {
    for (const result of await loadSamples(db)) {
      console.log(`Sample "${result.article.title}": ${result.created ? 'loaded' : 'already there'} (${result.article.claimIds.length} claims)`);
    }
  }

  const yoga = createServer({ db, production: config.production, renderGraphiQL });
  const server = createHttpServer(yoga);
  server.on('error', async (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${config.port} is in use: pass --port N or set PORT.` : error.message);
    await stop(1);
  });
  server.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`claimgraph is ready: GraphiQL at http://localhost:${port}${yoga.graphqlEndpoint}`);
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof JavaMissingError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});

