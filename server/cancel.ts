/**
 * A request's work stops when nobody waits for it: its client hung up, or its time budget ran
 * out. Execution gets the request's signal (graphql-tools' executor stops resolving and
 * answers at once), and a middleware on the DynamoDB client refuses to start a request for
 * work whose signal has fired, so loaders and resolvers still in flight issue no more reads.
 * The signal reaches the middleware through AsyncLocalStorage: the data layer needs no
 * parameter for it, and batched loads run in the context of the request that made them.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The signal of the operation whose code is running, if any. */
const currentSignal = new AsyncLocalStorage<AbortSignal>();

/** Execution ran past its time budget; the answer says so rather than waiting longer. */
export class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';
  constructor(readonly budgetMs: number) {
    super(
      `the request took longer than ${budgetMs / 1000} s and was stopped: ask for less (smaller pages, fewer nested lists)`,
    );
  }
}

/** DynamoDB refused the connection: nothing listens there, and retrying will not change that soon. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  // Not `cause`: the SDK's retry strategy looks through `cause` and would retry a refused connection.
  constructor(readonly refusal: unknown) {
    super('the database is not reachable');
  }
}

/** A DynamoDB request was not started because the work it was for had been abandoned. */
export class WorkAbandonedError extends Error {
  override name = 'WorkAbandonedError';
}

const refused = (error: unknown): boolean => {
  if (!error || typeof error !== 'object') return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  // Node reports a refused connection on its own, wrapped in `cause`, or (trying IPv4 and
  // IPv6 in turn) inside an AggregateError.
  return code === 'ECONNREFUSED' || refused(cause) || (Array.isArray(errors) && errors.some(refused));
};

const guarded = new WeakSet<DynamoDBClient>();

/**
 * Adds the two checks to a DynamoDB client, once. Before each command (ahead of the request
 * counter, so refused commands are not counted): none for abandoned work. Around each
 * attempt (inside the SDK's retries): a refused connection ends the command at once instead
 * of after seconds of backoff, and so does abandoned work between attempts.
 */
export function guardDatabase(client: DynamoDBClient): void {
  if (guarded.has(client)) return;
  guarded.add(client);
  const stopIfAbandoned = () => {
    const signal = currentSignal.getStore();
    if (signal?.aborted) throw new WorkAbandonedError('the request was cancelled before this DynamoDB request started');
  };
  client.middlewareStack.add(
    (next) => async (args) => {
      stopIfAbandoned();
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'claimgraphStopAbandonedWork' },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      stopIfAbandoned();
      try {
        return await next(args);
      } catch (error) {
        if (refused(error)) throw new DatabaseUnavailableError(error);
        throw error;
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'claimgraphFailFastWhenUnreachable' },
  );
}

/**
 * Gives each query a signal that fires when its client disconnects or `budgetMs` passes, and
 * runs its execution with it. Mutations run to the end: a write stopped between its steps
 * would leave the client not knowing what was written, and ingesting a long article may
 * rightly take longer than any read.
 */
export function useCancellation(budgetMs: number): Plugin<{ request: Request }> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      const controller = new AbortController();
      const requestSignal = args.contextValue.request.signal;
      const onClientGone = () => controller.abort(requestSignal.reason);
      if (requestSignal.aborted) onClientGone();
      else requestSignal.addEventListener('abort', onClientGone, { once: true });
      const timer = setTimeout(() => controller.abort(new RequestTimeoutError(budgetMs)), budgetMs);
      // A pending budget must not keep a process (a test, a script) alive.
      timer.unref?.();

      // graphql-tools' executor reads `signal` from its arguments; envelop's types lack it.
      (args as typeof args & { signal?: AbortSignal }).signal = controller.signal;
      setExecuteFn((executeArgs) => currentSignal.run(controller.signal, () => executeFn(executeArgs)));
      return {
        onExecuteDone() {
          clearTimeout(timer);
          requestSignal.removeEventListener('abort', onClientGone);
        },
      };
    },
  };
}
