/**
 * Bulk ingest: `enqueueArticles` through yoga.fetch with the local in-process queue, and
 * the worker Lambda's handler with SQS event shapes, both against DynamoDB Local.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { build } from 'esbuild';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { copyBundleAssets, esbuildOptions, HANDLER_EXPORT } from '../infra/bundling.js';
import { WORKER_ENTRY } from '../infra/constructs/ingest-queue.js';
import { createIngestWorker } from '../functions/ingest-worker.js';
import { createDataContext, loadArticles } from '../lib/store/loaders.js';
import type { Db } from '../lib/store/client.js';
import { MAX_ARTICLES_PER_CALL } from '../lib/validate.js';
import { InMemoryQueue, MAX_ATTEMPTS, type DeadLetters, type DeliveredMessage } from '../lib/queue.js';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  batchesOf,
  MAX_BATCH_BYTES,
  MAX_BATCH_ENTRIES,
  QueueSendError,
  SqsDeadLetters,
  SqsQueue,
} from '../lib/sqs-queue.js';
import { createTestDb, dataOf, graphqlCaller, plainText, type Caller } from './support.js';

const SAMPLE = readFileSync(new URL('../data/samples/karabakh-shushi.txt', import.meta.url), 'utf8');

const ENQUEUE = `mutation($input: EnqueueArticlesInput!) {
  enqueueArticles(input: $input) { articles { index id status } userErrors { field message code } }
}`;

let db: Db;
let queue: InMemoryQueue;
let call: Caller;
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  db = await createTestDb();
  queue = new InMemoryQueue({ db, concurrency: 2, log: (record) => logged.push(record) });
  call = graphqlCaller(db, { ingestQueue: queue });
});

const enqueue = async (articles: Record<string, unknown>[]) =>
  (await dataOf(call(ENQUEUE, { input: { articles } }))).enqueueArticles;

describe('enqueueArticles', () => {
  it('queues the valid articles, refuses the invalid one by index and field, and the worker stores them', async () => {
    const result = await enqueue([
      { text: SAMPLE, url: 'https://example.org/bulk/sample', title: 'Sample', publishedAt: '2020-11-09T12:00:00Z' },
      { text: '   ', url: 'https://example.org/bulk/empty' },
      { text: plainText(1), url: 'not a url' },
      { text: plainText(2), publishedAt: '2020-13-45' },
      { text: plainText(3) },
    ]);
    expect(result.articles.map((a: { status: string }) => a.status)).toEqual([
      'QUEUED',
      'INVALID',
      'INVALID',
      'INVALID',
      'QUEUED',
    ]);
    expect(result.articles.map((a: { index: number }) => a.index)).toEqual([0, 1, 2, 3, 4]);
    expect(result.articles[1].id).toBeNull();
    expect(result.userErrors.map((e: { field: string[] }) => e.field)).toEqual([
      ['input', 'articles', '1', 'text'],
      ['input', 'articles', '2', 'url'],
      ['input', 'articles', '3', 'publishedAt'],
    ]);
    expect(new Set(result.userErrors.map((e: { code: string }) => e.code))).toEqual(new Set(['VALIDATION_FAILED']));

    await queue.drained();
    const ids = [result.articles[0].id, result.articles[4].id];
    const nodes = await dataOf(
      call(
        `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Article { url title claims(first: 1) { edges { node { id } } } } } }`,
        { ids },
      ),
    );
    expect(nodes.nodes.map((n: { id: string } | null) => n?.id)).toEqual(ids);
    expect(nodes.nodes[0].url).toBe('https://example.org/bulk/sample');
    expect(nodes.nodes[0].claims.edges.length).toBe(1);
    expect(queue.deadLetters).toEqual([]);
  });

  it('acknowledges articles stored already, by URL or by cleaned text, with their IDs and without queueing them', async () => {
    const first = await enqueue([
      { text: plainText(10), url: 'https://example.org/bulk/ten' },
      { text: plainText(11) },
    ]);
    await queue.drained();
    const again = await enqueue([
      // The same URL written otherwise, with other text: the URL decides.
      { text: plainText(12), url: 'http://www.example.org/bulk/ten/?utm_source=feed' },
      // The same text with scraper junk around it: the cleaned text decides.
      { text: `${plainText(11)}\n[ad_1]\nAdvertisement` },
      { text: plainText(13) },
    ]);
    expect(again.userErrors).toEqual([]);
    expect(again.articles.map((a: { status: string }) => a.status)).toEqual([
      'ALREADY_STORED',
      'ALREADY_STORED',
      'QUEUED',
    ]);
    expect(again.articles[0].id).toBe(first.articles[0].id);
    expect(again.articles[1].id).toBe(first.articles[1].id);
    // Nothing was sent for the two: only the third is waiting or being ingested.
    expect(queue.pending).toBe(1);
    await queue.drained();
  });

  it('sends an article given twice in one call once, and answers both with its ID', async () => {
    const sentBefore = queue.pending;
    const result = await enqueue([{ text: plainText(20) }, { text: plainText(20) }]);
    expect(result.articles[0].id).toBe(result.articles[1].id);
    expect(queue.pending - sentBefore).toBe(1);
    await queue.drained();
  });

  it(`refuses a call of more than ${MAX_ARTICLES_PER_CALL} articles, or more than 1 MB, as a whole`, async () => {
    const tooMany = await enqueue(
      Array.from({ length: MAX_ARTICLES_PER_CALL + 1 }, (_, i) => ({ text: plainText(100 + i) })),
    );
    expect(tooMany.articles).toEqual([]);
    expect(tooMany.userErrors).toEqual([
      { field: ['input', 'articles'], code: 'VALIDATION_FAILED', message: expect.stringContaining('at most 100') },
    ]);
    // Through the host's body limit, the 1 MB rule is checked on the lib function itself.
    const { enqueueArticles } = await import('../lib/enqueue.js');
    const big = 'x'.repeat(150_000);
    await expect(
      enqueueArticles(
        db,
        queue,
        Array.from({ length: 8 }, (_, i) => ({ text: `${big} ${i}` })),
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: ['input', 'articles'],
    });
    expect(queue.pending).toBe(0);
  });

  it('refuses an article too large for one queue message once JSON-encoded, naming it', async () => {
    // 150,000 line breaks: 150 KB of text, 300 KB as JSON ("\\n").
    const result = await enqueue([{ text: `Lines.${'\n'.repeat(150_000)}End.` }, { text: plainText(50) }]);
    expect(result.articles.map((a: { status: string }) => a.status)).toEqual(['INVALID', 'QUEUED']);
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'articles', '0', 'text'],
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('encoded for the queue'),
      },
    ]);
    await queue.drained();
  });

  it('needs a write key', async () => {
    const response = await call.yoga.fetch('http://claimgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ENQUEUE, variables: { input: { articles: [{ text: plainText(30) }] } } }),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(queue.pending).toBe(0);
  });

  it('dead-letters an article that fails every attempt, with its reason', async () => {
    const local = new InMemoryQueue({ db, log: (record) => logged.push(record) });
    await local.send([{ id: 'x', article: { text: '' } }]);
    await local.drained();
    expect(local.deadLetters).toHaveLength(1);
    expect(local.deadLetters[0]!.message.receiveCount).toBe(MAX_ATTEMPTS);
    expect(local.deadLetters[0]!.reason).toMatch(/ValidationError: text must not be empty/);
    expect(
      logged
        .filter((record) => record.messageId === local.deadLetters[0]!.message.messageId)
        .map((record) => record.event),
    ).toEqual(['ingest-failed', 'ingest-failed', 'ingest-dead-lettered']);
  });
});

/** An SQS record as Lambda delivers it (event source mapping, standard queue). */
function sqsRecord(messageId: string, body: string, receiveCount = 1): SQSRecord {
  return {
    messageId,
    receiptHandle: `AQEB${messageId}handle`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1764849600000',
      SenderId: 'AROAEXAMPLE:claimgraph-graphql',
      ApproximateFirstReceiveTimestamp: '1764849600100',
    },
    messageAttributes: {},
    md5OfBody: '0'.repeat(32),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:claimgraph-ingest',
    awsRegion: 'us-east-1',
  };
}

