/** The whole schema: each type file registers its type, queries and mutations. */
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
export const schema = builder.toSchema({ sortSchema: false });
