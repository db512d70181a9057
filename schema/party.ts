import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { loadParties } from '../lib/store/loaders.js';
import type { PARTY_KINDS } from '../lib/extract/types.js';
import { createParty, listParties, mentioningArticles, mergeParties, partyClaims } from '../lib/party.js';
import type { Party } from '../lib/records.js';
import { ArticleConnection } from './article.js';
import {
  builder,
  onWriteSide,
  inputId,
  isoDate,
  pageArgs,
  toConnection,
  userErrorsField,
  withUserErrors,
} from './builder.js';
import { NAMED_FALLBACK, namedTimestamps, timestampFields } from './change.js';
import { ClaimConnection } from './claim.js';
import { orderArg } from './geojson.js';
import { withTotalCount } from './total-count.js';

export const PartyRef = builder.objectRef<Party>('Party');

/**
 * True when a connection field's selection asks nothing of its nodes but `id` (or
 * `__typename`): then the nodes need not be read. Fragments count as asking more.
 */
function selectsOnlyNodeIds(info: GraphQLResolveInfo): boolean {
  const fieldsOf = (set: SelectionSetNode | undefined, name: string) =>
    (set?.selections ?? []).flatMap((selection) =>
      selection.kind === Kind.FIELD && selection.name.value === name ? [selection] : [],
    );
  const onlyFields = (set: SelectionSetNode | undefined) =>
    (set?.selections ?? []).every((selection) => selection.kind === Kind.FIELD);
  return info.fieldNodes.every((field) => {
    if (!onlyFields(field.selectionSet)) return false;
    return fieldsOf(field.selectionSet, 'edges').every((edges) => {
      if (!onlyFields(edges.selectionSet)) return false;
      return fieldsOf(edges.selectionSet, 'node').every(
        (node) =>
          onlyFields(node.selectionSet) &&
          (node.selectionSet?.selections ?? []).every(
            (selection) =>
              selection.kind === Kind.FIELD && (selection.name.value === 'id' || selection.name.value === '__typename'),
          ),
      );
    });
  });
}

export const PartyKindEnum = builder.enumType('PartyKind', {
  description: 'What sort of actor a party is.',
  values: {
    PERSON: { description: 'A named person ("Ilham Aliyev").' },
    GOVERNMENT_BODY: { description: 'A ministry, office or agency ("Armenian Defense Ministry").' },
    ARMED_FORCE: { description: 'An army, militia or armed group acting as a force.' },
    STATE: { description: 'A state or its government as a whole ("Azerbaijan").' },
    ORGANIZATION: { description: 'An international or non-governmental organisation ("the UN").' },
    GROUP: { description: 'A group of people ("residents", "Armenians").' },
    MEDIA: { description: 'A news outlet or agency.' },
    OTHER: { description: 'Anything else.' },
  } satisfies Record<(typeof PARTY_KINDS)[number], unknown>,
});

builder.node(PartyRef, {
  description:
    'Who speaks or acts: a person, a ministry, an armed force, a state. One party per real-world actor across all articles.',
  id: { resolve: (party) => party.id },
  loadMany: (ids, { data }) => loadParties(data, ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Canonical name.' }),
    version: t.exposeInt('version', { description: 'Increases with every change to this party.' }),
    ...timestampFields(t, namedTimestamps, NAMED_FALLBACK), // sync
    aliases: t.exposeStringList('aliases', {
      description: 'Other names it is known by; `resolve(name:)` finds it by any of them.',
    }),
    kind: t.field({ type: PartyKindEnum, resolve: (p) => p.kind, description: 'What sort of actor it is.' }),
    affiliation: t.exposeString('affiliation', {
      nullable: true,
      description: 'The state (ISO 3166-1 alpha-2 code) or entity it belongs to.',
    }),
    claims: t.field({
      type: ClaimConnection,
      description: 'Claims this party made, by their day, newest first unless `order` says otherwise.',
      args: {
        since: t.arg({ type: 'Date', required: false, description: 'Only claims about this day or later.' }),
        until: t.arg({ type: 'Date', required: false, description: 'Only claims about this day or earlier.' }),
        order: orderArg(t.arg),
        ...pageArgs(t.arg),
      },
      resolve: async (party, args, { data }, info) =>
        withTotalCount(
          toConnection(
            await partyClaims(data, party.id, { since: isoDate(args.since), until: isoDate(args.until) }, args, {
              idsOnly: selectsOnlyNodeIds(info),
              order: args.order,
            }),
          ),
          args.since || args.until ? null : { claimsOf: 'PARTY', id: party.id },
        ),
    }),
    articles: t.field({
      type: ArticleConnection,
      description: 'Articles that mention this party, newest first.',
      args: pageArgs(t.arg),
      resolve: async (party, args, { data }) => toConnection(await mentioningArticles(data, 'PARTY', party.id, args)),
    }),
  }),
});

export const PartyConnection = builder.connectionObject(
  { type: PartyRef, name: 'PartyConnection', description: 'A page of parties.' },
  { name: 'PartyEdge', description: 'A party and its position in the list.' },
);

builder.queryField('parties', (t) =>
  t.field({
    type: PartyConnection,
    description: 'All parties, by name.',
    args: {
      kind: t.arg({ type: PartyKindEnum, required: false, description: 'Only parties of this kind.' }),
      ...pageArgs(t.arg),
    },
    resolve: async (_, args, { data }) => toConnection(await listParties(data, { kind: args.kind }, args)),
  }),
);

onWriteSide(() => {
  builder.relayMutationField(
    'mergeParties',
    {
      description: 'Two records of one real-world actor.',
      inputFields: (t) => ({
        keepId: t.id({ required: true, description: 'The party that stays.' }),
        removeId: t.id({ required: true, description: 'The party merged into it and then removed.' }),
      }),
    },
    {
      description:
        'Merges one party into another: its name and aliases, claims and article mentions move to the kept party.',
      resolve: (_, { input }, { data }) =>
        withUserErrors(async () => ({
          party: await mergeParties(
            data,
            inputId(input.keepId, 'Party', ['input', 'keepId']),
            inputId(input.removeId, 'Party', ['input', 'removeId']),
          ),
        })),
    },
    {
      description: 'The result of `mergeParties`.',
      outputFields: (t) => ({
        party: t.field({
          type: PartyRef,
          nullable: true,
          resolve: (p) => p.party ?? null,
          description: 'The kept party after the merge; null on userErrors.',
        }),
        userErrors: userErrorsField(t),
      }),
    },
  );

  builder.relayMutationField(
    'createParty',
    {
      description: 'A party to add by hand.',
      inputFields: (t) => ({
        name: t.string({ required: true, description: 'Canonical name; must not be taken by another party.' }),
        aliases: t.stringList({ required: false, description: 'Other names it is known by.' }),
        kind: t.field({ type: PartyKindEnum, required: true, description: 'What sort of actor it is.' }),
        affiliation: t.string({
          required: false,
          description: 'The state (ISO 3166-1 alpha-2 code) or entity it belongs to.',
        }),
      }),
    },
    {
      description: 'Adds a party, e.g. a claimant extraction missed.',
      resolve: (_, { input }, { data }) => withUserErrors(async () => ({ party: await createParty(data, input) })),
    },
    {
      description: 'The result of `createParty`.',
      outputFields: (t) => ({
        party: t.field({
          type: PartyRef,
          nullable: true,
          resolve: (p) => p.party ?? null,
          description: 'The new party; null on userErrors.',
        }),
        userErrors: userErrorsField(t),
      }),
    },
  );
});
