/**
 * `npm start`: the API on this machine. Starts DynamoDB Local (unless DYNAMODB_ENDPOINT
 * names one), creates the table, loads the sample article and serves GraphQL with
 * GraphiQL at http://localhost:4000/graphql.
 *
 *   --in-memory   a fresh in-memory database instead of the one kept under .data/
 *   --no-samples  do not load the sample article
 *   --port N      listen on N (default: PORT, else 4000)
 */
import { createServer as createHttpServer } from 'node:http';
import { parseArgs } from 'node:util';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { ensureTable, loadSamples } from '../lib/bootstrap.js';
import { ConfigError, readConfig } from '../lib/config.js';
import { Db } from '../lib/store/client.js';
import { JavaMissingError, openLocalDatabase } from '../lib/local-dynamo.js';
import { createServer, settingsFrom } from '../server/server.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'in-memory': { type: 'boolean', default: false },
      'no-samples': { type: 'boolean', default: false },
      port: { type: 'string' },
    },
  });
  const config = readConfig(values.port ? { ...process.env, PORT: values.port } : process.env);

  const database = await openLocalDatabase(config, { inMemory: values['in-memory'] });
  console.log(`Using ${database.description}`);

  const stop = async (code: number) => {
    server.close();
    await database.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  const db = new Db({ tableName: config.tableName, region: config.region, endpoint: database.endpoint });
  const table = await ensureTable(db);
  console.log(`Table ${config.tableName}: ${table}`);
  if (!values['no-samples']) {
    for (const result of await loadSamples(db)) {
      console.log(`Sample "${result.article.title}": ${result.created ? 'loaded' : 'already there'} (${result.article.claimIds.length} claims)`);
    }
  }

  const yoga = createServer({ db, ...settingsFrom(config), renderGraphiQL });
  const server = createHttpServer(yoga);
  server.on('error', async (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${config.port} is in use: pass --port N or set PORT.` : error.message);
    await stop(1);
  });
  server.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`claimgraph is ready: GraphiQL at http://localhost:${port}${yoga.graphqlEndpoint}`);
    if (!config.adminKey) {
      console.log('Reads are open; changes need an API key. Get one with: npm run keys -- create --name me --scope write');
      console.log('(then send "Authorization: Bearer <key>", e.g. in GraphiQL\'s Headers tab), or set CLAIMGRAPH_ADMIN_KEY.');
    }
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