describe('the ingest worker handler', () => {
  const deadLettered: { message: DeliveredMessage; reason: string }[] = [];
  const deadLetters: DeadLetters = {
    deadLetter: async (message, reason) => void deadLettered.push({ message, reason }),
  };

  it('reports exactly the bad record of a batch as failed, and stores the others', async () => {
    const worker = createIngestWorker({ db, deadLetters, log: () => {} });
    const good = [plainText(40), plainText(41)].map((text, i) => ({
      id: `good-${i}`,
      article: { text, url: `https://example.org/worker/${i}` },
    }));
    const event: SQSEvent = {
      Records: [
        sqsRecord('m-1', JSON.stringify(good[0])),
        sqsRecord('m-2', JSON.stringify({ id: 'bad', article: { text: 'x'.repeat(210 * 1024) } })),
        sqsRecord('m-3', JSON.stringify(good[1])),
        sqsRecord('m-4', '{"not": "an article"'),
      ],
    };
    const response = await worker(event);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }, { itemIdentifier: 'm-4' }] });
    expect(deadLettered).toEqual([]);

    const enqueued = await enqueue(good.map((message) => message.article));
    expect(enqueued.articles.map((a: { status: string }) => a.status)).toEqual(['ALREADY_STORED', 'ALREADY_STORED']);
    const ids = enqueued.articles.map((a: { id: string }) => Buffer.from(a.id, 'base64url').toString().split(':')[1]);
    const stored = await loadArticles(createDataContext(db), ids);
    expect(stored.map((article) => article?.url)).toEqual([
      'https://example.org/worker/0',
      'https://example.org/worker/1',
    ]);
  });

  it('on the last attempt sends the bad record to the dead-letter queue with its reason instead of failing it', async () => {
    const worker = createIngestWorker({ db, deadLetters, log: () => {} });
    const response = await worker({
      Records: [
        sqsRecord('m-5', JSON.stringify({ id: 'bad', article: { text: '' } }), MAX_ATTEMPTS),
        sqsRecord('m-6', JSON.stringify({ id: 'bad', article: { text: '' } }), 1),
      ],
    });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-6' }]);
    expect(deadLettered).toHaveLength(1);
    expect(deadLettered[0]!.message.messageId).toBe('m-5');
    expect(deadLettered[0]!.reason).toMatch(/text must not be empty/);
  });

  it('fails the record when even the dead-letter queue refuses it, so SQS redrive keeps it', async () => {
    const worker = createIngestWorker({
      db,
      deadLetters: {
        deadLetter: async () => {
          throw new Error('SQS unavailable');
        },
      },
      log: () => {},
    });
    const response = await worker({ Records: [sqsRecord('m-7', 'not json', MAX_ATTEMPTS)] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-7' }]);
  });
});

