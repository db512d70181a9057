/**
 * `npm run keys -- create --name NAME --scope read|write|admin` prints a new API key once;
 * `npm run keys -- list`; `npm run keys -- revoke ID`. Works on the configured database
 * (DYNAMODB_ENDPOINT, the running `npm start`'s, or the local data folder) with the local
 * pepper, or with `--aws` on the deployed table (TABLE_NAME = the stack's TableName output,
 * CLAIMGRAPH_KEY_PEPPER_SECRET = its KeyPepperSecret output; your AWS credentials).
 */
import { parseArgs } from 'node:util';
import { checkScope, createApiKey, listApiKeys, PepperError, revokeApiKey } from '../lib/api-key.js';
import { readKeySecrets, sdkSecretReader, SecretsError } from '../lib/aws-secrets.js';
import { ensureTable } from '../lib/bootstrap.js';
import { ConfigError, readConfig } from '../lib/config.js';
import { Db } from '../lib/store/client.js';
import { ClaimgraphError } from '../lib/errors.js';
import { JavaMissingError, openLocalDatabase } from '../lib/local-dynamo.js';
import { localPepper } from '../lib/local-secrets.js';

const USAGE = 'usage: npm run keys -- [--aws] create --name NAME --scope read|write|admin | list | revoke ID';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      scope: { type: 'string', default: 'write' },
      aws: { type: 'boolean', default: false },
    },
  });
  const [command, id] = positionals;
  if (
    !command ||
    !['create', 'list', 'revoke'].includes(command) ||
    (command === 'revoke' && !id) ||
    (command === 'create' && !values.name)
  ) {
    console.error(USAGE);
    return 2;
  }
  const config = readConfig();
  const database = values.aws
    ? { endpoint: undefined, tableName: undefined, description: `AWS (region ${config.region})`, close: async () => {} }
    : await openLocalDatabase(config, { share: true });
  const tableName = database.tableName ?? config.tableName;
  // On stderr: stdout carries only what scripts read (the new key).
  console.error(`Keys of table ${tableName} on ${database.description}`);
  try {
    const db = new Db({ tableName, region: config.region, endpoint: database.endpoint });
    // The deployed table is the stack's to create; a local one may not exist yet.
    if (!values.aws) await ensureTable(db);
    if (command === 'create') {
      const scope = checkScope(values.scope!);
      // The server checks keys with its pepper: on AWS the stack's secret, locally the data folder's.
      const pepper = values.aws
        ? (
            await readKeySecrets(
              { pepperSecretId: config.pepperSecretId, adminKeySecretId: undefined },
              await sdkSecretReader(config.region),
            )
          ).pepper!
        : localPepper(config);
      const { key, secret } = await createApiKey(db, values.name!, scope, pepper);
      console.log(`Created key ${key.id} "${key.name}" with scope ${key.scope}. It is shown only now:\n${secret}`);
    } else if (command === 'list') {
      console.table(
        (await listApiKeys(db)).map(({ id: keyId, name, scope, createdAt }) => ({ id: keyId, name, scope, createdAt })),
      );
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
    const expected =
      error instanceof ConfigError ||
      error instanceof JavaMissingError ||
      error instanceof ClaimgraphError ||
      error instanceof PepperError ||
      error instanceof SecretsError;
    console.error(expected ? (error as Error).message : error);
    process.exit(1);
  },
);
