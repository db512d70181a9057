/**
 * The Pothos builder, the request context, and the conventions every type file shares:
 * Relay global IDs, forward-only connections, and mutation payloads with typed userErrors.
 */
import SchemaBuilder, { type ArgBuilder, type PothosOutputFieldConfig } from '@pothos/core';
import ComplexityPlugin, { type FieldComplexityValue } from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import { GraphQLError, Kind, isListType, isNonNullType, type GraphQLField, type GraphQLOutputType } from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import type { DataContext } from '../lib/store/loaders.js';
import type { Queue } from '../lib/queue.js';
import { ClaimgraphError } from '../lib/errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from '../lib/store/pagination.js';

export interface Context {
  data: DataContext;
  /** Where `enqueueArticles` sends articles; absent where the host has no ingest queue. */
  ingestQueue?: Queue;
}

/** The types that implement Node; a global ID naming any other type is invalid. */
const NODE_TYPES = new Set(['Article', 'Claim', 'Party', 'Location']);

export class InvalidIdError extends ClaimgraphError {
  constructor(id: string) {
    super('INVALID_ID', `"${id.slice(0, 100)}" is not a claimgraph ID`);
  }
}

/** Global IDs are base64url of `Type:id`: opaque to clients, checked on the way in. */
export const encodeId = (typename: string, id: string): string =>
  Buffer.from(`${typename}:${id}`).toString('base64url');

export function decodeId(globalID: string): { typename: string; id: string } {
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(globalID) ? Buffer.from(globalID, 'base64url').toString('utf8') : '';
  const separator = decoded.indexOf(':');
  const typename = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  if (separator < 1 || !NODE_TYPES.has(typename) || !/^[A-Za-z0-9_-]{1,64}$/.test(id))
    throw new InvalidIdError(globalID);
  return { typename, id };
}

/**
 * A global ID from a mutation input, checked where `withUserErrors` can report it: one that
 * does not decode, or names another type than `typename`, is an INVALID_ID user error on
 * `field` (e.g. ["input", "articleId"]) rather than a request error with no field.
 */
export function inputId(globalID: string, typename: string, field: string[]): string {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeId(globalID);
  } catch {
    throw new ClaimgraphError(
      'INVALID_ID',
      `${field.join('.')}: "${globalID.slice(0, 100)}" is not a claimgraph ID`,
      field,
    );
  }
  if (decoded.typename !== typename)
    throw new ClaimgraphError(
      'INVALID_ID',
      `${field.join('.')} must be the ID of a ${typename}, got the ID of a ${decoded.typename}`,
      field,
    );
  return decoded.id;
}

/** `inputId` for each ID of a list; the field names the position of the one at fault. */
export const inputIds = (globalIDs: readonly string[], typename: string, field: string[]): string[] =>
  globalIDs.map((globalID, index) => inputId(globalID, typename, [...field, String(index)]));

/** `nodes(ids:)` takes at most this many IDs: one BatchGetItem. */
export const MAX_NODE_IDS = 100;

/** An argument that would make a request's cost unbounded; refused before any resolver runs. */
export class CostArgumentError extends ClaimgraphError {
  constructor(message: string, field: string[]) {
    super('VALIDATION_FAILED', message, field);
  }
}

/**
 * Fields whose resolver still makes its own DynamoDB request for each parent (a Query that
 * no loader can batch): each costs one more per parent, on top of the nodes it returns.
 * Fields not listed read through per-request loaders (BatchGetItem), shared by all parents.
 */
export const REQUEST_PER_PARENT = new Set([
  'Query.articles',
  'Query.claims',
  'Query.parties',
  'Query.locations',
  'Party.claims',
  'Party.articles',
  'Location.claims',
  'Location.articles',
  'Claim.related',
]);

const isList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

/**
 * What a field costs, for the complexity plugin: the nodes it may return. A field with
 * `first` returns up to `first` nodes for each parent and multiplies what is selected
 * under it; `nodes(ids:)` does the same with its distinct IDs; other lists (a claim's
 * places, a payload's userErrors) come with their parent's item and multiply nothing.
 * Checked by server/limits.ts with the request's variables, so `first: $n` counts its value,
 * and an omitted `$n` the argument's default.
 */
