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
  type ValidationContext,
  type ASTVisitor,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
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

interface Shape {
  depth: number;
  aliases: number;
  directives: number;
}

/**
 * Depth, aliases and directives of each operation, fragments expanded (each fragment
 * counted once per operation: validation rejects cycles, and the guard stops them here).
 * Also refuses `__`-prefixed names for fragments, operations, variables and aliases: they
 * are reserved for introspection, and a fragment named `__schema` only serves to confuse.
 */
function shapeRule(context: ValidationContext): ASTVisitor {
  const reject = (message: string, code: string) => context.reportError(new GraphQLError(message, { extensions: { code } }));
  const measure = (selectionSet: SelectionSetNode, depth: number, seen: Set<string>, shape: Shape): void => {
    shape.depth = Math.max(shape.depth, depth);
    for (const selection of selectionSet.selections) {
      shape.directives += selection.directives?.length ?? 0;
      if (selection.kind === 'Field') {
        if (selection.alias) shape.aliases++;
        if (selection.selectionSet) measure(selection.selectionSet, depth + 1, seen, shape);
      } else if (selection.kind === 'InlineFragment') {
        measure(selection.selectionSet, depth, seen, shape);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = context.getFragment(selection.name.value);
        if (fragment) measure(fragment.selectionSet, depth, seen, shape);
      }
      if (shape.depth > LIMITS.depth || shape.aliases > LIMITS.aliases || shape.directives > LIMITS.directives) return;
    }
  };
  const reserved = (kind: string, name: string | undefined) => {
    if (name?.startsWith('__')) reject(`${kind} names starting with "__" are reserved for introspection: "${name}"`, 'VALIDATION_FAILED');
  };
  return {
    FragmentDefinition: (node) => reserved('fragment', node.name.value),
    VariableDefinition: (node) => reserved('variable', node.variable.name.value),
    Field: (node) => reserved('alias', node.alias?.value),
    OperationDefinition(node) {
      reserved('operation', node.name?.value);
      const shape: Shape = { depth: 0, aliases: 0, directives: node.directives?.length ?? 0 };
      measure(node.selectionSet, 1, new Set(), shape);
      if (shape.depth > LIMITS.depth) reject(`queries may nest at most ${LIMITS.depth} levels deep`, 'QUERY_TOO_DEEP');
      if (shape.aliases > LIMITS.aliases) reject(`queries may use at most ${LIMITS.aliases} aliases`, 'TOO_MANY_ALIASES');
      if (shape.directives > LIMITS.directives) reject(`queries may use at most ${LIMITS.directives} directives`, 'TOO_MANY_DIRECTIVES');
    },
  };
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
            if (error instanceof GraphQLError && /more th\w+ \d+ tokens/.test(error.message)) {
              throw new LimitError(`documents are limited to ${LIMITS.tokens} tokens`, 'QUERY_TOO_LARGE');
            }
            throw error;
          }
        });
      },
    },
    {
      onValidate({ addValidationRule }) {
        addValidationRule(shapeRule);
      },
    },
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
