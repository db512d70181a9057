import { createClaim, listClaims, relatedClaims, updateClaim } from '../lib/claim.js';
import { loadArticles, loadClaims, loadExisting, loadLocations, loadParties } from '../lib/store/loaders.js';
import type { CLAIM_KINDS, CLAIM_MODES, QUANTITY_KINDS } from '../lib/extract/types.js';
import type { REVIEW_STATUSES, Claim, Quantity, Span } from '../lib/records.js';
import { MAX_QUANTITY } from '../lib/validate.js';
import { ArticleRef } from './article.js';
import type { ArgBuilder } from '@pothos/core';
import { claimsGeoJSON, daySourceOf, type ListOrder } from '../lib/geojson.js';
import type { BoundingBox } from '../lib/geo.js';
import { MAX_PAGE_SIZE } from '../lib/store/pagination.js';
import { BoundingBoxInput, DaySourceEnum, GeoJSONScalar, orderArg } from './geojson.js';
import {
  builder,
  onWriteSide,
  inputId,
  inputIds,
  encodeId,
  isoDate,
  pageArgs,
  toConnection,
  userErrorsField,
  withUserErrors,
  type SchemaTypes,
  type UserErrorShape,
} from './builder.js';
import { timestampFields } from './change.js';
import { LocationRef } from './location.js';
import { PartyRef } from './party.js';
import { resolveTotalCount, TOTAL_COUNT_DESCRIPTION, withTotalCount } from './total-count.js';

export const ClaimRef = builder.objectRef<Claim>('Claim');

export const ClaimKindEnum = builder.enumType('ClaimKind', {
  description: 'What a claim is about.',
  values: {
    ATTACK: { description: 'An attack, strike, shelling or offensive.' },
    TERRITORIAL_CONTROL: { description: 'Taking, holding or losing ground.' },
    CASUALTIES: { description: 'People killed, wounded, captured or displaced.' },
    MOVEMENT: { description: 'Forces or people moving, withdrawing or arriving.' },
    STATEMENT: { description: 'A position, demand or announcement.' },
    DENIAL: { description: 'A denial of another claim.' },
    OTHER: { description: 'Anything else.' },
  } satisfies Record<(typeof CLAIM_KINDS)[number], unknown>,
});

const ClaimModeEnum = builder.enumType('ClaimMode', {
  description: 'How the claim is reported.',
  values: {
    DIRECT: { description: 'Quoted in the source’s own words.' },
    INDIRECT: { description: 'Reported speech ("X said that ...").' },
    NARRATED: {
      description:
        'The article’s own voice, with no claimant ("... resulting in 9 rebels killed"): what the outlet itself reports, never a party’s claim.',
    },
  } satisfies Record<(typeof CLAIM_MODES)[number], unknown>,
});

const ReviewStatusEnum = builder.enumType('ReviewStatus', {
  description: 'Where a claim stands in human review.',
  values: {
    UNREVIEWED: { description: 'As extracted; nobody has checked it.' },
    VERIFIED: { description: 'A reviewer confirmed the extraction is right.' },
    DISPUTED: { description: 'A reviewer found the claim contested.' },
    REJECTED: { description: 'A reviewer found the extraction wrong.' },
  } satisfies Record<(typeof REVIEW_STATUSES)[number], unknown>,
});

const QuantityKindEnum = builder.enumType('QuantityKind', {
  description: 'What a number in a claim counts.',
  values: {
    KILLED: { description: 'People killed.' },
    WOUNDED: { description: 'People wounded.' },
    CAPTURED: { description: 'People captured or detained.' },
    DISPLACED: { description: 'People displaced.' },
    OTHER: { description: 'Anything else counted.' },
  } satisfies Record<(typeof QUANTITY_KINDS)[number], unknown>,
});

