import { beforeAll, describe, expect, it } from 'vitest';
import { createLocation, createParty, createTestDb, dataOf, graphqlCaller, type Caller } from './support.js';

let call: Caller;
let shushi: string;
beforeAll(async () => {
  call = graphqlCaller(await createTestDb());
  shushi = await createLocation(call, {
    name: 'Shushi',
    aliases: ['Shusha', 'Şuşa'],
    latitude: 39.7601,
    longitude: 46.7499,
    countryCode: 'AZ',
    precision: 'CITY',
    geonamesId: 9999001,
  });
  await createLocation(call, {
    name: 'Stepanakert',
    aliases: ['Khankendi'],
    latitude: 39.8177,
    longitude: 46.7528,
    countryCode: 'AZ',
    precision: 'CITY',
  });
  await createLocation(call, {
    name: 'Goris',
    latitude: 39.5111,
    longitude: 46.3417,
    countryCode: 'AM',
    precision: 'CITY',
  });
  await createLocation(call, {
    name: 'Baku',
    latitude: 40.3777,
    longitude: 49.892,
    countryCode: 'AZ',
    precision: 'CITY',
  });
  await createLocation(call, { name: 'Nowhere in particular' });
  await createParty(call, { name: 'Shusha Battalion', aliases: ['Shushi'], kind: 'ARMED_FORCE' });
});

