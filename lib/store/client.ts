/**
 * The DynamoDB client and the few operations the data layer uses, over plain JS objects
 * (the AWS SDK's document client marshals them). Every command passes through a counting
 * middleware, so tests and the benchmark can read how many round trips a GraphQL operation
 * took. A request's view of the Db (`forRequest`) stops sending once the work it is for has
 * been abandoned (server/cancel.ts sets its signal).
 */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  type $Command,
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  type DynamoDBDocumentClientResolvedConfig,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { KEY_ATTRIBUTES } from './table.js';

export type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };

/**
 * Counts DynamoDB requests (commands, not retries) by command name, and sequential round
 * trips: the longest chain of requests each of which started after the one before it
 * finished (on AWS each link of that chain is ~10 ms of latency; requests side by side
 * cost one link).
 */
export class RequestCounter {
  total = 0;
  roundTrips = 0;
  byCommand: Record<string, number> = {};
  /** The deepest chain among the requests that have finished. */
  private finishedDepth = 0;

  reset(): void {
    this.total = 0;
    this.roundTrips = 0;
    this.finishedDepth = 0;
    this.byCommand = {};
  }

  record(command: string): void {
    this.total += 1;
    this.byCommand[command] = (this.byCommand[command] ?? 0) + 1;
  }

  /** Wraps one request: it is one link after every request finished before it started. */
  async track<T>(command: string, send: () => Promise<T>): Promise<T> {
    this.record(command);
    const depth = this.finishedDepth + 1;
    this.roundTrips = Math.max(this.roundTrips, depth);
    try {
      return await send();
    } finally {
      this.finishedDepth = Math.max(this.finishedDepth, depth);
    }
  }
}

export interface DbOptions {
  tableName: string;
  region: string;
  endpoint?: string;
  /** Replace the client (tests inject faults through middleware on their own client). */
  client?: DynamoDBClient;
}

/** One write of a transaction, in document form; `condition` is a ConditionExpression. */
export type WriteAction =
  | { put: Item; condition?: string; names?: Record<string, string>; values?: Item }
  | { delete: Key; condition?: string; names?: Record<string, string>; values?: Item }
  | {
      update: Key;
      set: string;
      condition?: string;
      names?: Record<string, string>;
      values?: Item;
    }
  /** Writes nothing: the transaction fails unless `condition` holds for this item. */
  | { check: Key; condition: string; names?: Record<string, string>; values?: Item };

/** An unconditional write of a batch: items with deterministic keys, so a retry converges. */
export type BatchAction = { put: Item } | { delete: Key };

/** DynamoDB's caps: actions in one TransactWriteItems, keys in one BatchGetItem, writes in one BatchWriteItem. */
export const MAX_TRANSACTION_ACTIONS = 100;
export const MAX_BATCH_GET_KEYS = 100;
export const MAX_BATCH_WRITE_ITEMS = 25;

const actionKey = (action: WriteAction | BatchAction): Key =>
  'put' in action
    ? keyOf(action.put)
    : 'delete' in action
      ? action.delete
      : 'update' in action
        ? action.update
        : action.check;

/**
 * One action per item: DynamoDB refuses a transaction or batch that names an item twice.
 * Puts of one item merge (the later fields win), as the same entity reached by two of its
 * names is one item; any other pair on one key is a bug in the caller and throws.
 */
export function oneActionPerItem<T extends WriteAction | BatchAction>(actions: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const action of actions) {
    const key = keyString(actionKey(action));
    const earlier = byKey.get(key);
    if (!earlier) {
      byKey.set(key, action);
    } else if ('put' in earlier && 'put' in action) {
      byKey.set(key, { ...earlier, ...action, put: { ...earlier.put, ...action.put } });
    } else if (JSON.stringify(earlier) !== JSON.stringify(action)) {
      throw new Error(`two different writes of one item in one request: ${key.replace('\u0000', ' / ')}`);
    }
  }
  return [...byKey.values()];
}

/** Thrown when a transaction's condition fails; `reasons` follow the actions' order. */
export class ConditionFailedError extends Error {
  override name = 'ConditionFailedError';
  constructor(readonly reasons: (string | undefined)[]) {
    super(`transaction condition failed: ${reasons.join(', ')}`);
  }
}