export function fieldCost(args: Record<string, unknown>, field: GraphQLField<unknown, unknown>): FieldComplexityValue {
  const config = field.extensions?.pothosConfig as PothosOutputFieldConfig<SchemaTypes> | undefined;
  const name = `${config?.parentType ?? '?'}.${field.name}`;
  const perParent = REQUEST_PER_PARENT.has(name) ? 1 : 0;
  if ('first' in args) {
    const first = args.first;
    if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new CostArgumentError(
        `first must be between 1 and ${MAX_PAGE_SIZE} (on ${name}), got ${JSON.stringify(first)}`,
        [field.name, 'first'],
      );
    }
    return { field: first + perParent, multiplier: first };
  }
  if (name === 'Query.nodes' && Array.isArray(args.ids)) {
    if (args.ids.length > MAX_NODE_IDS) {
      throw new CostArgumentError(`nodes takes at most ${MAX_NODE_IDS} ids, got ${args.ids.length}`, ['nodes', 'ids']);
    }
    // A repeated ID is read once (one key of the BatchGetItem), but what is selected under
    // it runs again for every copy: the reads count distinct IDs, the multiplier every one.
    return { field: new Set(args.ids.map(String)).size, multiplier: args.ids.length };
  }
  if (name === 'Query.node') return 1 + perParent;
  return isList(field.type) ? { field: perParent, multiplier: 1 } : perParent;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: Date; Output: Date | string };
    URL: { Input: URL; Output: URL | string };
    GeoJSON: { Input: never; Output: object };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  complexity: {
    // Not per root field at resolve time: server/limits.ts checks the whole operation, with
    // its variables, before execution starts, and reports the figure in `extensions.cost`.
    disabled: true,
    fieldComplexity: (args, _ctx, field) => fieldCost(args, field as GraphQLField<unknown, unknown>),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeTypeOptions: { description: 'An object with a global ID, refetchable with `node(id:)`.' },
    idFieldOptions: { description: 'Opaque global ID: pass it to `node(id:)` to fetch this object again.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when it does not exist.',
      args: { id: { description: 'A global ID, as returned in any `id` field.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches objects by global ID, in the same order; null for each that does not exist.',
      args: { ids: { description: 'Global IDs, as returned in `id` fields.' } },
    },
    mutationInputArgOptions: { description: 'What to do: see the input type.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection ends and whether more follow.' },
    hasNextPageFieldOptions: { description: 'True when another page follows: pass `endCursor` as `after` to get it.' },
    hasPreviousPageFieldOptions: { description: 'Always false: connections page forward only.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge of this page.' },
    endCursorFieldOptions: {
      description: 'Cursor of the last edge of this page: pass it as `after` for the next page.',
    },
    cursorFieldOptions: { description: 'Opaque position of this edge: pass it as `after` to continue from here.' },
    nodeFieldOptions: { description: 'The object at this edge.' },
    edgesFieldOptions: { description: 'The objects of this page, with their cursors.' },
    pageInfoFieldOptions: { description: 'How to continue to the next page.' },
    encodeGlobalID: (typename, id) => encodeId(typename, String(id)),
    decodeGlobalID: (globalID) => decodeId(globalID),
  },
});

export type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * Where each custom scalar's format is defined (`@specifiedBy`), so that clients and code
 * generators can map it to a type and validate it without guessing.
 */
export const SCALAR_SPECIFICATIONS = {
  DateTime: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  Date: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  URL: 'https://url.spec.whatwg.org/#absolute-url-string',
} as const;

builder.addScalarType('DateTime', DateTimeResolver, { specifiedByURL: SCALAR_SPECIFICATIONS.DateTime });
builder.addScalarType('Date', DateResolver, { specifiedByURL: SCALAR_SPECIFICATIONS.Date });
/** An absolute http(s) URL. Malformed input is a clear request error, never a crash. */
function parseUrl(value: unknown): URL {
  if (typeof value === 'string') {
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url;
    } catch {
      // fall through
    }
  }
  throw new GraphQLError(`URL must be an absolute http(s) URL, got ${JSON.stringify(value)?.slice(0, 100)}`);
}

