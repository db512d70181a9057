/**
 * Maps: claims and places inside a box (antimeridian included), claimsGeoJSON as RFC 7946
 * describes it, and what a map page costs in DynamoDB requests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutKeys, type Db } from '../lib/store/client.js';
import { claimWithLinks, type PlacedClaim } from '../lib/store/items.js';
import { claimKey } from '../lib/store/patterns.js';
import {
  allPages,
  createClaim,
  createLocation,
  createParty,
  createTestDb,
  dataOf,
  graphqlCaller,
  ingest,
  plainText,
  type Caller,
} from './support.js';

let db: Db;
let call: Caller;
const place: Record<string, string> = {};
const claim: Record<string, string> = {};
const POINTS: Record<string, { latitude?: number; longitude?: number; precision?: string; countryCode?: string }> = {
  stepanakert: { latitude: 39.8156, longitude: 46.752, precision: 'CITY', countryCode: 'AZ' },
  kharkiv: { latitude: 49.9935, longitude: 36.2304, precision: 'CITY', countryCode: 'UA' },
  suva: { latitude: -18.1416, longitude: 178.4419, precision: 'CITY', countryCode: 'FJ' },
  apia: { latitude: -13.8333, longitude: -171.7667, precision: 'CITY', countryCode: 'WS' },
  azerbaijan: { latitude: 40.5, longitude: 47.5, precision: 'COUNTRY', countryCode: 'AZ' },
  karabakh: { latitude: 39.9, longitude: 46.9, precision: 'REGION', countryCode: 'AZ' },
  nowhere: {},
};

/** Every check RFC 7946 makes of what we send: a FeatureCollection of Point features. */
function checkFeatureCollection(collection: any): any[] {
  expect(collection.type).toBe('FeatureCollection');
  expect(Array.isArray(collection.features)).toBe(true);
  for (const feature of collection.features) {
    expect(feature.type).toBe('Feature');
    expect(feature.geometry.type).toBe('Point');
    const [longitude, latitude, ...rest] = feature.geometry.coordinates;
    expect(rest).toEqual([]);
    expect(typeof longitude).toBe('number');
    expect(Math.abs(longitude)).toBeLessThanOrEqual(180);
    expect(Math.abs(latitude)).toBeLessThanOrEqual(90);
    const p = feature.properties;
    expect(Object.keys(p).sort()).toEqual(
      ['approximate', 'claimId', 'claimant', 'day', 'daySource', 'kind', 'place', 'placeId', 'precision'].sort(),
    );
    expect(p.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(['EVENT', 'PUBLISHED', 'INGESTED']).toContain(p.daySource);
    expect(p.precision).not.toBe('UNRESOLVED');
    expect(p.approximate).toBe(p.precision === 'COUNTRY' || p.precision === 'REGION');
  }
  return collection.features;
}

const CLAIMS_IN_BOX = `query($bbox: BoundingBoxInput!, $first: Int, $after: String, $kind: ClaimKind) {
  claims(bbox: $bbox, first: $first, after: $after, kind: $kind) {
    edges { cursor node { id day } } pageInfo { hasNextPage endCursor }
  }
}`;

async function claimIdsIn(bbox: Record<string, number>, first = 100, kind?: string): Promise<string[]> {
  const nodes = await allPages(
    async (after) => (await dataOf(call(CLAIMS_IN_BOX, { bbox, first, after, kind }))).claims,
  );
  return nodes.map((node: any) => node.id);
}

const CAUCASUS = { west: 44, south: 38, east: 50, north: 42 };
const PACIFIC = { west: 170, south: -25, east: -165, north: -10 };
const WORLD = { west: -180, south: -90, east: 180, north: 90 };

beforeAll(async () => {
  db = await createTestDb();
  call = graphqlCaller(db);
  for (const [name, point] of Object.entries(POINTS)) place[name] = await createLocation(call, { name, ...point });
  const ministry = await createParty(call, { name: 'Defence Ministry of Somewhere', kind: 'GOVERNMENT_BODY' });
  const article = await ingest(call, { text: plainText(1), publishedAt: '2020-10-05T09:00:00Z' });
  const span = { start: 0, end: 10 };
  const make = async (name: string, locations: string[], extra: Record<string, unknown> = {}) => {
    claim[name] = (
      await createClaim(call, {
        articleId: article.id,
        content: span,
        locationIds: locations.map((l) => place[l]),
        ...extra,
      })
    ).id;
  };
  await make('twoCells', ['stepanakert', 'kharkiv'], { kind: 'ATTACK', eventDate: '2020-10-01', claimantId: ministry });
  await make('fiji', ['suva'], { eventDate: '2020-09-29' });
  await make('samoa', ['apia'], { eventDate: '2020-09-30' });
  await make('country', ['azerbaijan', 'nowhere'], { mode: 'NARRATED' });
  await make('regionAndCity', ['karabakh', 'stepanakert'], { eventDate: '2020-09-27', kind: 'ATTACK' });
  await make('unresolvedOnly', ['nowhere']);
  await make('placeless', []);
}, 120_000);

describe('claims(bbox:)', () => {
  it('lists the claims with a place inside the box, each once', async () => {
    expect((await claimIdsIn(CAUCASUS)).sort()).toEqual([claim.twoCells, claim.country, claim.regionAndCity].sort());
    expect(await claimIdsIn(CAUCASUS, 100, 'ATTACK')).toEqual([claim.twoCells, claim.regionAndCity]);
    expect(await claimIdsIn({ west: 30, south: 45, east: 40, north: 55 })).toEqual([claim.twoCells]);
  });

  it('takes a box across the antimeridian (west > east)', async () => {
    expect(await claimIdsIn(PACIFIC)).toEqual([claim.samoa, claim.fiji]);
    expect(await claimIdsIn({ west: 170, south: -25, east: 180, north: -10 })).toEqual([claim.fiji]);
    expect(await claimIdsIn({ west: -180, south: -25, east: -165, north: -10 })).toEqual([claim.samoa]);
  });

  it('answers an empty box with an empty page', async () => {
    const data = await dataOf(call(CLAIMS_IN_BOX, { bbox: { west: -40, south: 0, east: -30, north: 10 } }));
    expect(data.claims).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    expect(await claimIdsIn({ west: 46.75, south: 39.8156, east: 46.75, north: 39.8156 })).toEqual([]);
  });

  it('pages through the whole world newest first, a claim in two cells once, none missing', async () => {
    const all = await allPages(
      async (after) => (await dataOf(call(CLAIMS_IN_BOX, { bbox: WORLD, first: 2, after }))).claims,
    );
    expect(all.map((node: any) => node.id)).toEqual(
      // Newest first by day; the undated claim takes its article's publication day.
      [claim.country, claim.twoCells, claim.samoa, claim.fiji, claim.regionAndCity],
    );
    expect(all.map((node: any) => node.day)).toEqual([
      '2020-10-05',
      '2020-10-01',
      '2020-09-30',
      '2020-09-29',
      '2020-09-27',
    ]);
  });

  it('refuses a box out of range or upside down with VALIDATION_FAILED naming the field', async () => {
    for (const [bbox, field] of [
      [{ ...CAUCASUS, south: 43 }, 'south'],
      [{ ...CAUCASUS, north: 91 }, 'north'],
      [{ ...CAUCASUS, west: -181 }, 'west'],
      [{ ...CAUCASUS, east: 200 }, 'east'],
    ] as const) {
      const result = await call(CLAIMS_IN_BOX, { bbox });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: ['bbox', field] });
      const geo = await call(`query($bbox: BoundingBoxInput!) { claimsGeoJSON(bbox: $bbox) }`, { bbox });
      expect(geo.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: ['bbox', field] });
    }
  });

  it('costs one round trip to the cells and one batched read, whatever the box', async () => {
    for (const bbox of [CAUCASUS, PACIFIC, WORLD]) {
      db.counter.reset();
      await dataOf(
        call(`query($bbox: BoundingBoxInput!) { claims(bbox: $bbox) { edges { node { id kind } } } }`, { bbox }),
      );
      expect(db.counter.roundTrips).toBe(2);
      expect(db.counter.byCommand.BatchGetItemCommand).toBe(1);
    }
  });
});