function keyOf(item: Item): Key {
  return { pk: String(item.pk), sk: String(item.sk) };
}
export function keyString(key: Key): string {
  return `${key.pk}\u0000${key.sk}`;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for every write, then throws the first failure: whoever hears of a failure (and may
 * retry, or read) knows that no write of the same step is still under way.
 */
export async function allWrites<T>(writes: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(writes);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}

/** A DynamoDB request was not started because the work it was for had been abandoned. */
export class WorkAbandonedError extends Error {
  override name = 'WorkAbandonedError';
}

type DocumentCommand<Input extends ServiceInputTypes, Output extends ServiceOutputTypes> = $Command<
  Input,
  Output,
  DynamoDBDocumentClientResolvedConfig
>;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };

export class Db {
  /** The low-level client (its middleware counts every request, the document client's too). */
  readonly client: DynamoDBClient;
  /** The same client, marshalling plain JS objects: what every operation below sends through. */
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly counter = new RequestCounter();
  /**
   * Fires when nobody waits any more for the work this view is for (set on a request's view,
   * never on a shared Db): no request starts after it, and those under way stop.
   */
  signal: AbortSignal | undefined = undefined;

  constructor(options: DbOptions) {
    this.tableName = options.tableName;
    this.client =
      options.client ??
      new DynamoDBClient({
        region: options.region,
        endpoint: options.endpoint,
        // DynamoDB Local accepts any credentials; AWS uses the Lambda role's.
        ...(options.endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
        maxAttempts: 8,
      });
    this.client.middlewareStack.add(
      (next, context) => async (args) => this.counter.track(context.commandName ?? 'unknown', () => next(args)),
      { step: 'initialize', name: 'claimgraphRequestCounter' },
    );
    // Undefined fields are left out, as a record's optional fields are.
    this.documents = DynamoDBDocumentClient.from(this.client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /**
   * A view for one request: the same clients, table and counter, with a `signal` of its own.
   * A prototype view costs one object per request, where a second client would cost its
   * middleware stack, and a signal kept anywhere shared would reach other requests' work.
   */
  forRequest(): Db {
    const view: Db = Object.create(this);
    view.signal = undefined;
    return view;
  }

  /**
   * Every command goes out here. Abandoned work starts no request (and the request counter
   * never sees it); given the signal, the SDK aborts a request under way and makes no retry
   * after it fires (its AbortError reads as a client gone, as WorkAbandonedError does).
   */
  private send<Input extends ServiceInputTypes, Output extends ServiceOutputTypes>(
    command: DocumentCommand<Input, Output>,
  ): Promise<Output> {
    const signal = this.signal;
    if (!signal) return this.documents.send(command);
    if (signal.aborted)
      return Promise.reject(new WorkAbandonedError('the request was cancelled before this DynamoDB request started'));
    return this.documents.send(command, { abortSignal: signal });
  }

  async get(key: Key, consistent = false): Promise<Item | undefined> {
    const { Item } = await this.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent }),
    );
    return Item;
  }

