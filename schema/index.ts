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

export const schema = builder.toSchema({ sortSchema: true });
