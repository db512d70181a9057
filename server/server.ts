/**
 * The GraphQL server, host-agnostic: graphql-yoga over the Pothos schema. The Lambda
 * handler and the local HTTP server both call `createServer` and differ only in options.
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerOptions } from 'graphql-yoga';
import type { KeySecretsSource } from '../lib/api-key.js';
import { type Config, DEFAULT_CACHE_MAX_AGE_SECONDS } from '../lib/config.js';
import { createDataContext } from '../lib/store/loaders.js';
import { type Db, WorkAbandonedError } from '../lib/store/client.js';
import { ClaimgraphError } from '../lib/errors.js';
import type { Queue } from '../lib/queue.js';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Context } from '../schema/builder.js';
import { readSchema } from '../schema/index.js';
import { useApiKeys } from './auth.js';
import { DatabaseUnavailableError, guardDatabase, RequestTimeoutError, useCancellation } from './cancel.js';
import { useCompression } from './compression.js';
import { corsOptions } from './cors.js';
import { useHealth } from './health.js';
import { useHttpCaching } from './http-cache.js';
import { useLimits } from './limits.js';
import { readManifest, useAutomaticPersistedQueries, useOperationAllowList } from './persisted-operations.js';
import { useWriteSide } from './write-side.js';

/** GraphiQL opens on this: it returns data on the sample article. */
export const EXAMPLE_OPERATION = `# claimgraph: who claims what, about where, and when.
# Press the run button to see the claims of the latest articles.
query LatestClaims {
  articles(first: 5) {
    edges {
      node {
        title
        publisher
        publishedAt
        claims(first: 10) {
          edges {
            node {
              kind
              claimant { name kind }
              cue { text }
              content { text }
              locations { name latitude longitude }
              eventDate
            }
          }
        }
      }
    }
  }
}
`;

export interface ServerOptions {
  db: Db;
  /** The queue `enqueueArticles` sends to: SQS on AWS, an in-process InMemoryQueue locally. */
  ingestQueue?: Queue;
  /** Accepted as an admin API key (CLAIMGRAPH_ADMIN_KEY). */
  adminKey?: string;
  /** The secret stored API keys are checked with; without one (and no `keySecrets`) no stored key authorises anything. */
  pepper?: string;
  /** Loads the pepper and admin key when a request presents a key (Secrets Manager on AWS); overrides `adminKey` and `pepper`. */
  keySecrets?: KeySecretsSource;
  /** Reads need a `read` key too. */
  requireKeyForRead?: boolean;
  /** Turns introspection off (it stays on by default: GraphiQL needs it). */
  disableIntrospection?: boolean;
  /** Masks messages of unexpected errors and hides "did you mean" hints. */
  production?: boolean;
  /** Renders GraphiQL; only the local host passes one (the page's assets are large). */
  renderGraphiQL?: YogaServerOptions<object, Context>['renderGraphiQL'];
  graphqlEndpoint?: string;
  /**
   * How long a query may execute before it is stopped and answered with REQUEST_TIMEOUT
   * (default 10 s: under the Lambda's 15 s, so the client gets an answer). Mutations run to the end.
   */
  timeBudgetMs?: number;
  /** How long `GET /health` waits for DynamoDB (default 1 s). */
  healthTimeoutMs?: number;
  /** Where unexpected errors are reported (never to the client). */
  logError?: (error: unknown) => void;
  /** Origins browsers may call from (`*`: any); empty or absent: pages on this machine only (server/cors.ts). */
  corsOrigins?: readonly string[];
  /** `max-age` of anonymous GET query answers (default 30 s; 0: `no-store`). */
  cacheMaxAgeSeconds?: number;
  /**
   * The allow-list (hash → document): only these operations run. Absent: any document, and
   * automatic persisted queries.
   */
  persistedOperations?: ReadonlyMap<string, string>;
}

/** Errors that answer for the whole request set its HTTP status. */
const HTTP_STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

export const DEFAULT_TIME_BUDGET_MS = 10_000;
export const DEFAULT_HEALTH_TIMEOUT_MS = 1_000;

