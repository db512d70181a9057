import { loadLocations } from '../lib/store/loaders.js';
import type { LOCATION_PRECISIONS } from '../lib/extract/types.js';
import { createLocation, listLocations, locationClaims, MAX_RADIUS_KM, updateLocation } from '../lib/location.js';
import { mentioningArticles } from '../lib/party.js';
import type { GeoCandidate, Location } from '../lib/records.js';
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
import { withTotalCount } from './total-count.js';
import { BoundingBoxInput, orderArg } from './geojson.js';

export const LocationRef = builder.objectRef<Location>('Location');

const LocationPrecisionEnum = builder.enumType('LocationPrecision', {
  description: 'How exactly a place is geocoded.',
  values: {
    POINT: { description: 'A precise point (a village, a site).' },
    CITY: { description: 'A city or town.' },
    REGION: { description: 'A region or province; coordinates are its centre.' },
    COUNTRY: { description: 'A country; coordinates are its centre.' },
    UNRESOLVED: { description: 'Not geocoded: the name is ambiguous or unknown; see `candidates`.' },
  } satisfies Record<(typeof LOCATION_PRECISIONS)[number], unknown>,
});

const GeoCandidateRef = builder.objectRef<GeoCandidate>('GeoCandidate').implement({
  description: 'A place an ambiguous name could mean.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Gazetteer name.' }),
    latitude: t.exposeFloat('latitude', { description: 'WGS 84 latitude.' }),
    longitude: t.exposeFloat('longitude', { description: 'WGS 84 longitude.' }),
    countryCode: t.exposeString('countryCode', { nullable: true, description: 'ISO 3166-1 alpha-2 code.' }),
    geonamesId: t.exposeInt('geonamesId', { nullable: true, description: 'GeoNames ID.' }),
  }),
});

builder.node(LocationRef, {
  description: 'A place claims are about, geocoded against an offline gazetteer (GeoNames, CC BY 4.0).',
  id: { resolve: (location) => location.id },
  loadMany: (ids, { data }) => loadLocations(data, ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name as used in English news.' }),
    version: t.exposeInt('version', { description: 'Increases with every change to this place.' }),
    ...timestampFields(t, namedTimestamps, NAMED_FALLBACK), // sync
    aliases: t.exposeStringList('aliases', { description: 'Other names and spellings ("Shusha", "Şuşa").' }),
    latitude: t.exposeFloat('latitude', { nullable: true, description: 'WGS 84 latitude; null when unresolved.' }),
    longitude: t.exposeFloat('longitude', { nullable: true, description: 'WGS 84 longitude; null when unresolved.' }),
    countryCode: t.exposeString('countryCode', {
      nullable: true,
      description: 'ISO 3166-1 alpha-2 code of the country it lies in.',
    }),
    precision: t.field({
      type: LocationPrecisionEnum,
      resolve: (l) => l.precision,
      description: 'How exactly it is geocoded.',
    }),
    geonamesId: t.exposeInt('geonamesId', { nullable: true, description: 'GeoNames ID, when it comes from GeoNames.' }),
    candidates: t.field({
      type: [GeoCandidateRef],
      resolve: (l) => l.candidates,
      description: 'For an unresolved place: the namesakes considered.',
    }),
    claims: t.field({
      type: ClaimConnection,
      description: 'Claims about this place by their day, newest first unless `order` says otherwise.',
      args: {
        since: t.arg({ type: 'Date', required: false, description: 'Only claims about this day or later.' }),
        until: t.arg({ type: 'Date', required: false, description: 'Only claims about this day or earlier.' }),
        order: orderArg(t.arg),
        ...pageArgs(t.arg),
      },
      resolve: async (location, args, { data }) =>
        withTotalCount(
          toConnection(
            await locationClaims(
              data,
              location.id,
              { since: isoDate(args.since), until: isoDate(args.until) },
              args,
              args.order,
            ),
          ),
          args.since || args.until ? null : { claimsOf: 'LOCATION', id: location.id },
        ),
    }),
    articles: t.field({
      type: ArticleConnection,
      description: 'Articles that mention this place, newest first.',
      args: pageArgs(t.arg),
      resolve: async (location, args, { data }) =>
        toConnection(await mentioningArticles(data, 'LOCATION', location.id, args)),
    }),
  }),
});

export const LocationConnection = builder.connectionObject(
  { type: LocationRef, name: 'LocationConnection', description: 'A page of places.' },
  { name: 'LocationEdge', description: 'A place and its position in the list.' },
);