describe('locations(bbox:)', () => {
  const LOCATIONS = `query($bbox: BoundingBoxInput!, $precision: LocationPrecision, $countryCode: String) {
    locations(bbox: $bbox, precision: $precision, countryCode: $countryCode, first: 100) { edges { node { name } } }
  }`;
  const names = async (variables: Record<string, unknown>) =>
    (await dataOf(call(LOCATIONS, variables))).locations.edges.map((edge: any) => edge.node.name).sort();

  it('lists the places inside a box, across the antimeridian too, by precision and country', async () => {
    expect(await names({ bbox: CAUCASUS })).toEqual(['azerbaijan', 'karabakh', 'stepanakert']);
    expect(await names({ bbox: CAUCASUS, precision: 'CITY' })).toEqual(['stepanakert']);
    expect(await names({ bbox: PACIFIC })).toEqual(['apia', 'suva']);
    expect(await names({ bbox: PACIFIC, countryCode: 'FJ' })).toEqual(['suva']);
    // A continent-sized box reads places by name, with the box as a filter.
    expect(await names({ bbox: WORLD })).toEqual(['apia', 'azerbaijan', 'karabakh', 'kharkiv', 'stepanakert', 'suva']);
    expect(await names({ bbox: { west: -40, south: 0, east: -30, north: 10 } })).toEqual([]);
  });

  it('refuses an upside-down box, and near with bbox', async () => {
    const result = await call(LOCATIONS, { bbox: { ...CAUCASUS, north: 30 } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: ['bbox', 'south'] });
    const both = await call(
      `{ locations(near: { latitude: 40, longitude: 46, radiusKm: 10 }, bbox: { west: 44, south: 38, east: 50, north: 42 }) { edges { node { id } } } }`,
    );
    expect(both.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });
});

describe('claimsGeoJSON', () => {
  const GEOJSON = `query($bbox: BoundingBoxInput, $first: Int, $after: String) { claimsGeoJSON(bbox: $bbox, first: $first, after: $after) }`;

  it('is a FeatureCollection: a Point per claim and geocoded place in the box, [longitude, latitude]', async () => {
    const { claimsGeoJSON } = await dataOf(call(GEOJSON, { bbox: CAUCASUS }));
    const features = checkFeatureCollection(claimsGeoJSON);
    const byClaim = (id: string | undefined) => features.filter((f: any) => f.properties.claimId === id);
    // Kharkiv lies outside the box; the unresolved place is left out.
    expect(byClaim(claim.twoCells).map((f: any) => f.geometry.coordinates)).toEqual([[46.752, 39.8156]]);
    expect(byClaim(claim.twoCells)[0].properties).toMatchObject({
      kind: 'ATTACK',
      claimant: 'Defence Ministry of Somewhere',
      day: '2020-10-01',
      daySource: 'EVENT',
      place: 'stepanakert',
      placeId: place.stepanakert,
      precision: 'CITY',
      approximate: false,
    });
    expect(byClaim(claim.country).map((f: any) => f.properties)).toEqual([
      expect.objectContaining({
        claimant: null,
        place: 'azerbaijan',
        precision: 'COUNTRY',
        approximate: true,
        daySource: 'PUBLISHED',
        day: '2020-10-05',
      }),
    ]);
    expect(byClaim(claim.regionAndCity).map((f: any) => [f.properties.place, f.properties.approximate])).toEqual([
      ['karabakh', true],
      ['stepanakert', false],
    ]);
    expect(features).toHaveLength(4);
    expect(claimsGeoJSON.hasNextPage).toBe(false);
  });

  it('without a box: every geocoded place of every claim, pages joined by endCursor', async () => {
    const features: any[] = [];
    let after: string | null = null;
    do {
      const { claimsGeoJSON }: any = await dataOf(call(GEOJSON, { first: 2, after }));
      features.push(...checkFeatureCollection(claimsGeoJSON));
      after = claimsGeoJSON.hasNextPage ? claimsGeoJSON.endCursor : null;
    } while (after);
    const pairs = features.map((f) => `${f.properties.claimId}@${f.properties.place}`).sort();
    expect(pairs).toEqual(
      [
        `${claim.twoCells}@stepanakert`,
        `${claim.twoCells}@kharkiv`,
        `${claim.fiji}@suva`,
        `${claim.samoa}@apia`,
        `${claim.country}@azerbaijan`,
        `${claim.regionAndCity}@karabakh`,
        `${claim.regionAndCity}@stepanakert`,
      ].sort(),
    );
    // Across the antimeridian: both sides.
    const pacific = checkFeatureCollection((await dataOf(call(GEOJSON, { bbox: PACIFIC }))).claimsGeoJSON);
    expect(pacific.map((f) => f.geometry.coordinates)).toEqual([
      [-171.7667, -13.8333],
      [178.4419, -18.1416],
    ]);
  });

  it('costs a query per cell and one BatchGetItem of articles, claimants and places', async () => {
    db.counter.reset();
    await dataOf(call(GEOJSON, { bbox: CAUCASUS }));
    expect(db.counter.roundTrips).toBe(2);
    expect(db.counter.byCommand.BatchGetItemCommand).toBe(1);
    expect(db.counter.byCommand.QueryCommand).toBeLessThanOrEqual(12);
  });
});

describe('a box in a crowded cell', () => {
  it('spends its read budget on the claims around it and pages on, in either order, without gaps or repeats', async () => {
    const local = graphqlCaller(await createTestDb());
    const near = await createLocation(local, { name: 'near', latitude: 39.9, longitude: 46.9 });
    const inside = await createLocation(local, { name: 'inside', latitude: 39.8156, longitude: 46.752 });
    const article = await ingest(local, { text: plainText(2), publishedAt: '2020-10-05T09:00:00Z' });
    const make = (day: string, locationIds: string[]) =>
      createClaim(local, { articleId: article.id, content: { start: 0, end: 6 }, eventDate: day, locationIds });
    const wanted = [await make('2020-01-01', [inside]), await make('2020-01-02', [near, inside])];
    // Newer claims in the same cells, just outside the box: each page's budget is spent on them.
    for (let day = 10; day < 40; day++) await make(`2020-02-${String((day % 28) + 1).padStart(2, '0')}`, [near]);
    const box = { west: 46.7, south: 39.78, east: 46.8, north: 39.85 };
    for (const order of ['NEWEST_FIRST', 'OLDEST_FIRST']) {
      let pages = 0;
      const ids = await allPages(async (after) => {
        pages++;
        return (
          await dataOf(
            local(
              `query($bbox: BoundingBoxInput!, $after: String, $order: ListOrder!) { claims(bbox: $bbox, first: 1, after: $after, order: $order) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
              { bbox: box, after, order },
            ),
          )
        ).claims;
      });
      const expected = wanted.map((claim) => claim.id);
      expect(ids.map((node: any) => node.id)).toEqual(order === 'NEWEST_FIRST' ? expected.reverse() : expected);
      // first: 1 reads at most 20 entries per cell: the 30 claims outside take more than one page.
      expect(pages).toBeGreaterThan(2);
    }
  });
});

describe('a place that moves (updateLocation with new coordinates)', () => {
  let own: Db;
  let ownCall: Caller;
  const ids: Record<string, string> = {};
  const OLD = { west: 9.9, south: 9.9, east: 10.1, north: 10.1 };
  const NEW = { west: 49.9, south: 49.9, east: 50.1, north: 50.1 };
  const TOWN = { west: 10.4, south: 10.4, east: 10.6, north: 10.6 };
  const inBox = async (bbox: Record<string, number>) =>
    (await allPages(async (after) => (await dataOf(ownCall(CLAIMS_IN_BOX, { bbox, first: 2, after }))).claims)).map(
      (node: any) => node.id,
    );
  const moveVillage = (latitude: number, longitude: number) =>
    dataOf(
      ownCall(
        `mutation($input: UpdateLocationInput!) { updateLocation(input: $input) { location { latitude longitude } userErrors { code } } }`,
        { input: { id: ids.village, latitude, longitude } },
      ),
    );

  beforeAll(async () => {
    own = await createTestDb();
    ownCall = graphqlCaller(own);
    ids.village = await createLocation(ownCall, { name: 'Village', latitude: 10, longitude: 10, precision: 'POINT' });
    ids.town = await createLocation(ownCall, { name: 'Town', latitude: 10.5, longitude: 10.5, precision: 'CITY' });
    const article = await ingest(ownCall, { text: plainText(7), publishedAt: '2021-03-01T09:00:00Z' });
    const make = async (locations: string[]) =>
      (await createClaim(ownCall, { articleId: article.id, content: { start: 0, end: 10 }, locationIds: locations }))
        .id;
    ids.village1 = await make([ids.village]);
    ids.both = await make([ids.village, ids.town]);
    ids.town1 = await make([ids.town]);
    for (let i = 0; i < 3; i++) ids[`village${i + 2}`] = await make([ids.village]);
  }, 120_000);

  it('files its claims under the new point: a box there finds them, a box at the old point no longer does', async () => {
    const villageClaims = [ids.village1, ids.both, ids.village2, ids.village3, ids.village4].sort();
    expect((await inBox(OLD)).sort()).toEqual(villageClaims);
    const { updateLocation } = await moveVillage(50, 50);
    expect(updateLocation.userErrors).toEqual([]);
    expect((await inBox(NEW)).sort()).toEqual(villageClaims);
    expect(await inBox(OLD)).toEqual([]);
    // The claim of both places is still under the town, which did not move.
    expect((await inBox(TOWN)).sort()).toEqual([ids.both, ids.town1].sort());
    const { claimsGeoJSON } = await dataOf(
      ownCall(`query($bbox: BoundingBoxInput!) { claimsGeoJSON(bbox: $bbox, first: 50) }`, { bbox: NEW }),
    );
    const features = checkFeatureCollection(claimsGeoJSON);
    expect(features.map((feature: any) => feature.geometry.coordinates)).toEqual(villageClaims.map(() => [50, 50]));
  });

  it('finishes an interrupted move when the same coordinates are sent again', async () => {
    await moveVillage(-20, 30);
    // As a run stopped midway leaves it: one claim still keeps (and is filed under) the last point.
    const stored = (await own.get(claimKey(decodeLocal(ids.village1)), true)) as any;
    expect(stored.placePoints[decodeLocal(ids.village)]).toEqual([-20, 30]);
    const [claimItem, ...links] = claimWithLinks(
      withoutKeys<PlacedClaim>({ ...stored, placePoints: { [decodeLocal(ids.village)]: [50, 50] } }),
    );
    await own.transact([{ put: claimItem! }, ...links.map((link) => ({ put: link }))]);
    const MOVED = { west: 29.9, south: -20.1, east: 30.1, north: -19.9 };
    expect(await inBox(MOVED)).not.toContain(ids.village1);
    await moveVillage(-20, 30);
    expect(await inBox(MOVED)).toContain(ids.village1);
    // Nothing is left to move: a third call writes nothing.
    own.counter.reset();
    await moveVillage(-20, 30);
    expect(own.counter.byCommand.TransactWriteItemsCommand).toBe(1);
  });
});

/** The table ID inside a global ID ("Claim:abc" → "abc"). */
const decodeLocal = (globalId: string | undefined) =>
  Buffer.from(globalId!, 'base64url').toString('utf8').split(':')[1]!;
