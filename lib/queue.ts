/**
 * Bulk ingest through a queue: `enqueueArticles` checks articles and sends them as
 * messages; a worker ingests each message with the same `ingestArticle` as the synchronous
 * mutation. On AWS the queue is SQS and the worker a Lambda (functions/ingest-worker.ts);
 * locally it is `InMemoryQueue`, which runs the same worker code in this process.
 *
 * Delivery is at least once: a message may be ingested twice, which converges because
 * ingestion is idempotent (an article's identity is its URL or its cleaned text).
 */
import { createDataContext } from './store/loaders.js';
import type { Db } from './store/client.js';
import type { Extractor, IngestInput } from './ingest.js';

/** One article to ingest, as it travels through the queue. */
export interface ArticleMessage {
  /** The ID the article will have (or has, when it was already stored): what the caller was told. */
  id: string;
  article: IngestInput;
}

export interface Queue {
  /** Sends messages; resolves once the queue holds every one of them (or throws). */
  send(messages: readonly ArticleMessage[]): Promise<void>;
}

/** A queue made on its first use (its client is then loaded, not at start-up). */
export function lazyQueue(load: () => Promise<Queue>): Queue {
  let queue: Promise<Queue> | undefined;
  return {
    send: async (messages) => {
      queue ??= load();
      return (await queue).send(messages);
    },
  };
}

/** Where a message goes after its last failed attempt, with the reason it failed. */
export interface DeadLetters {
  deadLetter(message: DeliveredMessage, reason: string): Promise<void>;
}

/** A message as a worker receives it: the queue's ID for it, its body, and how often it was received. */
export interface DeliveredMessage {
  messageId: string;
  body: string;
  /** 1 on the first delivery. */
  receiveCount: number;
}

/**
 * The largest message body: SQS's 256 KB per message (and per SendMessageBatch), less room
 * for the request around it. A 200 KB article fits unless JSON escaping swells it.
 */
export const MAX_MESSAGE_BYTES = 255 * 1024;

/** How many times a message is tried before it goes to the dead-letter queue (SQS maxReceiveCount too). */
export const MAX_ATTEMPTS = 3;

export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

export function parseMessage(body: string): ArticleMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new MalformedMessageError('the message body is not JSON');
  }
  const message = parsed as Partial<ArticleMessage> | null;
  if (!message || typeof message.id !== 'string' || !message.article || typeof message.article.text !== 'string') {
    throw new MalformedMessageError('the message body is not an article message ({ id, article: { text, ... } })');
  }
  return message as ArticleMessage;
}

const reasonOf = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1000);

export interface WorkerOptions {
  db: Db;
  deadLetters: DeadLetters;
  extractor?: Extractor;
  /** Where failures are reported (a structured line per failed attempt). */
  log?: (record: Record<string, unknown>) => void;
}

/**
 * Ingests a batch of delivered messages, one after another (extraction is CPU-bound: a
 * worker gains nothing from interleaving them). Returns the IDs of the messages that failed
 * and must be delivered again. A message failing its last attempt is sent to the
 * dead-letter queue with its reason instead, and counts as handled; if even that fails, it
 * is reported as failed and the queue's own redrive moves it.
 */
export async function processMessages(
  messages: readonly DeliveredMessage[],
  options: WorkerOptions,
): Promise<string[]> {
  const log = options.log ?? ((record) => console.error(JSON.stringify(record)));
  // Loaded here, not at the top: the GraphQL function shares this module (the Queue type,
  // lazyQueue) and must not parse ingestion at a cold start that only answers queries.
  const { ingestArticle } = await import('./ingest.js');
  const failed: string[] = [];
  for (const delivered of messages) {
    try {
      const message = parseMessage(delivered.body);
      await ingestArticle(createDataContext(options.db), message.article, options.extractor);
    } catch (error) {
      const reason = reasonOf(error);
      const last = delivered.receiveCount >= MAX_ATTEMPTS;
      log({
        event: last ? 'ingest-dead-lettered' : 'ingest-failed',
        messageId: delivered.messageId,
        attempt: delivered.receiveCount,
        reason,
      });
      if (!last) {
        failed.push(delivered.messageId);
        continue;
      }
      try {
        await options.deadLetters.deadLetter(delivered, reason);
      } catch (deadLetterError) {
        log({ event: 'dead-letter-failed', messageId: delivered.messageId, reason: reasonOf(deadLetterError) });
        failed.push(delivered.messageId);
      }
    }
  }
  return failed;
}

export interface DeadLetter {
  message: DeliveredMessage;
  reason: string;
}

export interface InMemoryQueueOptions extends Omit<WorkerOptions, 'deadLetters'> {
  /** How many messages are ingested at once. */
  concurrency?: number;
  /** Called each time the queue runs empty, with the totals since it was made. */
  onDrained?: (totals: { ingested: number; deadLettered: number }) => void;
}

/**
 * The queue of `npm start`: messages wait in memory and `concurrency` workers ingest them
 * with `processMessages`, trying each up to MAX_ATTEMPTS times, as SQS and the worker
 * Lambda do. Messages still waiting when the process stops are lost: fine for a local
 * server, which is why AWS uses SQS.
 */
export class InMemoryQueue implements Queue, DeadLetters {
  readonly deadLetters: DeadLetter[] = [];
  private readonly waiting: DeliveredMessage[] = [];
  private running = 0;
  private sent = 0;
  private ingested = 0;
  private idle: (() => void)[] = [];
  private readonly concurrency: number;

  constructor(private readonly options: InMemoryQueueOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 2);
  }

  async send(messages: readonly ArticleMessage[]): Promise<void> {
    for (const message of messages) {
      this.sent += 1;
      this.waiting.push({ messageId: `local-${this.sent}`, body: JSON.stringify(message), receiveCount: 1 });
    }
    while (this.running < this.concurrency && this.waiting.length > 0) void this.work();
  }

  async deadLetter(message: DeliveredMessage, reason: string): Promise<void> {
    this.deadLetters.push({ message, reason });
  }

  /** How many messages wait or are being ingested. */
  get pending(): number {
    return this.waiting.length + this.running;
  }

  /** Resolves when every message sent so far has been ingested or dead-lettered. */
  drained(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async work(): Promise<void> {
    this.running += 1;
    try {
      for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
        const deadBefore = this.deadLetters.length;
        const failed = await processMessages([next], { ...this.options, deadLetters: this });
        // A failed message goes to the back, as SQS makes it visible again later.
        if (failed.length > 0) this.waiting.push({ ...next, receiveCount: next.receiveCount + 1 });
        else if (this.deadLetters.length === deadBefore) this.ingested += 1;
      }
    } finally {
      this.running -= 1;
      if (this.pending === 0) {
        this.options.onDrained?.({ ingested: this.ingested, deadLettered: this.deadLetters.length });
        for (const resolve of this.idle.splice(0)) resolve();
      }
    }
  }
}
