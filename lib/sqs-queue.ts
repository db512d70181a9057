/**
 * The ingest queue on AWS: Amazon SQS. Messages go out with SendMessageBatch (10 a
 * request, within SQS's 256 KB per batch); entries SQS refuses are sent again a few times,
 * and what still fails makes the call fail, so an acknowledged article is always queued.
 */
import {
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import type { ArticleMessage, DeadLetters, DeliveredMessage, Queue } from './queue.js';

/** SendMessageBatch takes at most 10 entries and 262,144 bytes in all. */
export const MAX_BATCH_ENTRIES = 10;
export const MAX_BATCH_BYTES = 256 * 1024;
/** Room left in a batch for attribute names and the request's own encoding. */
const BATCH_MARGIN_BYTES = 1024;

export class QueueSendError extends Error {
  override name = 'QueueSendError';
}

/** Groups message bodies into batches SQS accepts. */
export function batchesOf(bodies: readonly string[]): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const [index, body] of bodies.entries()) {
    const size = Buffer.byteLength(body, 'utf8');
    if (
      current.length > 0 &&
      (current.length === MAX_BATCH_ENTRIES || bytes + size > MAX_BATCH_BYTES - BATCH_MARGIN_BYTES)
    ) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export class SqsQueue implements Queue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(messages: readonly ArticleMessage[]): Promise<void> {
    const bodies = messages.map((message) => JSON.stringify(message));
    await Promise.all(
      batchesOf(bodies).map((batch) =>
        this.sendBatch(batch.map((index) => ({ Id: String(index), MessageBody: bodies[index] }))),
      ),
    );
  }

  private async sendBatch(entries: SendMessageBatchRequestEntry[]): Promise<void> {
    let pending = entries;
    for (let attempt = 0; attempt < 3 && pending.length > 0; attempt++) {
      const result = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
      const failed = new Set((result.Failed ?? []).map((entry) => entry.Id));
      // A sender's fault (a malformed entry) will not pass on a retry.
      const senderFault = result.Failed?.find((entry) => entry.SenderFault);
      if (senderFault)
        throw new QueueSendError(
          `SQS refused a message: ${senderFault.Code ?? ''} ${senderFault.Message ?? ''}`.trim(),
        );
      pending = pending.filter((entry) => failed.has(entry.Id));
    }
    if (pending.length > 0) throw new QueueSendError(`SQS did not accept ${pending.length} messages after 3 attempts`);
  }
}

/** The dead-letter queue, written by the worker itself so that each message keeps the reason it failed. */
export class SqsDeadLetters implements DeadLetters {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async deadLetter(message: DeliveredMessage, reason: string): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: message.body,
        MessageAttributes: {
          reason: { DataType: 'String', StringValue: reason },
          sourceMessageId: { DataType: 'String', StringValue: message.messageId },
          attempts: { DataType: 'Number', StringValue: String(message.receiveCount) },
        },
      }),
    );
  }
}

export const sqsClient = (region: string): SQSClient => new SQSClient({ region });