  /**
   * Reads many items by key in chunks of 100, draining `UnprocessedKeys` with backoff.
   * Returns them in a map by key string; missing items are absent.
   */
  async batchGet(keys: Key[], consistent = false): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    const unique = [...new Map(keys.map((key) => [keyString(key), key])).values()];
    // One key is a GetItem: the same read units, with no batch envelope to build, send and unwrap.
    if (unique.length === 1) {
      const item = await this.get(unique[0]!, consistent);
      if (item) found.set(keyString(unique[0]!), item);
      return found;
    }
    const chunks: Key[][] = [];
    for (let i = 0; i < unique.length; i += MAX_BATCH_GET_KEYS) chunks.push(unique.slice(i, i + MAX_BATCH_GET_KEYS));
    await Promise.all(
      chunks.map(async (chunk) => {
        let pending: Item[] = chunk;
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt) * Math.random());
          if (attempt > 10) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
          const result = await this.send(
            new BatchGetCommand({
              RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: consistent || undefined } },
            }),
          );
          for (const item of result.Responses?.[this.tableName] ?? []) found.set(keyString(keyOf(item)), item);
          pending = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        }
      }),
    );
    return found;
  }

  /** One Query page. `input` holds everything but the table name, in document form. */
  async query(input: {
    index?: string;
    keyCondition: string;
    names: Record<string, string>;
    values: Item;
    filter?: string;
    forward?: boolean;
    limit?: number;
    startKey?: Item;
    consistent?: boolean;
  }): Promise<{ items: Item[]; lastKey: Item | undefined; scanned: number }> {
    const command: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: input.index,
      KeyConditionExpression: input.keyCondition,
      FilterExpression: input.filter,
      ExpressionAttributeNames: input.names,
      ExpressionAttributeValues: input.values,
      ScanIndexForward: input.forward ?? true,
      Limit: input.limit,
      ExclusiveStartKey: input.startKey,
      ConsistentRead: input.consistent,
    };
    const result = await this.send(new QueryCommand(command));
    return {
      items: result.Items ?? [],
      lastKey: result.LastEvaluatedKey,
      scanned: result.ScannedCount ?? result.Count ?? 0,
    };
  }

  /**
   * All-or-nothing write of up to 100 actions. A failed condition throws
   * ConditionFailedError; a conflict with a concurrent transaction is retried.
   */
  async transact(actions: WriteAction[]): Promise<void> {
    const unique = oneActionPerItem(actions);
    if (unique.length === 0) return;
    if (unique.length > MAX_TRANSACTION_ACTIONS) {
      throw new Error(`a transaction takes at most ${MAX_TRANSACTION_ACTIONS} actions, got ${unique.length}`);
    }
    const items = unique.map((action) => this.toTransactItem(action));
    for (let attempt = 0; ; attempt++) {
      try {
        await this.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = (error.CancellationReasons ?? []).map((reason) =>
          reason.Code === 'None' ? undefined : reason.Code,
        );
        if (reasons.includes('ConditionalCheckFailed')) throw new ConditionFailedError(reasons);
        const retryable = reasons.every(
          (code) => code === undefined || code === 'TransactionConflict' || code === 'ThrottlingError',
        );
        if (!retryable || attempt >= 6) throw error;
        await sleep(Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random()));
      }
    }
  }

  private toTransactItem(action: WriteAction): TransactItem {
    const common = {
      TableName: this.tableName,
      ConditionExpression: action.condition,
      ExpressionAttributeNames: action.names,
      ExpressionAttributeValues: action.values,
    };
    if ('put' in action) return { Put: { ...common, Item: action.put } };
    if ('delete' in action) return { Delete: { ...common, Key: action.delete } };
    if ('check' in action)
      return { ConditionCheck: { ...common, ConditionExpression: action.condition, Key: action.check } };
    return { Update: { ...common, Key: action.update, UpdateExpression: action.set } };
  }

  /**
   * Unconditional puts and deletes, 25 to a BatchWriteItem, all chunks at once (one round
   * trip), draining `UnprocessedItems` with backoff. Not atomic: callers write items that
   * no reader can see until one conditional write makes them visible.
   */
  async batchWrite(actions: readonly BatchAction[]): Promise<void> {
    const requests: WriteRequest[] = oneActionPerItem(actions).map((action) =>
      'put' in action ? { PutRequest: { Item: action.put } } : { DeleteRequest: { Key: action.delete } },
    );
    const chunks: WriteRequest[][] = [];
    for (let i = 0; i < requests.length; i += MAX_BATCH_WRITE_ITEMS)
      chunks.push(requests.slice(i, i + MAX_BATCH_WRITE_ITEMS));
    await allWrites(
      chunks.map(async (chunk) => {
        let pending = chunk;
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt) * Math.random());
          if (attempt > 10) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed`);
          const result = await this.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
          pending = (result.UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[];
        }
      }),
    );
  }

  /** One conditional put; a failed condition throws ConditionFailedError. */
  async put(
    item: Item,
    condition?: { expression: string; names?: Record<string, string>; values?: Item },
  ): Promise<void> {
    try {
      await this.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: condition?.expression,
          ExpressionAttributeNames: condition?.names,
          ExpressionAttributeValues: condition?.values,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConditionFailedError(['ConditionalCheckFailed']);
      throw error;
    }
  }

  /** One UpdateItem; a failed condition throws ConditionFailedError. */
  async update(input: {
    key: Key;
    set: string;
    condition?: string;
    names?: Record<string, string>;
    values?: Item;
  }): Promise<void> {
    try {
      await this.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: input.key,
          UpdateExpression: input.set,
          ConditionExpression: input.condition,
          ExpressionAttributeNames: input.names,
          ExpressionAttributeValues: input.values,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConditionFailedError(['ConditionalCheckFailed']);
      throw error;
    }
  }
}

/** The table's key attributes stripped from an item (what the domain sees). */
export function withoutKeys<T>(item: Item): T {
  const copy: Item = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}
