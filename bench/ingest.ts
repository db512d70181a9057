/**
 * End-to-end ingest into DynamoDB Local (clean, extract, geocode, store), against the
 * bare minimum for the same article: one PutItem of its raw text.
 */
import { readFileSync } from 'node:fs';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../lib/bootstrap.js';
import { createDataContext } from '../lib/store/loaders.js';
import { Db } from '../lib/store/client.js';
import { ingestArticle } from '../lib/ingest.js';

const SAMPLE = readFileSync(new URL('../data/samples/karabakh-shushi.txt', import.meta.url), 'utf8');

export async function benchIngest(endpoint: string, articles = 40) {
  const db = new Db({ tableName: `bench-ingest-${Date.now()}`, region: 'us-east-1', endpoint });
  await ensureTable(db);
  // Distinct articles (distinct URLs and texts) so each is a real, new ingest.
  const texts = Array.from(
    { length: articles },
    (_, i) => `${SAMPLE}\nUpdate ${i}: officials said talks would resume on Thursday.`,
  );
  await ingestArticle(createDataContext(db), { text: texts[0]!, url: 'https://bench.example/warm-up' }); // loads the gazetteer

  let started = performance.now();
  for (const [i, text] of texts.entries()) {
    await ingestArticle(createDataContext(db), {
      text,
      url: `https://bench.example/${i}`,
      publishedAt: '2020-11-09T12:00:00Z',
    });
  }
  const ingestArticlesPerSecond = articles / ((performance.now() - started) / 1000);

  // The sample once more under a new URL and text, its parties and places already stored.
  db.counter.reset();
  await ingestArticle(createDataContext(db), {
    text: `${SAMPLE}\nA later update.`,
    url: 'https://bench.example/counted',
    publishedAt: '2020-11-10T12:00:00Z',
  });
  const { roundTrips: ingestRoundTrips, total: ingestRequests } = db.counter;

  started = performance.now();
  for (const [i, text] of texts.entries()) {
    await db.client.send(
      new PutItemCommand({
        TableName: db.tableName,
        Item: { pk: { S: `RAW#${i}` }, sk: { S: 'RAW' }, text: { S: text } },
      }),
    );
  }
  const rawPutsPerSecond = articles / ((performance.now() - started) / 1000);
  return {
    ingestArticlesPerSecond,
    rawPutsPerSecond,
    ingestOverRawPutRatio: rawPutsPerSecond / ingestArticlesPerSecond,
    ingestRoundTrips,
    ingestRequests,
  };
}