export const TextSpanRef = builder.objectRef<Span>('TextSpan').implement({
  description: 'A stretch of an article’s cleaned text.',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'UTF-16 offset of the first character in `Article.text`.' }),
    end: t.exposeInt('end', { description: 'UTF-16 offset just past the last character.' }),
    text: t.exposeString('text', { description: 'The characters of the span.' }),
  }),
});

const QuantityRef = builder.objectRef<Quantity>('Quantity').implement({
  description: 'A number a claim states ("44 killed", "1,221 killed since 27 September").',
  fields: (t) => ({
    kind: t.field({ type: QuantityKindEnum, resolve: (q) => q.kind, description: 'What is counted.' }),
    value: t.exposeInt('value', { description: 'How many; for a range ("1-2 policemen"), the lower bound.' }),
    maxValue: t.int({
      nullable: true,
      resolve: (q) => q.maxValue ?? null,
      description: 'The upper bound of a range ("1-2 policemen" → 2); null for a single number.',
    }),
    since: t.field({
      type: 'Date',
      nullable: true,
      resolve: (q) => q.since,
      description: 'A cumulative count runs from this date.',
    }),
  }),
});

builder.node(ClaimRef, {
  description: 'A statement a party makes in an article, about places, with the exact sentence as evidence.',
  id: { resolve: (claim) => claim.id },
  loadMany: (ids, { data }) => loadClaims(data, ids),
  fields: (t) => ({
    ...timestampFields(t, (claim) => claim, 'Claims have always carried both.'), // sync
    article: t.field({
      type: ArticleRef,
      description: 'The article the claim is made in.',
      resolve: async (claim, _, { data }) => {
        const [article] = await loadArticles(data, [claim.articleId]);
        if (!article) throw new Error(`claim ${claim.id} has no article`);
        return article;
      },
    }),
    claimant: t.field({
      type: PartyRef,
      nullable: true,
      description: 'Who makes the claim; null when the source could not be resolved.',
      resolve: async (claim, _, { data }) =>
        claim.claimantId ? ((await loadParties(data, [claim.claimantId]))[0] ?? null) : null,
    }),
    claimantMention: t.field({
      type: TextSpanRef,
      nullable: true,
      resolve: (c) => c.claimantMention,
      description: 'Where the text names the claimant ("The ministry", "President Ilham Aliyev").',
    }),
    cue: t.field({
      type: TextSpanRef,
      nullable: true,
      resolve: (c) => c.cue,
      description: 'The verb or phrase that attributes it ("said", "announced", "according to").',
    }),
    content: t.field({ type: TextSpanRef, resolve: (c) => c.content, description: 'What is claimed.' }),
    evidence: t.field({
      type: TextSpanRef,
      resolve: (c) => c.evidence,
      description: 'The whole sentence (or sentences) the claim is made in.',
    }),
    text: t.string({
      resolve: (c) => c.content.text,
      description: 'What is claimed, as plain text (the content span’s text).',
    }),
    mode: t.field({
      type: ClaimModeEnum,
      resolve: (c) => c.mode,
      description: 'Quoted directly or reported indirectly.',
    }),
    kind: t.field({ type: ClaimKindEnum, resolve: (c) => c.kind, description: 'What the claim is about.' }),
    locations: t.field({
      type: [LocationRef],
      description: 'The places the claim is about.',
      resolve: (claim, _, { data }) => loadExisting(loadLocations, data, claim.locationIds),
    }),
    eventDate: t.field({
      type: 'Date',
      nullable: true,
      resolve: (c) => c.eventDate,
      description: 'When the claimed event happened, resolved against the publication date ("on Monday").',
    }),
    day: t.field({
      type: 'Date',
      resolve: (c) => c.day,
      description:
        'The day the claim is about, which every dated listing sorts by: its event date, else its article’s publication day, else the day the article was stored (see `daySource`).',
    }),
    daySource: t.field({
      type: DaySourceEnum,
      description: 'Where `day` comes from, so that undated claims show as such rather than as that day’s news.',
      resolve: async (claim, _, { data }) => {
        // The article is already loaded: it decides whether the claim is visible at all.
        const [article] = await loadArticles(data, [claim.articleId]);
        if (!article) throw new Error(`claim ${claim.id} has no article`);
        return daySourceOf(claim, article);
      },
    }),
    quantities: t.field({
      type: [QuantityRef],
      // A value GraphQL's Int cannot carry (stored before inputs were bounded) is left out
      // rather than failing the whole list it appears in.
      resolve: (c) =>
        c.quantities.filter((q) =>
          [q.value, q.maxValue ?? 0].every((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_QUANTITY),
        ),
      description: 'Numbers the claim states.',
    }),
    status: t.field({ type: ReviewStatusEnum, resolve: (c) => c.status, description: 'Human review status.' }),
    version: t.exposeInt('version', {
      description: 'Increases with every update; pass it as `expectedVersion` to `updateClaim`.',
    }),
    extractorVersion: t.exposeString('extractorVersion', {
      nullable: true,
      description: 'Extractor that produced the claim; null when entered by hand.',
    }),
    restates: t.field({
      type: ClaimRef,
      nullable: true,
      description: 'An earlier claim of the same article that this one repeats.',
      resolve: async (c, _, { data }) => (c.restatesId ? ((await loadClaims(data, [c.restatesId]))[0] ?? null) : null),
    }),
    related: t.field({
      type: [ClaimRef],
      description: `Other claims about the same places within a few days, nearest in time first: by the same party (corroboration) or another (possible contradiction).`,
      args: { first: t.arg.int({ required: true, defaultValue: 10, description: 'How many, 1 to 100 (default 10).' }) },
      resolve: (claim, { first }, { data }) => relatedClaims(data, claim, Math.max(1, Math.min(100, first))),
    }),
  }),
});

export const ClaimConnection = builder.connectionObject(
  {
    type: ClaimRef,
    name: 'ClaimConnection',
    description: 'A page of claims.',
    fields: (t) => ({
      totalCount: t.int({
        nullable: true,
        description: TOTAL_COUNT_DESCRIPTION,
        resolve: (connection, _, { data }) => resolveTotalCount(connection, data),
      }),
    }),
  },
  { name: 'ClaimEdge', description: 'A claim and its position in the list.' },
);

/** The filters of `claims` and `claimsGeoJSON`. */
const claimFilterArgs = (arg: ArgBuilder<SchemaTypes>) => ({
  kind: arg({ type: ClaimKindEnum, required: false, description: 'Only claims of this kind.' }),
  partyId: arg.globalID({ required: false, for: PartyRef, description: 'Only claims made by this party.' }),
  locationId: arg.globalID({ required: false, for: LocationRef, description: 'Only claims about this place.' }),
  since: arg({ type: 'Date', required: false, description: 'Only claims about this day or later.' }),
  until: arg({ type: 'Date', required: false, description: 'Only claims about this day or earlier.' }),
  bbox: arg({
    type: BoundingBoxInput,
    required: false,
    description: 'Only claims with a geocoded place inside this box (west > east crosses the antimeridian).',
  }),
  order: orderArg(arg),
});

const claimFilterOf = (args: {
  kind?: Claim['kind'] | null;
  partyId?: { id: string } | null;
  locationId?: { id: string } | null;
  since?: Date | null;
  until?: Date | null;
  bbox?: BoundingBox | null;
  order: ListOrder;
}) => ({
  kind: args.kind,
  partyId: args.partyId?.id,
  locationId: args.locationId?.id,
  since: isoDate(args.since),
  until: isoDate(args.until),
  bbox: args.bbox,
  order: args.order,
});

builder.queryField('claims', (t) =>
  t.field({
    type: ClaimConnection,
    description:
      'Claims by the day they are about (`Claim.day`: event date, else publication date, else ingest date), newest first unless `order` says otherwise.',
    args: { ...claimFilterArgs(t.arg), ...pageArgs(t.arg) },
    resolve: async (_, args, { data }) =>
      withTotalCount(
        toConnection(await listClaims(data, claimFilterOf(args), args)),
        // Counted per kind, per party and per place over all time: not with dates or a box, nor party and place together.
        args.since || args.until || args.bbox || (args.partyId && args.locationId)
          ? null
          : args.partyId
            ? { claimsOf: 'PARTY', id: args.partyId.id, kind: args.kind }
            : args.locationId
              ? { claimsOf: 'LOCATION', id: args.locationId.id, kind: args.kind }
              : { claimsOf: 'ALL', kind: args.kind },
      ),
  }),
);

builder.queryField('claimsGeoJSON', (t) =>
  t.field({
    type: GeoJSONScalar,
    description:
      'A page of the claims `claims` would list, as a GeoJSON FeatureCollection (RFC 7946): one Point Feature per claim and geocoded place, [longitude, latitude], with the claim’s global ID, kind, claimant name (null when narrated), day, daySource, and the place’s name, ID and precision as properties. Places of COUNTRY or REGION precision are marked `approximate: true`; UNRESOLVED places are left out; with `bbox`, only the places inside it. Foreign members `hasNextPage` and `endCursor` page on (pass it as `after`).',
    args: {
      ...claimFilterArgs(t.arg),
      first: t.arg.int({
        required: true,
        defaultValue: MAX_PAGE_SIZE,
        description: `How many claims, 1 to ${MAX_PAGE_SIZE} (default ${MAX_PAGE_SIZE}).`,
      }),
      after: t.arg.string({ required: false, description: 'Continue after this `endCursor`.' }),
    },
    resolve: (_, args, { data }) => claimsGeoJSON(data, claimFilterOf(args), args, encodeId),
  }),
);

onWriteSide(() => {
  const SpanInput = builder.inputType('SpanInput', {
    description: 'A stretch of the article’s cleaned text, by UTF-16 offsets.',
    fields: (t) => ({
      start: t.int({ required: true, description: 'Offset of the first character.' }),
      end: t.int({ required: true, description: 'Offset just past the last character.' }),
    }),
  });

  const QuantityInput = builder.inputType('QuantityInput', {
    description: 'A number a claim states.',
    fields: (t) => ({
      kind: t.field({ type: QuantityKindEnum, required: true, description: 'What is counted.' }),
      value: t.int({ required: true, description: 'How many (0 or more); the lower bound of a range.' }),
      maxValue: t.int({
        required: false,
        description: 'The upper bound of a range ("1-2 policemen" → 2), at least `value`.',
      }),
      since: t.field({ type: 'Date', required: false, description: 'A cumulative count runs from this date.' }),
    }),
  });

  const toQuantities = (
    quantities:
      | { kind: Quantity['kind']; value: number; maxValue?: number | null; since?: Date | null }[]
      | null
      | undefined,
  ) =>
    quantities?.map((q) => ({ kind: q.kind, value: q.value, maxValue: q.maxValue ?? null, since: isoDate(q.since) }));

  const ClaimPayloadFields = (
    t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, { claim?: Claim; userErrors: UserErrorShape[] }>,
  ) => ({
    claim: t.field({
      type: ClaimRef,
      nullable: true,
      resolve: (p) => p.claim ?? null,
      description: 'The claim as stored; null on userErrors.',
    }),
    userErrors: userErrorsField(t),
  });

  builder.relayMutationField(
    'createClaim',
    {
      description: 'A claim to add to an article by hand.',
      inputFields: (t) => ({
        articleId: t.id({ required: true, description: 'The article the claim is made in.' }),
        claimantId: t.id({ required: false, description: 'Who makes it; omit when unknown.' }),
        content: t.field({ type: SpanInput, required: true, description: 'What is claimed.' }),
        evidence: t.field({
          type: SpanInput,
          required: false,
          description: 'The sentence(s) it is made in; defaults to the content span.',
        }),
        cue: t.field({ type: SpanInput, required: false, description: 'The attributing verb or phrase.' }),
        claimantMention: t.field({
          type: SpanInput,
          required: false,
          description: 'Where the text names the claimant.',
        }),
        mode: t.field({ type: ClaimModeEnum, required: false, description: 'Default INDIRECT.' }),
        kind: t.field({ type: ClaimKindEnum, required: false, description: 'Default STATEMENT.' }),
        locationIds: t.idList({ required: false, description: 'Places the claim is about.' }),
        eventDate: t.field({ type: 'Date', required: false, description: 'When the claimed event happened.' }),
        quantities: t.field({ type: [QuantityInput], required: false, description: 'Numbers the claim states.' }),
        status: t.field({ type: ReviewStatusEnum, required: false, description: 'Default UNREVIEWED.' }),
      }),
    },
    {
      description: 'Adds a claim to an article; spans are checked against its text.',
      resolve: (_, { input }, { data }) =>
        withUserErrors(async () => ({
          claim: await createClaim(data, {
            articleId: inputId(input.articleId, 'Article', ['input', 'articleId']),
            claimantId: input.claimantId ? inputId(input.claimantId, 'Party', ['input', 'claimantId']) : null,
            content: input.content,
            evidence: input.evidence,
            cue: input.cue,
            claimantMention: input.claimantMention,
            mode: input.mode,
            kind: input.kind,
            locationIds: input.locationIds
              ? inputIds(input.locationIds, 'Location', ['input', 'locationIds'])
              : undefined,
            eventDate: isoDate(input.eventDate),
            quantities: toQuantities(input.quantities),
            status: input.status,
          }),
        })),
    },
    { description: 'The result of `createClaim`.', outputFields: ClaimPayloadFields },
  );

  builder.relayMutationField(
    'updateClaim',
    {
      description: 'Changes to a claim. Omitted fields keep their value.',
      inputFields: (t) => ({
        id: t.id({ required: true, description: 'The claim to change.' }),
        expectedVersion: t.int({
          required: true,
          description: 'The `version` you read; if the claim changed since, the update is refused with CONFLICT.',
        }),
        claimantId: t.id({ required: false, description: 'New claimant; null clears it.' }),
        kind: t.field({ type: ClaimKindEnum, required: false, description: 'New kind.' }),
        mode: t.field({ type: ClaimModeEnum, required: false, description: 'New mode.' }),
        status: t.field({ type: ReviewStatusEnum, required: false, description: 'New review status.' }),
        locationIds: t.idList({ required: false, description: 'New list of places.' }),
        eventDate: t.field({ type: 'Date', required: false, description: 'New event date; null clears it.' }),
        quantities: t.field({ type: [QuantityInput], required: false, description: 'New list of quantities.' }),
      }),
    },
    {
      description: 'Changes a claim if it is still at `expectedVersion` (optimistic locking).',
      resolve: (_, { input }, { data }) =>
        withUserErrors(async () => ({
          claim: await updateClaim(data, inputId(input.id, 'Claim', ['input', 'id']), input.expectedVersion, {
            ...('claimantId' in input
              ? { claimantId: input.claimantId ? inputId(input.claimantId, 'Party', ['input', 'claimantId']) : null }
              : {}),
            kind: input.kind,
            mode: input.mode,
            status: input.status,
            locationIds: input.locationIds
              ? inputIds(input.locationIds, 'Location', ['input', 'locationIds'])
              : undefined,
            ...('eventDate' in input ? { eventDate: isoDate(input.eventDate) } : {}),
            quantities: toQuantities(input.quantities),
          }),
        })),
    },
    { description: 'The result of `updateClaim`.', outputFields: ClaimPayloadFields },
  );
});
