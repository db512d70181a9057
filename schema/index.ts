/**
 * The whole schema: each type file registers its type, queries and mutations.
 *
 * It is built in two parts. `readSchema`, built at start, holds Query and every type a query
 * can reach: what a cold start answering a query pays for. `wholeSchema()` adds the write side
 * (Mutation, its inputs and payloads: schema/builder.ts, `onWriteSide`) on the first request
 * that needs it. The read schema is the whole schema less the write side's types, each shared
 * type printed alike in both (test/schema.test.ts), so a query runs the same against either.
 */
import { GraphQLSchema } from 'graphql';
import { builder, registerWriteSide } from './builder.js';
import './article.js';
import './queue.js';
import './claim.js';
import './party.js';
import './location.js';
import './resolve.js';
import './change.js';
import './counts.js';

// Not sorted here: sorting rebuilds every type at each cold start, and introspection then
// lists fields in the order they are written. schema.graphql is printed sorted (print.ts).
// Marked valid: graphql-js would otherwise check the whole type system again on the first
// request of every cold start, though it is code, which test/schema.test.ts validates.
const build = (): GraphQLSchema =>
  new GraphQLSchema({ ...builder.toSchema({ sortSchema: false }).toConfig(), assumeValid: true });

/** Query and the types queries reach. */
export const readSchema = build();

let whole: GraphQLSchema | undefined;

/** The whole API, the write side included: registered and built on the first call. */
export function wholeSchema(): GraphQLSchema {
  if (!whole) {
    registerWriteSide();
    whole = build();
  }
  return whole;
}

/** Whether `wholeSchema()` has been built in this process (a cold start answering queries never builds it). */
export const isWholeSchemaBuilt = (): boolean => whole !== undefined;

/** The types only the write side defines: a document naming one runs against the whole schema. */
export const WRITE_SIDE_TYPES = [
  'Mutation',
  'UserError',
  'UserErrorCode',
  'IngestArticleInput',
  'IngestArticlePayload',
  'DeleteArticleInput',
  'DeleteArticlePayload',
  'CreateClaimInput',
  'CreateClaimPayload',
  'UpdateClaimInput',
  'UpdateClaimPayload',
  'SpanInput',
  'QuantityInput',
  'CreateLocationInput',
  'CreateLocationPayload',
  'UpdateLocationInput',
  'UpdateLocationPayload',
  'CreatePartyInput',
  'CreatePartyPayload',
  'MergePartiesInput',
  'MergePartiesPayload',
  'EnqueueArticleInput',
  'EnqueueArticlesInput',
  'EnqueueArticlesPayload',
  'EnqueuedArticle',
  'EnqueueStatus',
] as const;

// A word, not a parse: the document is parsed later, once, against the schema chosen here.
// A mention inside a comment or a string only costs building the whole schema early.
const NEEDS_WHOLE = new RegExp(`\\b(?:mutation|__schema|__type|${WRITE_SIDE_TYPES.join('|')})\\b`);

/**
 * Whether a GraphQL document needs the whole schema: a mutation, introspection (`__schema`,
 * `__type`: tools must see the whole API), or a write-side type by name. `__typename` does not.
 */
export const needsWholeSchema = (document: string): boolean => NEEDS_WHOLE.test(document);
