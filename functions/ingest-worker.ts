/**
 * The ingest worker Lambda: SQS batches in, `processMessages` (lib/queue.ts) in between,
 * the IDs of the records to deliver again out (`batchItemFailures`, with the event source
 * mapping's ReportBatchItemFailures), so one bad article does not send its whole batch back.
 * A record on its last attempt goes to the dead-letter queue with its reason.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ConfigError, readConfig } from '../lib/config.js';
import { Db } from '../lib/store/client.js';
import { processMessages, type DeadLetters, type DeliveredMessage, type WorkerOptions } from '../lib/queue.js';
import { SqsDeadLetters, sqsClient } from '../lib/sqs-queue.js';

export const deliveredOf = (record: SQSRecord): DeliveredMessage => ({
  messageId: record.messageId,
  body: record.body,
  receiveCount: Number(record.attributes.ApproximateReceiveCount) || 1,
});

export function createIngestWorker(options: WorkerOptions) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failed = await processMessages(event.Records.map(deliveredOf), options);
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

let worker: ReturnType<typeof createIngestWorker> | undefined;

/** Built on the first event, so that importing this module needs no environment. */
function fromEnvironment(): ReturnType<typeof createIngestWorker> {
  const config = readConfig();
  if (!config.ingestDeadLetterQueueUrl) throw new ConfigError('INGEST_DEAD_LETTER_QUEUE_URL must be set');
  const db = new Db({ tableName: config.tableName, region: config.region, endpoint: config.dynamodbEndpoint });
  const deadLetters: DeadLetters = new SqsDeadLetters(sqsClient(config.region), config.ingestDeadLetterQueueUrl);
  // With the function's JSON log format, one console.error is one structured record.
  return createIngestWorker({ db, deadLetters, log: (record) => console.error(record) });
}

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  worker ??= fromEnvironment();
  return worker(event);
}