builder.scalarType('URL', {
  description: 'An absolute http(s) URL, as the WHATWG URL Standard parses it (RFC 3986 syntax).',
  specifiedByURL: SCALAR_SPECIFICATIONS.URL,
  serialize: (value) => String(value),
  parseValue: parseUrl,
  parseLiteral: (ast) => parseUrl(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.queryType({
  description: 'Reads: articles, the claims in them, who made them, and the places they are about.',
});

/**
 * The write side of the API: Mutation, its inputs and its payloads. Each type file hands its
 * part to `onWriteSide`; schema/index.ts registers it all on the first request that needs it
 * (a mutation, introspection), so a cold start that answers a query builds only what queries
 * reach. Pothos builds every type registered, reachable or not: deferring the registration is
 * what spares the work.
 */
const writeSide: (() => void)[] = [];
export const onWriteSide = (register: () => void): void => {
  writeSide.push(register);
};
/** Registers the write side, once: later calls find nothing left to register. */
export function registerWriteSide(): void {
  for (const register of writeSide.splice(0)) register();
}

onWriteSide(() => {
  builder.mutationType({
    description: 'Writes. Each takes one `input` and returns a payload whose `userErrors` say what was wrong.',
  });
});

/** `Date` scalars arrive as JS Dates; the data layer speaks ISO strings. */
export const isoDate = (value: Date | null | undefined): string | null =>
  value ? value.toISOString().slice(0, 10) : null;
export const isoDateTime = (value: Date | null | undefined): string | null => (value ? value.toISOString() : null);

/** Arguments of every connection: forward pagination only. */
export const pageArgs = (t: ArgBuilder<SchemaTypes>) => ({
  first: t.int({
    required: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  }),
  after: t.string({
    required: false,
    description: 'Return items after this cursor (an `endCursor` or edge `cursor`).',
  }),
});

export function toConnection<T>(page: Page<T>) {
  return {
    edges: page.items.map(({ cursor, value }) => ({ cursor, node: value })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: page.items[0]?.cursor ?? null,
      endCursor: page.endCursor ?? page.items.at(-1)?.cursor ?? null,
    },
  };
}

export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code: 'VALIDATION_FAILED' | 'NOT_FOUND' | 'CONFLICT' | 'INVALID_ID';
}

/** A problem with a mutation input: implemented with the rest of the write side. */
export const UserError = builder.objectRef<UserErrorShape>('UserError');

onWriteSide(() => {
  const UserErrorCode = builder.enumType('UserErrorCode', {
    description: 'Why a mutation refused its input.',
    values: {
      VALIDATION_FAILED: { description: 'A field is missing, malformed or out of range.' },
      NOT_FOUND: { description: 'An ID names nothing that exists.' },
      CONFLICT: { description: 'The object changed since you read it (a stale `expectedVersion`): reload and retry.' },
      INVALID_ID: { description: 'An ID is not a claimgraph ID of the expected type.' },
    } as const,
  });
  UserError.implement({
    description: 'A problem with a mutation input. Nothing was written.',
    fields: (t) => ({
      field: t.exposeStringList('field', {
        nullable: true,
        description: 'Path to the input field at fault, e.g. ["input", "url"].',
      }),
      message: t.exposeString('message', { description: 'What was wrong, for people.' }),
      code: t.field({
        type: UserErrorCode,
        resolve: (error) => error.code,
        description: 'What was wrong, for programs.',
      }),
    }),
  });
});

/** The `userErrors` field every mutation payload has. */
export const userErrorsField = (
  t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, { userErrors: UserErrorShape[] }>,
) =>
  t.field({
    type: [UserError],
    resolve: (payload) => payload.userErrors,
    description: 'Why the input was refused; empty on success.',
  });

const USER_ERROR_CODES = new Set(['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT', 'INVALID_ID']);

/**
 * Runs a mutation, turning expected failures into `userErrors` (nothing was written).
 * Authentication failures and unexpected errors stay GraphQL errors.
 */
export async function withUserErrors<T extends object>(
  run: () => Promise<T>,
): Promise<Partial<T> & { userErrors: UserErrorShape[] }> {
  try {
    return { ...(await run()), userErrors: [] };
  } catch (error) {
    if (error instanceof ClaimgraphError && USER_ERROR_CODES.has(error.code)) {
      return {
        userErrors: [{ field: error.field, message: error.message, code: error.code as UserErrorShape['code'] }],
      } as Partial<T> & {
        userErrors: UserErrorShape[];
      };
    }
    throw error;
  }
}