// Abandoned work throws WorkAbandonedError before a DynamoDB request starts, the SDK's AbortError after.
const clientGone = (error: unknown): boolean =>
  error instanceof WorkAbandonedError || (error instanceof Error && error.name === 'AbortError');

/** Turns what a resolver threw into what a client may see. */
function maskError(logError: (error: unknown) => void, production: boolean) {
  return (error: unknown): Error => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const graphQLError = error instanceof GraphQLError ? error : undefined;
    // Not the client's fault, and not a bug: a condition of the service, said as such.
    if (original instanceof RequestTimeoutError || original instanceof DatabaseUnavailableError) {
      const [code, message] =
        original instanceof RequestTimeoutError
          ? ['REQUEST_TIMEOUT', original.message]
          : ['SERVICE_UNAVAILABLE', 'the database is not answering: try again shortly'];
      return new GraphQLError(message, {
        nodes: graphQLError?.nodes,
        path: graphQLError?.path,
        extensions: { code, http: { status: 503 } },
      });
    }
    // The client hung up: nobody reads this answer, and it is no incident.
    if (clientGone(original))
      return new GraphQLError('the client closed the request', {
        extensions: { code: 'CLIENT_CLOSED_REQUEST', http: { status: 499 } },
      });
    const expected =
      original instanceof ClaimgraphError
        ? original
        : // A global ID of the wrong type ("an Article ID where a Party ID belongs").
          original instanceof PothosValidationError && original.message.startsWith('ID:')
          ? new ClaimgraphError('INVALID_ID', original.message)
          : undefined;
    if (expected) {
      const status = HTTP_STATUS[expected.code];
      return new GraphQLError(expected.message, {
        nodes: graphQLError?.nodes,
        path: graphQLError?.path,
        extensions: {
          code: expected.code,
          ...(expected.field ? { field: expected.field } : {}),
          ...(status ? { http: { status } } : {}),
        },
      });
    }
    // GET parameters (`variables`, `extensions`) that are not JSON.
    if (!graphQLError && original instanceof SyntaxError) {
      return new GraphQLError('variables and extensions must be JSON objects', {
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      });
    }
    // Errors of the request itself (syntax, validation, variable coercion) have no path:
    // graphql-js wrote their messages, and they tell the client what to fix.
    if (graphQLError && (!graphQLError.originalError || !graphQLError.path)) {
      // yoga puts the parser's own error (a malformed body's first bytes) in `originalError`:
      // a production server says only what was wrong.
      if (production && graphQLError.extensions.originalError !== undefined) {
        const { originalError: _hidden, ...extensions } = graphQLError.extensions;
        return new GraphQLError(graphQLError.message, { nodes: graphQLError.nodes, extensions });
      }
      return graphQLError;
    }
    logError(original);
    return new GraphQLError('Unexpected error.', {
      nodes: graphQLError?.nodes,
      path: graphQLError?.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  };
}

/** The server settings that come from the environment, the same in every host. */
export const settingsFrom = (
  config: Config,
): Pick<
  ServerOptions,
  | 'production'
  | 'adminKey'
  | 'pepper'
  | 'requireKeyForRead'
  | 'disableIntrospection'
  | 'corsOrigins'
  | 'cacheMaxAgeSeconds'
  | 'persistedOperations'
> => ({
  production: config.production,
  adminKey: config.adminKey,
  pepper: config.pepper,
  requireKeyForRead: config.requireKeyForRead,
  disableIntrospection: config.disableIntrospection,
  corsOrigins: config.corsOrigins,
  cacheMaxAgeSeconds: config.cacheMaxAgeSeconds,
  // Read once, at start: a missing or broken manifest stops the server before it answers anything.
  persistedOperations:
    config.persistedOperationsOnly && config.persistedOperationsFile
      ? readManifest(config.persistedOperationsFile)
      : undefined,
});

/**
 * Runs `create` with `globalThis.Request` shadowed. Creating yoga's server adapter
 * (@whatwg-node/server) reads it once, only to tell whether yoga's Request class is Node's
 * own; on Node that first read loads undici, all of Node's fetch implementation: about a tenth
 * of a Lambda cold start, for classes nothing here uses (yoga brings its own Request, Headers
 * and Response, and the Lambda adapter builds its headers as a plain record). The stand-in
 * differs from yoga's class as Node's does, so the adapter decides as it would have.
 * test/graphql-function.test.ts checks that a cold start answering a query never loads undici.
 */
function withoutNodeFetch<T>(create: () => T): T {
  const request = Object.getOwnPropertyDescriptor(globalThis, 'Request');
  // Already loaded (a value, not Node's lazy getter): nothing left to spare.
  if (!request?.get) return create();
  Object.defineProperty(globalThis, 'Request', { value: class NotLoaded {}, configurable: true, writable: true });
  try {
    return create();
  } finally {
    Object.defineProperty(globalThis, 'Request', request);
  }
}

export function createServer(options: ServerOptions) {
  const logError = options.logError ?? ((error) => console.error(error));
  guardDatabase(options.db.client);
  const graphqlEndpoint = options.graphqlEndpoint ?? '/graphql';
  const settings: YogaServerOptions<object, Context> = {
    schema: readSchema,
    graphqlEndpoint,
    context: () => ({ data: createDataContext(options.db), ingestQueue: options.ingestQueue }),
    maskedErrors: { maskError: maskError(logError, options.production ?? false) },
    graphiql: options.renderGraphiQL ? { title: 'claimgraph', defaultQuery: EXAMPLE_OPERATION } : false,
    renderGraphiQL: options.renderGraphiQL,
    landingPage: false,
    // yoga's own check says only that the process runs, and would answer `/health` before
    // ours (which asks the table): it moves to `/live`.
    healthCheckEndpoint: '/live',
    // One operation per request: batching would multiply every limit by the batch size.
    batching: false,
    // One limit on body size, server/limits.ts's (LIMITS.bodyBytes, answered 413 PAYLOAD_TOO_LARGE,
    // chunked bodies counted too). yoga's own, looser by default, would also pipe every request
    // body through a web-streams transform.
    maxRequestBodySize: false,
    cors: corsOptions(options.corsOrigins ?? []),
    plugins: [
      // First: they turn a hash into the document every later step checks.
      ...(options.persistedOperations
        ? useOperationAllowList(options.persistedOperations)
        : useAutomaticPersistedQueries()),
      // After them: the document it looks at is the one that will run.
      useWriteSide(),
      useHealth(options.db, options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS),
      ...useLimits(),
      useApiKeys({
        db: options.db,
        secrets: options.keySecrets ?? { pepper: options.pepper, adminKey: options.adminKey },
        requireKeyForRead: options.requireKeyForRead,
      }),
      ...(options.production ? [blockFieldSuggestionsPlugin()] : []),
      ...(options.disableIntrospection ? [useDisableIntrospection()] : []),
      useCancellation(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS),
      // In this order: caching headers and the ETag are those of the plain answer, then it is compressed.
      useHttpCaching({ graphqlEndpoint, maxAgeSeconds: options.cacheMaxAgeSeconds ?? DEFAULT_CACHE_MAX_AGE_SECONDS }),
      useCompression(),
    ],
    // Expected errors are answers, not incidents; unexpected ones reach `logError` via maskError.
    logging: {
      debug: () => {},
      info: () => {},
      warn: (...args: unknown[]) => console.warn(...args),
      error: (...args: unknown[]) => {
        // A client's malformed JSON (a SyntaxError) is answered with a 400, not an incident.
        const expected = (arg: unknown) =>
          arg instanceof GraphQLError ||
          arg instanceof ClaimgraphError ||
          arg instanceof SyntaxError ||
          arg instanceof RequestTimeoutError ||
          arg instanceof DatabaseUnavailableError ||
          clientGone(arg);
        if (!args.some(expected)) logError(args.length === 1 ? args[0] : args);
      },
    },
  };
  return withoutNodeFetch(() => createYoga(settings));
}
