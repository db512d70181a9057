/**
 * Persisted operations, in one of two modes.
 *
 * - Automatic persisted queries (the default; Apollo's protocol): a client sends
 *   `extensions.persistedQuery.sha256Hash` alone (GET or POST); an unknown hash is answered
 *   `PERSISTED_QUERY_NOT_FOUND`, and the client sends the document with its hash once, which
 *   is checked (`PERSISTED_QUERY_HASH_MISMATCH` otherwise) and remembered. Only documents that
 *   passed validation and the request limits are remembered, in a bounded LRU store (by count
 *   and by bytes), so nobody can fill the memory with documents.
 * - An allow-list (PERSISTED_OPERATIONS_ONLY=true, for production): only the operations of a
 *   manifest written at build time run, by hash; any other document is refused
 *   (`PERSISTED_QUERY_ONLY`), an unknown hash too (`PERSISTED_QUERY_NOT_IN_LIST`).
 *
 * Both look operations up through yoga's persisted-operations plugin; APQ adds the registration.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { ConfigError } from '../lib/config.js';

/** How many documents, and how many bytes of them, APQ keeps per server instance. */
export const APQ_STORE = { maxEntries: 1000, maxBytes: 4 * 1024 * 1024 } as const;

export const sha256Hex = (document: string): string => createHash('sha256').update(document).digest('hex');

interface PersistedQueryExtension {
  version: 1;
  sha256Hash: string;
}

function persistedQueryOf(extensions: unknown): PersistedQueryExtension | undefined {
  const value = (extensions as { persistedQuery?: Partial<PersistedQueryExtension> } | null | undefined)
    ?.persistedQuery;
  return value && value.version === 1 && typeof value.sha256Hash === 'string'
    ? (value as PersistedQueryExtension)
    : undefined;
}

const codedError = (message: string, code: string, status: number) =>
  new GraphQLError(message, { extensions: { code, http: { status } } });

/** What yoga says of a request with no document, kept for a request with neither document nor hash. */
const noQuery = () =>
  new GraphQLError('Must provide query string.', {
    extensions: { code: 'BAD_REQUEST', http: { spec: true, status: 400, headers: { Allow: 'GET, POST' } } },
  });

export type ApqStore = LRUCache<string, string>;

export const createApqStore = (): ApqStore =>
  new LRUCache<string, string>({
    max: APQ_STORE.maxEntries,
    maxSize: APQ_STORE.maxBytes,
    sizeCalculation: (document) => Math.max(1, Buffer.byteLength(document)),
  });

/** Automatic persisted queries over `store`. */
export function useAutomaticPersistedQueries(store: ApqStore = createApqStore()): Plugin[] {
  /** A document sent with its hash, remembered once it has passed validation and limits. */
  const pending = new WeakMap<object, { hash: string; document: string }>();
  return [
    {
      onParams({ params, context }) {
        const persisted = persistedQueryOf(params.extensions);
        if (!persisted || typeof params.query !== 'string') return;
        const hash = persisted.sha256Hash.toLowerCase();
        if (hash !== sha256Hex(params.query))
          throw codedError(
            'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it',
            'PERSISTED_QUERY_HASH_MISMATCH',
            400,
          );
        pending.set(context, { hash, document: params.query });
      },
      onExecute({ args }) {
        const registration = pending.get(args.contextValue);
        if (registration && !store.has(registration.hash)) store.set(registration.hash, registration.document);
      },
    },
    usePersistedOperations({
      allowArbitraryOperations: true,
      getPersistedOperation: (hash) => store.get(hash.toLowerCase()) ?? null,
      customErrors: {
        // Apollo's link looks for this code (or message) and retries with the document.
        notFound: {
          message: 'PersistedQueryNotFound',
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 200 } },
        },
        keyNotFound: () => noQuery(),
      },
    }) as Plugin,
  ];
}

/**
 * Reads a manifest of persisted operations: a JSON object of hash → document (what
 * relay-compiler's `persistConfig` and GraphQL Code Generator's `persistedDocuments` write),
 * or Apollo's persisted query manifest (`{ format: "apollo-persisted-query-manifest",
 * operations: [{ id, body }] }`). Every document must parse: a broken manifest stops the
 * start, not a request.
 */
export function readManifest(path: string): Map<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(path), 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `PERSISTED_OPERATIONS_FILE ${path} could not be read as JSON: ${(error as Error).message.slice(0, 200)}`,
    );
  }
  const entries: [string, unknown][] =
    raw && typeof raw === 'object' && (raw as { format?: unknown }).format === 'apollo-persisted-query-manifest'
      ? ((raw as { operations?: { id?: unknown; body?: unknown }[] }).operations ?? []).map((op) => [
          String(op.id),
          op.body,
        ])
      : raw && typeof raw === 'object' && !Array.isArray(raw)
        ? Object.entries(raw)
        : [];
  if (entries.length === 0)
    throw new ConfigError(
      `PERSISTED_OPERATIONS_FILE ${path} lists no operations: expected { "<hash>": "<document>", ... }`,
    );
  const manifest = new Map<string, string>();
  for (const [hash, document] of entries) {
    if (typeof document !== 'string')
      throw new ConfigError(`PERSISTED_OPERATIONS_FILE ${path}: "${hash}" is not a string`);
    try {
      parse(document);
    } catch (error) {
      throw new ConfigError(`PERSISTED_OPERATIONS_FILE ${path}: "${hash}" does not parse: ${(error as Error).message}`);
    }
    manifest.set(hash, document);
  }
  return manifest;
}

/** Only the operations of `manifest` run. */
export function useOperationAllowList(manifest: ReadonlyMap<string, string>): Plugin[] {
  return [
    usePersistedOperations({
      allowArbitraryOperations: false,
      getPersistedOperation: (hash) => manifest.get(hash) ?? null,
      customErrors: {
        persistedQueryOnly: {
          message:
            'this server runs only persisted operations: send extensions.persistedQuery.sha256Hash of a listed operation, without the query',
          extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
        },
        notFound: {
          message: 'no persisted operation has this hash',
          extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
        },
        keyNotFound: {
          message: 'send extensions.persistedQuery.sha256Hash of a persisted operation',
          extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', http: { status: 400 } },
        },
      },
    }) as Plugin,
  ];
}