describe('locations', () => {
  it('finds places near a point, nearest first, within the radius only', async () => {
    const near = await dataOf(
      call(`{ locations(near: { latitude: 39.8, longitude: 46.75, radiusKm: 60 }) { edges { node { name } } } }`),
    );
    expect(near.locations.edges.map((e: any) => e.node.name)).toEqual(['Stepanakert', 'Shushi', 'Goris']);
    const wide = await dataOf(
      call(
        `{ locations(near: { latitude: 39.8, longitude: 46.75, radiusKm: 400 }, first: 2) { edges { node { name } } pageInfo { hasNextPage } } }`,
      ),
    );
    expect(wide.locations.edges.map((e: any) => e.node.name)).toEqual(['Stepanakert', 'Shushi']);
    expect(wide.locations.pageInfo.hasNextPage).toBe(true);
  });

  it('refuses a circle out of range', async () => {
    for (const near of [
      '{ latitude: 91, longitude: 0, radiusKm: 10 }',
      '{ latitude: 0, longitude: 0, radiusKm: 5000 }',
      '{ latitude: 0, longitude: 0, radiusKm: 0 }',
    ]) {
      const result = await call(`{ locations(near: ${near}) { edges { node { name } } } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    }
  });

  it('lists every place by name, unresolved ones included', async () => {
    const all = await dataOf(call(`{ locations(first: 100) { edges { node { name precision latitude } } } }`));
    expect(all.locations.edges.map((e: any) => e.node.name)).toEqual([
      'Baku',
      'Goris',
      'Nowhere in particular',
      'Shushi',
      'Stepanakert',
    ]);
    expect(all.locations.edges[2].node).toEqual({
      name: 'Nowhere in particular',
      precision: 'UNRESOLVED',
      latitude: null,
    });
  });
});

const nodes = (connection: { edges: { node: unknown }[] }) => connection.edges.map((edge) => edge.node);

describe('resolve', () => {
  it('matches names and aliases ignoring case and diacritics, parties and places alike', async () => {
    for (const name of ['shusha', 'ŞUŞA', 'Shushi']) {
      const result = await dataOf(
        call(
          `query($name: String!) { resolve(name: $name) { locations { edges { node { id name } } } parties { edges { node { name } } } } }`,
          { name },
        ),
      );
      expect(nodes(result.resolve.locations)).toEqual([{ id: shushi, name: 'Shushi' }]);
    }
    const both = await dataOf(
      call(`{ resolve(name: "shushi") { parties { edges { node { name } } } locations { edges { node { name } } } } }`),
    );
    expect({ parties: nodes(both.resolve.parties), locations: nodes(both.resolve.locations) }).toEqual({
      parties: [{ name: 'Shusha Battalion' }],
      locations: [{ name: 'Shushi' }],
    });
    const none = await dataOf(
      call(
        `{ resolve(name: "Atlantis") { parties { edges { node { name } } } locations { edges { node { name } } } } }`,
      ),
    );
    expect({ parties: nodes(none.resolve.parties), locations: nodes(none.resolve.locations) }).toEqual({
      parties: [],
      locations: [],
    });
  });

  it('pages through a name shared by many places', async () => {
    for (let i = 0; i < 5; i++)
      await createLocation(call, { name: 'Common Square', countryCode: ['AM', 'AZ', 'GE', 'IR', 'TR'][i] });
    const first = await dataOf(
      call(
        `{ resolve(name: "common square") { locations(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
      ),
    );
    expect(first.resolve.locations.edges).toHaveLength(2);
    expect(first.resolve.locations.pageInfo.hasNextPage).toBe(true);
    const rest = await dataOf(
      call(
        `query($after: String!) { resolve(name: "common square") { locations(first: 10, after: $after) { edges { node { id } } pageInfo { hasNextPage } } } }`,
        { after: first.resolve.locations.pageInfo.endCursor },
      ),
    );
    expect(rest.resolve.locations.edges).toHaveLength(3);
    expect(rest.resolve.locations.pageInfo.hasNextPage).toBe(false);
  });
});

describe('updateLocation', () => {
  const UPDATE = `mutation($input: UpdateLocationInput!) { updateLocation(input: $input) { location { id name aliases latitude longitude precision version } userErrors { code field } } }`;

  it('fixes a geocode and renames, keeping the name index in step', async () => {
    const id = await createLocation(call, { name: 'Khujand axis', countryCode: 'AZ' });
    const fixed = await dataOf(
      call(UPDATE, {
        input: {
          id,
          expectedVersion: 1,
          latitude: 39.79,
          longitude: 47.11,
          precision: 'REGION',
          name: 'Khojavend front',
          aliases: ['Khujand axis'],
        },
      }),
    );
    expect(fixed.updateLocation).toEqual({
      location: {
        id,
        name: 'Khojavend front',
        aliases: ['Khujand axis'],
        latitude: 39.79,
        longitude: 47.11,
        precision: 'REGION',
        version: 2,
      },
      userErrors: [],
    });
    const found = await dataOf(
      call(
        `{ a: resolve(name: "khojavend front") { locations { edges { node { id } } } } b: resolve(name: "Khujand axis") { locations { edges { node { id } } } } }`,
      ),
    );
    expect(nodes(found.a.locations)).toEqual([{ id }]);
    expect(nodes(found.b.locations)).toEqual([{ id }]);
    const stale = await dataOf(call(UPDATE, { input: { id, expectedVersion: 1, name: 'Other' } }));
    expect(stale.updateLocation.userErrors).toEqual([{ code: 'CONFLICT', field: ['input', 'expectedVersion'] }]);
  });

  it.each([
    [{ latitude: 95, longitude: 0 }, ['input', 'latitude']],
    [{ latitude: 10, longitude: 200 }, ['input', 'longitude']],
    [{ latitude: null }, ['input', 'latitude']],
    [{ countryCode: 'Azerbaijan' }, ['input', 'countryCode']],
  ])('refuses out-of-range input %#, naming the field', async (changes, field) => {
    const result = await dataOf(call(UPDATE, { input: { id: shushi, ...changes } }));
    expect(result.updateLocation.userErrors).toEqual([{ code: 'VALIDATION_FAILED', field }]);
  });
});

describe('locations(near:) on a crowded map', () => {
  it('reads at most NEAR_READ_BUDGET places for a page, and says to narrow a search that needs more', async () => {
    const crowded = await createTestDb();
    const { locationItem } = await import('../lib/store/items.js');
    const { NEAR_READ_BUDGET } = await import('../lib/location.js');
    const places = Array.from({ length: NEAR_READ_BUDGET + 1 }, (_, i) => ({
      id: `crowd${i}`,
      name: `Place ${i}`,
      aliases: [],
      latitude: 40 + (i % 50) * 0.01,
      longitude: 45 + Math.floor(i / 50) * 0.01,
      countryCode: 'AZ',
      precision: 'POINT' as const,
      geonamesId: null,
      candidates: [],
      version: 1,
    }));
    await crowded.batchWrite(places.map((place) => ({ put: locationItem(place) })));
    const local = graphqlCaller(crowded);
    crowded.counter.reset();
    const wide = await local(
      `{ locations(near: { latitude: 40.2, longitude: 45.2, radiusKm: 400 }, first: 5) { edges { node { id } } } }`,
    );
    expect(wide.errors?.[0]?.extensions?.code ?? wide.data).toBe('VALIDATION_FAILED');
    expect(crowded.counter.total).toBeLessThanOrEqual(Math.ceil(NEAR_READ_BUDGET / 100) + 4);
    await crowded.batchWrite(
      places.slice(0, 200).map((place) => ({ delete: { pk: `LOCATION#${place.id}`, sk: 'LOCATION' } })),
    );
    const nearest = await dataOf(
      local(
        `{ locations(near: { latitude: 40.0, longitude: 45.0, radiusKm: 5 }, first: 3) { edges { node { name } } } }`,
      ),
    );
    expect(nearest.locations.edges.length).toBe(3);
  });
});

describe('locations(precision:, countryCode:)', () => {
  it('lists only the places of one precision or country', async () => {
    const db = await createTestDb();
    const local = graphqlCaller(db);
    await createLocation(local, {
      name: 'Aghdam',
      latitude: 39.99,
      longitude: 46.93,
      countryCode: 'AZ',
      precision: 'CITY',
    });
    await createLocation(local, {
      name: 'Goris',
      latitude: 39.51,
      longitude: 46.34,
      countryCode: 'AM',
      precision: 'CITY',
    });
    await createLocation(local, {
      name: 'Syunik',
      latitude: 39.5,
      longitude: 46.0,
      countryCode: 'AM',
      precision: 'REGION',
    });
    await createLocation(local, { name: 'Somewhere unknown' });
    const names = async (args: string) =>
      (await dataOf(local(`{ locations(${args}) { edges { node { name } } } }`))).locations.edges.map(
        (e: any) => e.node.name,
      );
    expect(await names('countryCode: "AM"')).toEqual(['Goris', 'Syunik']);
    expect(await names('countryCode: "am", precision: CITY')).toEqual(['Goris']);
    expect(await names('precision: UNRESOLVED')).toEqual(['Somewhere unknown']);
    const bad = await local(`{ locations(countryCode: "Armenia") { edges { node { name } } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });
});
