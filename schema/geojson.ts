/**
 * Maps and timelines: the GeoJSON scalar, the bounding box input, and the order and day
 * source enums that the listing fields of the other type files share. It imports no other
 * type file, so they can all import it.
 */
import type { ArgBuilder } from '@pothos/core';
import { GraphQLError } from 'graphql';
import type { DaySource, ListOrder } from '../lib/geojson.js';
import { builder, type SchemaTypes } from './builder.js';

export const GeoJSONScalar = builder.scalarType('GeoJSON', {
  description:
    'A GeoJSON object (RFC 7946): here a FeatureCollection of Point features, coordinates as [longitude, latitude] in WGS 84.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc7946',
  serialize: (value) => value,
  parseValue: () => {
    throw new GraphQLError('GeoJSON is an output type: it is never accepted as input');
  },
});

export const ListOrderEnum = builder.enumType('ListOrder', {
  description: 'Which end of a dated listing comes first.',
  values: {
    NEWEST_FIRST: { description: 'The latest day (or instant) first.' },
    OLDEST_FIRST: { description: 'The earliest day (or instant) first.' },
  } satisfies Record<ListOrder, unknown>,
});

export const DaySourceEnum = builder.enumType('DaySource', {
  description: 'Where the day a claim is about comes from.',
  values: {
    EVENT: { description: 'The event date found in the text ("on Monday", "on 27 September").' },
    PUBLISHED: { description: 'No event date in the text: the day its article was published.' },
    INGESTED: { description: 'Neither an event date nor a publication date: the day its article was stored.' },
  } satisfies Record<DaySource, unknown>,
});

export const BoundingBoxInput = builder.inputType('BoundingBoxInput', {
  description:
    'A box on the map in WGS 84 degrees. A west edge greater than the east edge crosses the antimeridian (e.g. west 170, east -170).',
  fields: (t) => ({
    west: t.float({ required: true, description: 'Western edge: longitude, -180 to 180.' }),
    south: t.float({ required: true, description: 'Southern edge: latitude, -90 to 90, at most `north`.' }),
    east: t.float({ required: true, description: 'Eastern edge: longitude, -180 to 180.' }),
    north: t.float({ required: true, description: 'Northern edge: latitude, -90 to 90.' }),
  }),
});

/** The `order` argument of dated listings. */
export const orderArg = (t: ArgBuilder<SchemaTypes>) =>
  t({
    type: ListOrderEnum,
    required: true,
    defaultValue: 'NEWEST_FIRST',
    description: 'NEWEST_FIRST (the default) or OLDEST_FIRST; a cursor continues in the order it was made in.',
  });
