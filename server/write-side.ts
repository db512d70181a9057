/**
 * Which schema a request runs against. Queries run against the read schema built at start;
 * a document that needs more (a mutation, introspection, a write-side type by name: see
 * `needsWholeSchema`) runs against the whole schema, built when the first such request comes.
 * The choice depends on the document alone, so yoga's caches of parsed and validated
 * documents (kept per schema) stay consistent. It is made in `onParams`, after the persisted
 * operation plugins have turned a hash into its document, and set on every request: envelop's
 * `setSchema` replaces the schema of every request that follows, and each request captures
 * the one set when it starts (as yoga's own per-request schema factory does).
 */
import type { Plugin } from 'graphql-yoga';
import { needsWholeSchema, readSchema, wholeSchema } from '../schema/index.js';

export function useWriteSide(): Plugin {
  const needsWhole = new WeakSet<object>();
  return {
    onParams({ params, context }) {
      if (typeof params.query === 'string' && needsWholeSchema(params.query)) needsWhole.add(context);
    },
    onEnveloped({ context, setSchema }) {
      setSchema(context && needsWhole.has(context) ? wholeSchema() : readSchema);
    },
  };
}
