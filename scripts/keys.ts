/**
 * `npm run keys -- create --name NAME --scope read|write|admin` prints a new API key once;
 * `npm run keys -- list`; `npm run keys -- revoke ID`. Works on the configured database
 * (DYNAMODB_ENDPOINT, the running `npm start`'s, or the local data folder), or with `--aws`
 * on the deployed table (TABLE_NAME = the stack's TableName output; your AWS credentials).
 */
import { parseArgs } from 'node:util';
import { checkScope, createApiKey, listApiKeys, revokeApiKey } from '../lib/api-key.js';
import { ensureTable } from '../lib/bootstrap.js';
import { ConfigError, readConfig } from '../lib/config.js';
import { Db } from '../lib/store/client.js';
import { ClaimgraphError } from '../lib/errors.js';
import { JavaMissingError, openLocalDatabase } from '../lib/local-dynamo.js';

const USAGE = 'usage: npm run keys -- [--aws] create --name NAME --scope read|write|admin | list | revoke ID';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, scope: { type: 'string', default: 'write' }, aws: { type: 'boolean', default: false } },
  });
  const [command, id] = positionals;
  if (!command || !['create', 'list', 'revoke'].includes(command) || (command === 'revoke' && !id) || (command === 'create' && !values.name)) {
    console.error(USAGE);
    return 2;
  }
  const config = readConfig();
  const database = values.aws ? { endpoint: undefined, close: async () => {} } : await openLocalDatabase(config, { share: true });
  try {
    const db = new Db({ tableName: config.tableName, region: config.region, endpoint: database.endpoint });
    // The deployed table is the stack's to create; a local one may not exist yet.
    if (!values.aws) await ensureTable(db);
    if (command === 'create') {
      const { key, secret } = await createApiKey(db, values.name!, checkScope(values.scope!));
      console.log(`Created key ${key.id} "${key.name}" with scope ${key.scope}. It is shown only now:\n${secret}`);
    } else if (command === 'list') {
      console.table((await listApiKeys(db)).map(({ id: keyId, name, scope, createdAt }) => ({ id: keyId, name, scope, createdAt })));
    } else {
      await revokeApiKey(db, id!);
      console.log(`Revoked key ${id}.`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const expected = error instanceof ConfigError || error instanceof JavaMissingError || error instanceof ClaimgraphError;
    console.error(expected ? (error as Error).message : error);
    process.exit(1);
  },
);
