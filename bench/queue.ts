/**
 * Bulk ingest through the local queue (`enqueueArticles` + InMemoryQueue running the
 * worker code), against sequential `ingestArticle` of the same articles in the same run;
 * and the write units one ingest costs, counted from the write requests it sends.
 */
import { readFileSync } from 'node:fs';
import { type AttributeValue, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../lib/bootstrap.js';
import { createDataContext } from '../lib/store/loaders.js';
import { Db } from '../lib/store/client.js';
import { enqueueArticles } from '../lib/enqueue.js';
import { MAX_ARTICLES_PER_CALL } from '../lib/validate.js';
import { ingestArticle, type IngestInput } from '../lib/ingest.js';
import { InMemoryQueue } from '../lib/queue.js';

const SAMPLE = readFileSync(new URL('../data/samples/karabakh-shushi.txt', import.meta.url), 'utf8');

const CLAIMANTS = [
  'The Armenian Defense Ministry',
  'The Azerbaijani Defense Ministry',
  'President Ilham Aliyev',
  'The Nagorno Karabakh Defense Ministry',
  'Russian officials',
];
const PLACES = ['Stepanakert', 'Shushi', 'Agdam', 'Martuni', 'Hadrut', 'Fuzuli', 'Goris', 'Lachin'];
const EVENTS = ['shelled', 'attacked', 'captured', 'withdrew from', 'bombed'];

/**
 * `count` distinct articles, the same on every run: the sample article's sentences in a
 * rotated order, and a closing report whose claimant, place, figure and day vary.
 */
export function benchArticles(count: number): IngestInput[] {
  const sentences = SAMPLE.split('\n').filter((line) => line.trim() !== '');
  return Array.from({ length: count }, (_, i) => {
    const start = i % sentences.length;
    const body = [...sentences.slice(start), ...sentences.slice(0, start)].slice(0, 8 + (i % 5));
    const closing = `${CLAIMANTS[i % CLAIMANTS.length]} said forces ${EVENTS[i % EVENTS.length]} positions near ${PLACES[(i * 7) % PLACES.length]} on ${1 + (i % 28)} October, killing ${3 + i} soldiers (report ${i}).`;
    return {
      text: [...body, closing].join('\n'),
      url: `https://bench.example/bulk/${i}`,
      title: `Bulk report ${i}`,
      publishedAt: `2020-10-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00Z`,
    };
  });
}

const freshDb = async (endpoint: string, name: string) => {
  const db = new Db({ tableName: `bench-${name}-${Date.now()}`, region: 'us-east-1', endpoint });
  await ensureTable(db);
  return db;
};

export async function benchBulkIngest(endpoint: string, count = 500, concurrency = 2) {
  const articles = benchArticles(count);
  // Loads extraction and the gazetteer once, before either measurement.
  await ingestArticle(createDataContext(await freshDb(endpoint, 'warm')), { text: SAMPLE });

  const bulkDb = await freshDb(endpoint, 'bulk');
  const queue = new InMemoryQueue({ db: bulkDb, concurrency });
  let started = performance.now();
  let queued = 0;
  for (let i = 0; i < articles.length; i += MAX_ARTICLES_PER_CALL) {
    const result = await enqueueArticles(bulkDb, queue, articles.slice(i, i + MAX_ARTICLES_PER_CALL));
    queued += result.articles.filter((article) => article.status === 'QUEUED').length;
  }
  await queue.drained();
  const bulkSeconds = (performance.now() - started) / 1000;

  const sequentialDb = await freshDb(endpoint, 'sequential');
  started = performance.now();
  for (const article of articles) await ingestArticle(createDataContext(sequentialDb), article);
  const sequentialSeconds = (performance.now() - started) / 1000;

  return {
    articles: count,
    queued,
    concurrency,
    deadLetters: queue.deadLetters.length,
    bulkIngestArticlesPerSecond: count / bulkSeconds,
    sequentialArticlesPerSecond: count / sequentialSeconds,
    /** What one article costs a worker that ingests them one after another (a Lambda invocation's share). */
    msPerArticle: (sequentialSeconds * 1000) / count,
  };
}

/** An item's size as DynamoDB bills it: attribute names plus values (numbers about half their digits). */
function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S, 'utf8');
  if (value.N !== undefined) return Math.ceil(value.N.replace(/[-.]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s, 'utf8'), 0);
  if (value.NS) return value.NS.reduce((sum, n) => sum + valueSize({ N: n }), 0);
  if (value.L) return 3 + value.L.reduce((sum, v) => sum + valueSize(v) + 1, 0);
  if (value.M)
    return (
      3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + Buffer.byteLength(k, 'utf8') + valueSize(v) + 1, 0)
    );
  return 0;
}
export const itemSize = (item: Record<string, AttributeValue>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name, 'utf8') + valueSize(value), 0);

