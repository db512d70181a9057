import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { it, inject } from 'vitest';
import { Db } from '../lib/dynamo.js';
import { adminCaller, checkInvariants, injectFaults, summarize } from './fault-injection.js';
import { createTestDb, scanTable, plainText } from './support.js';
const text = 'The Armenian Defense Ministry said Azerbaijani forces shelled Stepanakert on Monday.\nThe Azerbaijani Defense Ministry said it had taken Shushi.';
const Q = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id claims(first: 100) { edges { node { id version } } } } created userErrors { code message } } }`;
it('debug lost responses', async () => {
  for (const op of ['ingest', 'create', 'update', 'delete']) {
    const clean = await createTestDb();
    const setup = adminCaller(clean);
    const art = (await setup(Q, { input: { text, url: 'https://e.org/a', publishedAt: '2020-11-09T12:00:00Z' } })).body.data.ingestArticle.article;
    const client = new DynamoDBClient({ region: 'us-east-1', endpoint: inject('dynamodbEndpoint'), credentials: { accessKeyId: 'l', secretAccessKey: 'l' }, maxAttempts: 3 });
    const faults = injectFaults(client, { only: 'TransactWriteItems', failInvocations: [op === 'ingest' ? 99 : 1], failAttempts: 1, invocationFault: 'timeout', when: 'after' });
    const logged: unknown[] = [];
    const call = adminCaller(new Db({ tableName: clean.tableName, region: 'x', client }), { logError: (e) => logged.push(e) });
    let r;
    if (op === 'ingest') { faults.setEnabled(true); r = await call(Q, { input: { text: text + '\nMore.', url: 'https://e.org/b' } }); }
    if (op === 'create') r = await call(`mutation($input: CreateClaimInput!) { createClaim(input: $input) { claim { id version } userErrors { code message } } }`, { input: { articleId: art.id, content: { start: 0, end: 10 } } });
    if (op === 'update') r = await call(`mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { id version } userErrors { code message } } }`, { input: { id: art.claims.edges[0].node.id, expectedVersion: 1, status: 'VERIFIED' } });
    if (op === 'delete') r = await call(`mutation($input: DeleteArticleInput!) { deleteArticle(input: $input) { deletedArticleId userErrors { code message } } }`, { input: { id: art.id } });
    const after = await scanTable(clean);
    console.log(op, JSON.stringify(r!.body), faults.injected, checkInvariants(after).slice(0, 3), JSON.stringify(summarize(after)), logged.map(String));
  }
}, 300_000);
