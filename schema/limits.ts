/**
 * What a request may cost, checked before any resolver runs (so before any DynamoDB
 * request). The values and the reasons for them are in README "Limits".
 */
import {
  getNamedType,
  getOperationAST,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  parse,
  valueFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { MAX_PAGE_SIZE } from '../lib/pagination.js';

export const LIMITS = {
  /** Bytes of a request body: a 200 KB article JSON-encoded, with room to spare. */
  bodyBytes: 512 * 1024,
  /** Lexical tokens of a document. */
  tokens: 2000,
  /** Nesting of selections: the reference query is 8 deep. */
  depth: 12,
  aliases: 20,
  directives: 20,
  /** Nodes a query may ask for: each connection or `first` list counts its `first`, times its parents'. */
  cost: 2000,
} as const;

export class LimitError extends GraphQLError {
  constructor(message: string, code: string, status = 400) {
    super(message, { extensions: { code, http: { status } } });
  }
}

function errorResponse(fetchAPI: { Response: typeof Response }, status: number, code: string, message: string): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Counts a body's bytes without buffering more than the limit. */
async function bodyTooLarge(request: Request): Promise<boolean> {
  const declared = request.headers.get('content-length');
  if (declared !== null) return Number(declared) > LIMITS.bodyBytes;
  if (!request.body) return false;
  const reader = request.clone().body!.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    bytes += value.byteLength;
    if (bytes > LIMITS.bodyBytes) {
      await reader.cancel();
      return true;
    }
  }
}

/** The nodes an operation may return, and a check of every `first` it passes. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === 'FragmentDefinition') fragments.set(definition.name.value, definition);
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const walk = (selectionSet: SelectionSetNode, type: GraphQLNamedType, multiplier: number, seen: Set<string>): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'Field') {
        if (!(isObjectType(type) || isInterfaceType(type))) continue;
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        let childMultiplier = multiplier;
        const firstArg = field.args.find((arg) => arg.name === 'first');
        if (firstArg) {
          const node = selection.arguments?.find((arg) => arg.name.value === 'first');
          const value = node ? valueFromAST(node.value, firstArg.type, variables) : firstArg.defaultValue;
          if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
            throw new LimitError(`first must be between 1 and ${MAX_PAGE_SIZE} (on ${type.name}.${field.name}), got ${JSON.stringify(value)}`, 'VALIDATION_FAILED');
          }
          childMultiplier = multiplier * value;
          cost += childMultiplier;
        }
        if (selection.selectionSet) cost += walk(selection.selectionSet, getNamedType(field.type), childMultiplier, seen);
      } else if (selection.kind === 'InlineFragment') {
        const next = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? type : type;
        cost += walk(selection.selectionSet, next, multiplier, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        // Validation rejects fragment cycles; `seen` guards this walk all the same.
        if (!fragment || seen.has(fragment.name.value)) continue;
        const next = schema.getType(fragment.typeCondition.name.value) ?? type;
        cost += walk(fragment.selectionSet, next, multiplier, new Set([...seen, fragment.name.value]));
      }
      if (cost > LIMITS.cost) break;
    }
    return cost;
  };
  return walk(operation.selectionSet, root, 1, new Set());
}

/** The request limits, as yoga plugins: body size, tokens, depth, aliases, directives, cost. */
export function useLimits(): Plugin[] {
  return [
    {
      async onRequest({ request, endResponse, fetchAPI }) {
        if (request.method === 'POST' && (await bodyTooLarge(request))) {
          endResponse(errorResponse(fetchAPI, 413, 'PAYLOAD_TOO_LARGE', `request bodies are limited to ${LIMITS.bodyBytes} bytes`));
        }
      },
      onParse({ setParseFn }) {
        setParseFn((source, options) => {
          try {
            return parse(source, { ...options, maxTokens: LIMITS.tokens });
          } catch (error) {
            if (error instanceof GraphQLError && /more than \d+ tokens/.test(error.message)) {
              throw new LimitError(`documents are limited to ${LIMITS.tokens} tokens`, 'QUERY_TOO_LARGE');
            }
            throw error;
          }
        });
      },
    },
    maxDepthPlugin({ n: LIMITS.depth, exposeLimits: true, flattenFragments: true, errorMessage: 'Query is too deep' }),
    maxAliasesPlugin({ n: LIMITS.aliases, exposeLimits: true, errorMessage: 'Query uses too many aliases' }),
    maxDirectivesPlugin({ n: LIMITS.directives, exposeLimits: true, errorMessage: 'Query uses too many directives' }),
    {
      onExecute({ args }) {
        const cost = operationCost(args.schema, args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>);
        if (cost > LIMITS.cost) {
          throw new LimitError(`this query may return ${cost} nodes; the limit is ${LIMITS.cost}: ask for smaller pages`, 'QUERY_TOO_COSTLY');
        }
      },
    },
  ];
}