interface Write {
  /** The item written, or only its key (an update: its size is read afterwards). */
  item?: Record<string, AttributeValue>;
  key?: Record<string, AttributeValue>;
  transactional: boolean;
}

/**
 * The write units of one ingest: every item a write request names, its size rounded up to
 * 1 KB, twice for an item of a TransactWriteItems (DynamoDB's prepare and commit). Updates
 * are sized by the item as it is afterwards, deletes as 1 KB.
 */
export async function benchWriteUnits(endpoint: string) {
  const db = await freshDb(endpoint, 'units');
  const writes: Write[] = [];
  db.client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as any;
      switch (context.commandName) {
        case 'PutItemCommand':
          writes.push({ item: input.Item, transactional: false });
          break;
        case 'UpdateItemCommand':
          writes.push({ key: input.Key, transactional: false });
          break;
        case 'BatchWriteItemCommand':
          for (const request of Object.values(input.RequestItems).flat() as any[]) {
            writes.push(
              request.PutRequest
                ? { item: request.PutRequest.Item, transactional: false }
                : { key: request.DeleteRequest.Key, transactional: false },
            );
          }
          break;
        case 'TransactWriteItemsCommand':
          for (const action of input.TransactItems as any[]) {
            if (action.Put) writes.push({ item: action.Put.Item, transactional: true });
            else
              writes.push({ key: (action.Update ?? action.Delete ?? action.ConditionCheck).Key, transactional: true });
          }
          break;
      }
      return next(args);
    },
    // After serialisation: the document client has marshalled the input by then.
    { step: 'build', name: 'benchWriteUnits' },
  );

  const measure = async (input: IngestInput) => {
    writes.length = 0;
    await ingestArticle(createDataContext(db), input);
    const counted = [...writes];
    let units = 0;
    let items = 0;
    let transactionalItems = 0;
    let bytes = 0;
    for (const write of counted) {
      let size = write.item ? itemSize(write.item) : 0;
      if (!write.item && write.key) {
        const { Item } = await db.client.send(new GetItemCommand({ TableName: db.tableName, Key: write.key }));
        size = Item ? itemSize(Item) : 1024;
      }
      items += 1;
      bytes += size;
      if (write.transactional) transactionalItems += 1;
      units += Math.max(1, Math.ceil(size / 1024)) * (write.transactional ? 2 : 1);
    }
    return { items, transactionalItems, bytes, units };
  };
  const meta = JSON.parse(readFileSync(new URL('../data/samples/samples.json', import.meta.url), 'utf8'))[0] as Record<
    string,
    string
  >;
  // First the sample with every party and place new, then a variant of it whose entities are stored.
  const newEntities = await measure({ text: SAMPLE, url: meta.url, title: meta.title, publishedAt: meta.publishedAt });
  const storedEntities = await measure({
    text: `${SAMPLE}\nOfficials said talks would resume on Thursday.`,
    url: `${meta.url}-update`,
    title: meta.title,
    publishedAt: meta.publishedAt,
  });
  return { newEntities, storedEntities };
}