describe('SQS batches', () => {
  it('groups messages by 10 and under 256 KB a batch, keeping their order', () => {
    const small = Array.from({ length: 23 }, (_, i) => `{"id":"${i}"}`);
    expect(batchesOf(small).map((batch) => batch.length)).toEqual([MAX_BATCH_ENTRIES, MAX_BATCH_ENTRIES, 3]);
    const large = Array.from({ length: 5 }, () => 'x'.repeat(100 * 1024));
    const batches = batchesOf(large);
    expect(batches).toEqual([[0, 1], [2, 3], [4]]);
    for (const batch of batches)
      expect(batch.reduce((sum, i) => sum + large[i]!.length, 0)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });
});

describe('the worker bundle the stack deploys (fresh Node process)', () => {
  // Its own text: the sample's is stored already under another URL, and would be linked to that article.
  const BUNDLE_TEXT = `${SAMPLE}\nThe worker bundle stored this one.`;

  it('ingests an SQS batch with its bundled extraction and gazetteer, and reports the bad record', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'claimgraph-worker-'));
    try {
      await build(esbuildOptions(outdir, WORKER_ENTRY));
      copyBundleAssets(outdir);
      const event: SQSEvent = {
        Records: [
          sqsRecord(
            'b-1',
            JSON.stringify({ id: 'x', article: { text: BUNDLE_TEXT, url: 'https://example.org/worker-bundle' } }),
          ),
          sqsRecord('b-2', JSON.stringify({ id: 'y', article: { text: ' ' } })),
        ],
      };
      const script = `const mod = await import(${JSON.stringify(pathToFileURL(join(outdir, 'index.mjs')).href)});
        process.stdout.write(JSON.stringify(await mod.${HANDLER_EXPORT}(JSON.parse(process.env.EVENT))));`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          NODE_ENV: 'production',
          TABLE_NAME: db.tableName,
          DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
          INGEST_DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/claimgraph-dead-letters',
          EVENT: JSON.stringify(event),
        },
      });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ batchItemFailures: [{ itemIdentifier: 'b-2' }] });
      // Stored: enqueueing it again answers with its ID.
      const again = await enqueue([{ text: BUNDLE_TEXT, url: 'https://example.org/worker-bundle' }]);
      expect(again.articles[0].status).toBe('ALREADY_STORED');
      const stored = await dataOf(
        call(
          `query($id: ID!) { node(id: $id) { ... on Article { url claims(first: 30) { edges { node { locations { name } } } } } } }`,
          { id: again.articles[0].id },
        ),
      );
      expect(stored.node.url).toBe('https://example.org/worker-bundle');
      const places = stored.node.claims.edges.flatMap((edge: any) =>
        edge.node.locations.map((l: { name: string }) => l.name),
      );
      expect(places).toContain('Stepanakert');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('the SQS queue (requests serialised by the real SQS client; SQS itself does not run here)', () => {
  /** An SQSClient whose requests stop after serialisation: `answer` plays SQS. */
  function sqsStub(answer: (body: any) => Record<string, unknown>) {
    const bodies: any[] = [];
    // No MD5 check of answers: the stub does not compute the digests SQS returns.
    const client = new SQSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      md5: false,
    });
    client.middlewareStack.add(
      () => async (args: any) => {
        const body = JSON.parse(String(args.request.body));
        bodies.push(body);
        return { output: { $metadata: {}, ...answer(body) }, response: {} };
      },
      { step: 'build', name: 'playSqs' },
    );
    return { client, bodies };
  }
  const messages = (count: number) =>
    Array.from({ length: count }, (_, i) => ({ id: `a${i}`, article: { text: plainText(i) } }));

  it('sends batches of 10 and sends again the entries SQS did not take', async () => {
    // SQS refuses entry 1 the first time it sees it (a transient fault).
    let refused = false;
    const { client, bodies } = sqsStub((body) => {
      const failed = refused ? [] : body.Entries.filter((entry: { Id: string }) => entry.Id === '1');
      if (failed.length > 0) refused = true;
      return {
        Successful: [],
        Failed: failed.map((entry: { Id: string }) => ({ Id: entry.Id, SenderFault: false, Code: 'InternalError' })),
      };
    });
    await new SqsQueue(client, 'https://sqs.us-east-1.amazonaws.com/123456789012/ingest').send(messages(12));
    const sent = bodies.map((body) => body.Entries.map((entry: { Id: string }) => entry.Id).join(','));
    // The two batches go out in parallel; the resend of entry 1 follows its batch.
    expect([...sent].sort()).toEqual(['0,1,2,3,4,5,6,7,8,9', '1', '10,11']);
    expect(sent.indexOf('1')).toBeGreaterThan(sent.indexOf('0,1,2,3,4,5,6,7,8,9'));
    const firstBatch = bodies.find((body) => body.Entries.length === 10);
    expect(JSON.parse(firstBatch.Entries[1].MessageBody)).toEqual(messages(2)[1]);
  });

  it('fails the call when SQS keeps refusing, or refuses a message as malformed', async () => {
    const url = 'https://sqs.us-east-1.amazonaws.com/123456789012/ingest';
    const busy = sqsStub((body) => ({
      Failed: body.Entries.map((e: { Id: string }) => ({ Id: e.Id, SenderFault: false })),
    }));
    await expect(new SqsQueue(busy.client, url).send(messages(2))).rejects.toThrow(
      /did not accept 2 messages after 3 attempts/,
    );
    expect(busy.bodies).toHaveLength(3);
    const malformed = sqsStub((body) => ({
      Failed: [{ Id: body.Entries[0].Id, SenderFault: true, Code: 'InvalidMessageContents' }],
    }));
    await expect(new SqsQueue(malformed.client, url).send(messages(1))).rejects.toThrow(QueueSendError);
    expect(malformed.bodies).toHaveLength(1);
  });

  it('dead-letters a message with its reason, its source message ID and its attempts as attributes', async () => {
    const { client, bodies } = sqsStub(() => ({ MessageId: 'dlq-1' }));
    await new SqsDeadLetters(client, 'https://sqs.us-east-1.amazonaws.com/123456789012/dead').deadLetter(
      { messageId: 'm-9', body: '{"id":"x"}', receiveCount: 3 },
      'ValidationError: text must not be empty',
    );
    expect(bodies[0]).toMatchObject({
      QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/dead',
      MessageBody: '{"id":"x"}',
      MessageAttributes: {
        reason: { DataType: 'String', StringValue: 'ValidationError: text must not be empty' },
        sourceMessageId: { DataType: 'String', StringValue: 'm-9' },
        attempts: { DataType: 'Number', StringValue: '3' },
      },
    });
  });
});
