/**
 * Sync: `createdAt`/`updatedAt` for every node type, and the change feed (`changes`,
 * `changesCursor`) a client follows to mirror the data.
 */
import { CHANGE_RETENTION_DAYS, changesCursor, listChanges, type Change } from '../lib/changes.js';
import { builder, encodeId, pageArgs, toConnection, type SchemaTypes } from './builder.js';

/** What a node stored before timestamps were kept reads as, where nothing better is known. */
export const UNKNOWN_TIME = '1970-01-01T00:00:00.000Z';

/** The two timestamp fields of a node type; `of` gives them, with the type's fallback. */
export function timestampFields<T>(
  t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, T>,
  of: (node: T) => { createdAt: string; updatedAt: string },
  fallback: string,
) {
  return {
    createdAt: t.field({
      type: 'DateTime',
      resolve: (node) => of(node).createdAt,
      description: `When it was first stored. ${fallback}`,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      resolve: (node) => of(node).updatedAt,
      description: `When it last changed (equal to \`createdAt\` until it does). ${fallback}`,
    }),
  };
}

/** Timestamps of a party or place: one stored before they were kept has none. */
export const namedTimestamps = (node: { createdAt?: string; updatedAt?: string }) => ({
  createdAt: node.createdAt ?? UNKNOWN_TIME,
  updatedAt: node.updatedAt ?? node.createdAt ?? UNKNOWN_TIME,
});
export const NAMED_FALLBACK = `A party or place stored before timestamps were kept reads as ${UNKNOWN_TIME}.`;

const TYPENAMES = { ARTICLE: 'Article', CLAIM: 'Claim', PARTY: 'Party', LOCATION: 'Location' } as const;

const ChangeOperation = builder.enumType('ChangeOperation', {
  description: 'What happened to a node.',
  values: {
    UPSERTED: { description: 'Created or changed: fetch it again with `node(id:)` or `nodes(ids:)`.' },
    DELETED: { description: 'Gone: `node(id:)` now answers null. Drop it from the mirror.' },
  } as const,
});

const ChangeNodeType = builder.enumType('ChangeNodeType', {
  description: 'The type of the node a change is about.',
  values: {
    ARTICLE: { description: 'An `Article`.' },
    CLAIM: { description: 'A `Claim`.' },
    PARTY: { description: 'A `Party`.' },
    LOCATION: { description: 'A `Location`.' },
  } as const,
});

const ChangeRef = builder.objectRef<Change>('Change').implement({
  description:
    'One node touched by one write. The feed says which nodes changed, not how: fetch the UPSERTED ones again (a null answer means the node is gone again by now) and drop the DELETED ones.',
  fields: (t) => ({
    nodeId: t.id({
      resolve: (change) => encodeId(TYPENAMES[change.type], change.id),
      description:
        'Global ID of the node, as in its `id` field. (Not called `id`: Relay and Apollo would take a Change for the node itself.)',
    }),
    type: t.field({ type: ChangeNodeType, resolve: (change) => change.type, description: 'The node’s type.' }),
    operation: t.field({
      type: ChangeOperation,
      resolve: (change) => (change.deleted ? 'DELETED' : 'UPSERTED'),
      description: 'Whether the node was created or changed, or deleted.',
    }),
    at: t.field({ type: 'DateTime', resolve: (change) => change.at, description: 'When the write committed.' }),
  }),
});

const ChangeConnection = builder.connectionObject(
  {
    type: ChangeRef,
    name: 'ChangeConnection',
    description: 'A page of the change feed.',
  },
  { name: 'ChangeEdge', description: 'A change and its position in the feed.' },
);

builder.queryField('changes', (t) =>
  t.field({
    type: ChangeConnection,
    description: `Every node created, changed or deleted, in commit order, for clients that mirror the data. Start with \`after: null\` (the oldest change kept) and go on from \`pageInfo.endCursor\` forever: it is given even on an empty page, and every change committed later comes after it, however writes race (each change is numbered in the transaction that makes it visible; no clock decides). When \`hasNextPage\` is false you are up to date: poll again later with the same cursor. Changes (tombstones included) are kept ${CHANGE_RETENTION_DAYS} days; a cursor whose next change is older than that is refused with CURSOR_EXPIRED: take \`changesCursor\`, read everything through the listings, then follow from that cursor. One page is one round trip to DynamoDB.`,
    args: pageArgs(t.arg),
    resolve: async (_, args, { data }) => toConnection(await listChanges(data, args)),
  }),
);

builder.queryField('changesCursor', (t) =>
  t.string({
    description:
      'A cursor at the present of the change feed: every change committed after this call comes after it. Take it before a full read of the data, then follow `changes(after:)` from it.',
    resolve: (_, __, { data }) => changesCursor(data),
  }),
);
