/** The whole schema: each type file registers its type, queries and mutations. */
import { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
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
export const schema = new GraphQLSchema({ ...builder.toSchema({ sortSchema: false }).toConfig(), assumeValid: true });
