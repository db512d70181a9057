/**
 * What a request may cost, checked before any resolver runs (so before any DynamoDB
 * request). Shape limits are graphql-armor's; cost is the Pothos complexity plugin's, with
 * the field costs of schema/builder.ts. The values and the reasons for them are in README
 * "Access and limits".
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  GraphQLError,
  Kind,
  getOperationAST,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { MAX_PAGE_SIZE } from '../lib/store/pagination.js';
import { CostArgumentError, MAX_NODE_IDS } from '../schema/builder.js';

export const LIMITS = {
  /** Bytes of a request body: a 200 KB article JSON-encoded, with room to spare. */
  bodyBytes: 1536 * 1024,
  /** Lexical tokens of a document. */
  tokens: 2000,
  /** Nesting of fields, fragments flattened: the reference query is 8 deep. */
  depth: 12,
  aliases: 20,
  directives: 20,
  /** Nodes a query may ask for: see `fieldCost` in schema/builder.ts. */
  cost: 2000,
  first: MAX_PAGE_SIZE,
  nodeIds: MAX_NODE_IDS,
} as const;

/** What `extensions.cost` says: the operation's cost and the most a request may cost. */
export interface CostExtension {
  requested: number;
  limit: number;
}

export class LimitError extends GraphQLError {
  constructor(message: string, code: string, status = 400) {
    super(message, { extensions: { code, http: { status } } });
  }
}

function errorResponse(
  fetchAPI: { Response: typeof Response },
  status: number,
  code: string,
  message: string,
): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** A body's bytes, read up to the limit; undefined as soon as it is longer (the rest is not read). */
async function readWithinLimit(body: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      const whole = new Uint8Array(bytes);
      let at = 0;
      for (const chunk of chunks) {
        whole.set(chunk, at);
        at += chunk.byteLength;
      }
      return whole;
    }
    bytes += value.byteLength;
    if (bytes > LIMITS.bodyBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}

/**
 * graphql-armor reports a rejection as "Syntax Error: <what>" with no code: the same words
 * without the misleading prefix, and a code a program can branch on.
 */
const reportAs =
  (code: string) =>
  (context: ValidationContext | null, error: GraphQLError): void => {
    const coded = new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code } });
    if (!context) throw coded;
    context.reportError(coded);
  };

/** graphql-armor's shape limits. Every fragment spread counts where it is used. */
function shapeLimits(): Plugin[] {
  const armor = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    // Tokens are counted while parsing, so a huge document is refused before it is built.
    maxTokensPlugin({ ...armor, n: LIMITS.tokens, onReject: [reportAs('QUERY_TOO_LARGE')] }),
    // `__schema` (the standard introspection query nests 15 levels) is not counted; a
    // fragment named `__schema` is (fixed in 2.4.2: GHSA-hmfr-rx46-4jx2), and a fragment's
    // depth is added at every spread (GHSA-224p-v68g-5g8f). Fragments and inline fragments
    // are not levels of their own: only fields nest.
    maxDepthPlugin({
      ...armor,
      n: LIMITS.depth,
      ignoreIntrospection: true,
      flattenFragments: true,
      onReject: [reportAs('QUERY_TOO_DEEP')],
    }),
    // `__typename` is cheap, but a thousand aliases of it still cost parsing and answer bytes.
    maxAliasesPlugin({ ...armor, n: LIMITS.aliases, allowList: [], onReject: [reportAs('TOO_MANY_ALIASES')] }),
    maxDirectivesPlugin({ ...armor, n: LIMITS.directives, onReject: [reportAs('TOO_MANY_DIRECTIVES')] }),
  ];
}

/**
 * The cost of the operation a request executes, with its variables (an omitted variable
 * takes the argument's default, as execution will). Undefined when there is no such
 * operation or the variables do not fit it: execution then refuses the request with
 * graphql-js's own message. Measured on the operation and the fragments alone, in one walk
 * of the document (`complexityFromQuery` measures a document's first operation).
 */
function operationCost(args: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: unknown;
  contextValue: unknown;
}): number | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return undefined;
  const fragments = args.document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  try {
    return complexityFromQuery(
      { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] },
      {
        schema: args.schema,
        ctx: args.contextValue as object,
        variables: (args.variableValues ?? {}) as Record<string, unknown>,
      },
    ).complexity;
  } catch (error) {
    if (error instanceof CostArgumentError) throw new LimitError(error.message, error.code);
    // The variables do not fit the operation.
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
}

/** Each request's measured cost, for `extensions.cost` of whatever answers it. */
const costs = new WeakMap<Request, CostExtension>();

function costLimit(): Plugin<{ request: Request }> {
  return {
    onExecute({ args }) {
      const requested = operationCost(args);
      if (requested === undefined) return;
      const cost = { requested, limit: LIMITS.cost };
      costs.set(args.contextValue.request, cost);
      if (requested > LIMITS.cost) {
        throw new LimitError(
          `this query may return ${requested} nodes; the limit is ${LIMITS.cost}: ask for smaller pages`,
          'QUERY_TOO_COSTLY',
        );
      }
    },
    onResultProcess({ request, result, setResult }) {
      const cost = costs.get(request);
      if (!cost || Array.isArray(result) || Symbol.asyncIterator in result) return;
      setResult({ ...result, extensions: { ...result.extensions, cost } });
    },
  };
}

/** The request limits, as yoga plugins: body size, tokens, depth, aliases, directives, cost. */
export function useLimits(): Plugin[] {
  return [
    {
      // The only limit on body size: yoga's own is off (server/server.ts).
      async onRequest({ request, setRequest, endResponse, fetchAPI }) {
        if (request.method !== 'POST') return;
        const tooLarge = () =>
          endResponse(
            errorResponse(
              fetchAPI,
              413,
              'PAYLOAD_TOO_LARGE',
              `request bodies are limited to ${LIMITS.bodyBytes} bytes`,
            ),
          );
        const declared = request.headers.get('content-length');
        if (declared !== null) {
          if (Number(declared) > LIMITS.bodyBytes) tooLarge();
          return;
        }
        if (!request.body) return;
        // No length said (a chunked upload): read it here, up to the limit, and hand on what
        // was read, since a body can be read only once.
        const body = await readWithinLimit(request.body);
        if (!body) {
          tooLarge();
          return;
        }
        // The same signal: a client that hangs up still stops the query's work (server/cancel.ts).
        const { url, headers, signal } = request;
        setRequest(new fetchAPI.Request(url, { method: 'POST', headers, body, signal }));
      },
    },
    ...shapeLimits(),
    costLimit() as Plugin,
  ];
}