const NearInput = builder.inputType('NearInput', {
  description: 'A circle on the map.',
  fields: (t) => ({
    latitude: t.float({ required: true, description: 'Centre latitude, -90 to 90.' }),
    longitude: t.float({ required: true, description: 'Centre longitude, -180 to 180.' }),
    radiusKm: t.float({ required: true, description: `Radius in kilometres, up to ${MAX_RADIUS_KM}.` }),
  }),
});

builder.queryField('locations', (t) =>
  t.field({
    type: LocationConnection,
    description:
      'Places: all by name, those `near` a point (nearest first), or those inside a `bbox` (in geohash order).',
    args: {
      near: t.arg({ type: NearInput, required: false, description: 'Only places within this circle.' }),
      bbox: t.arg({
        type: BoundingBoxInput,
        required: false,
        description: 'Only places inside this box (west > east crosses the antimeridian); not with `near`.',
      }),
      precision: t.arg({
        type: LocationPrecisionEnum,
        required: false,
        description: 'Only places geocoded this exactly (UNRESOLVED: the names still to fix).',
      }),
      countryCode: t.arg.string({
        required: false,
        description: 'Only places in this country (ISO 3166-1 alpha-2, e.g. "AZ").',
      }),
      ...pageArgs(t.arg),
    },
    resolve: async (_, args, { data }) =>
      toConnection(
        await listLocations(
          data,
          { near: args.near, bbox: args.bbox, precision: args.precision, countryCode: args.countryCode },
          args,
        ),
      ),
  }),
);

onWriteSide(() => {
  builder.relayMutationField(
    'updateLocation',
    {
      description: 'Corrections to a place. Omitted fields keep their value.',
      inputFields: (t) => ({
        id: t.id({ required: true, description: 'The place to correct.' }),
        expectedVersion: t.int({
          required: false,
          description: 'When given, the update is refused with CONFLICT if the place changed since.',
        }),
        name: t.string({ required: false, description: 'New name.' }),
        aliases: t.stringList({ required: false, description: 'New list of aliases.' }),
        latitude: t.float({ required: false, description: 'New latitude, -90 to 90 (with longitude).' }),
        longitude: t.float({ required: false, description: 'New longitude, -180 to 180 (with latitude).' }),
        countryCode: t.string({ required: false, description: 'ISO 3166-1 alpha-2 code.' }),
        precision: t.field({ type: LocationPrecisionEnum, required: false, description: 'New precision.' }),
        geonamesId: t.int({ required: false, description: 'GeoNames ID.' }),
      }),
    },
    {
      description:
        'Fixes a place’s geocode or names. New coordinates also move the place’s claims on the map (`claims(bbox:)`, `claimsGeoJSON`): a place named in many claims takes a write per claim. Should that stop midway, sending the same coordinates again finishes it.',
      resolve: (_, { input }, { data }) =>
        withUserErrors(async () => {
          const { id, expectedVersion, ...changes } = input;
          return {
            location: await updateLocation(
              data,
              inputId(id, 'Location', ['input', 'id']),
              expectedVersion ?? null,
              changes,
            ),
          };
        }),
    },
    {
      description: 'The result of `updateLocation`.',
      outputFields: (t) => ({
        location: t.field({
          type: LocationRef,
          nullable: true,
          resolve: (p) => p.location ?? null,
          description: 'The place as stored; null on userErrors.',
        }),
        userErrors: userErrorsField(t),
      }),
    },
  );

  builder.relayMutationField(
    'createLocation',
    {
      description: 'A place to add by hand.',
      inputFields: (t) => ({
        name: t.string({ required: true, description: 'Name as used in English news.' }),
        aliases: t.stringList({ required: false, description: 'Other names and spellings.' }),
        latitude: t.float({
          required: false,
          description: 'Latitude, -90 to 90 (with longitude); omit both for an unresolved place.',
        }),
        longitude: t.float({ required: false, description: 'Longitude, -180 to 180 (with latitude).' }),
        countryCode: t.string({ required: false, description: 'ISO 3166-1 alpha-2 code.' }),
        precision: t.field({
          type: LocationPrecisionEnum,
          required: false,
          description: 'Default POINT (UNRESOLVED without coordinates).',
        }),
        geonamesId: t.int({ required: false, description: 'GeoNames ID; one place per ID.' }),
      }),
    },
    {
      description: 'Adds a place, e.g. one the gazetteer lacks.',
      resolve: (_, { input }, { data }) =>
        withUserErrors(async () => ({ location: await createLocation(data, input) })),
    },
    {
      description: 'The result of `createLocation`.',
      outputFields: (t) => ({
        location: t.field({
          type: LocationRef,
          nullable: true,
          resolve: (p) => p.location ?? null,
          description: 'The new place; null on userErrors.',
        }),
        userErrors: userErrorsField(t),
      }),
    },
  );
});
