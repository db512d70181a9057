/**
 * A request's work stops when nobody waits for it: its client hung up, or its time budget ran
 * out. Execution gets the request's signal (graphql-tools' executor stops resolving and
 * answers at once), and so does the request's view of the Db in its data context, which
 * starts no DynamoDB request once the signal has fired and lets the SDK abort those under
 * way, so loaders and resolvers still in flight issue no more reads.
 * The signal is passed explicitly rather than through AsyncLocalStorage: on Node 20 its first
 * use turns on async hooks for every promise in the process, which costs a cold start
 * milliseconds and every request's promise-heavy execution more. The data context is the
 * request's own, so a batched load carries its request's signal and no other.
 */
import { setMaxListeners } from 'node:events';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { DataContext } from '../lib/store/loaders.js';

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

const refused = (error: unknown): boolean => {
  if (!error || typeof error !== 'object') return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  // Node reports a refused connection on its own, wrapped in `cause`, or (trying IPv4 and
  // IPv6 in turn) inside an AggregateError.
  return code === 'ECONNREFUSED' || refused(cause) || (Array.isArray(errors) && errors.some(refused));
};

const guarded = new WeakSet<DynamoDBClient>();

/**
 * Makes a refused connection end a DynamoDB command at once, once per client: around each
 * attempt (inside the SDK's retries), instead of after seconds of backoff.
 */
export function guardDatabase(client: DynamoDBClient): void {
  if (guarded.has(client)) return;
  guarded.add(client);
  client.middlewareStack.add(
    (next) => async (args) => {
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
 * hands it to its execution and its data context's Db. Mutations run to the end: a write
 * stopped between its steps would leave the client not knowing what was written, and
 * ingesting a long article may rightly take longer than any read.
 */
export function useCancellation(budgetMs: number): Plugin<{ request: Request; data: DataContext }> {
  return {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      const controller = new AbortController();
      // Each DynamoDB request under way listens to the signal until it ends, and a query may
      // have dozens side by side: past Node's default of 10, a warning of a leak there is not.
      setMaxListeners(0, controller.signal);
      const requestSignal = args.contextValue.request.signal;
      const onClientGone = () => controller.abort(requestSignal.reason);
      if (requestSignal.aborted) onClientGone();
      else requestSignal.addEventListener('abort', onClientGone, { once: true });
      const timer = setTimeout(() => controller.abort(new RequestTimeoutError(budgetMs)), budgetMs);
      // A pending budget must not keep a process (a test, a script) alive.
      timer.unref?.();

      // graphql-tools' executor reads `signal` from its arguments; envelop's types lack it.
      (args as typeof args & { signal?: AbortSignal }).signal = controller.signal;
      args.contextValue.data.db.signal = controller.signal;
      return {
        onExecuteDone() {
          clearTimeout(timer);
          requestSignal.removeEventListener('abort', onClientGone);
        },
      };
    },
  };
}
