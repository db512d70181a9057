/**
 * Locations: places claims are about. Listing by name or by distance, their claims, and
 * fixing a geocode.
 */
import {
  followLinks,
  loadClaims,
  loadLocations,
  readClaimRecords,
  toRecords,
  type DataContext,
} from './store/loaders.js';
import { allWrites, ConditionFailedError, withoutKeys, type Db } from './store/client.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { cellsCoveringBox, checkBox, coveringCells, distanceKm, type BoundingBox } from './geo.js';
import { ordered, type ListOrder } from './geojson.js';
import { claimWithLinks, locationItem, nameItems, type PlacedClaim } from './store/items.js';
import { patterns } from './store/patterns.js';
import { locationIdFor, randomId } from './ids.js';
import { renameWrites } from './named.js';
import {
  MAX_PAGE_SIZE,
  pageOfList,
  pageOfPartition,
  pageOfShards,
  type Page,
  type PageArgs,
} from './store/pagination.js';
import type { DateRange } from './party.js';
import type { Claim, Location, LocationPrecision } from './records.js';
import { checkAliases, checkLatitude, checkLongitude, checkOptionalString, checkString } from './validate.js';
import { ChangeRecorder, timestamp, upserted } from './changes.js';
import { countryAction } from './store/counters.js';

export const MAX_RADIUS_KM = 1000;

export interface Near {
  latitude: number;
  longitude: number;
  radiusKm: number;
}

export interface LocationFilter {
  near?: Near | null;
  /** Only places inside this box (by geohash cell, else by name when the box is large). */
  bbox?: BoundingBox | null;
  precision?: LocationPrecision | null;
  countryCode?: string | null;
}

/**
 * Places by name, or near a point. `precision` and `countryCode` filter what is read (with
 * the read budget of every filter that no key serves: a short page carries a cursor to go on).
 */
export async function listLocations(
  data: DataContext,
  filter: LocationFilter,
  args: PageArgs,
): Promise<Page<Location>> {
  const countryCode =
    filter.countryCode == null ? null : checkCountryCode(filter.countryCode.toUpperCase(), ['countryCode']);
  if (filter.near && filter.bbox) throw new ValidationError('give near or bbox, not both', ['bbox']);
  if (filter.near) {
    const page = await nearLocations(data, filter.near, args);
    return {
      ...page,
      items: page.items.filter(
        ({ value }) =>
          (!filter.precision || value.precision === filter.precision) &&
          (!countryCode || value.countryCode === countryCode),
      ),
    };
  }
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const box = filter.bbox ? checkBox(filter.bbox) : null;
  if (box) {
    // Maps: the box as a filter on the places' own coordinates (exact, antimeridian included).
    conditions.push('#lat BETWEEN :south AND :north');
    conditions.push(box.west > box.east ? '(#lon >= :west OR #lon <= :east)' : '#lon BETWEEN :west AND :east');
    Object.assign(names, { '#lat': 'latitude', '#lon': 'longitude' });
    Object.assign(values, { ':south': box.south, ':north': box.north, ':west': box.west, ':east': box.east });
  }
  if (filter.precision) {
    conditions.push('#precision = :precision');
    names['#precision'] = 'precision';
    values[':precision'] = filter.precision;
  }
  if (countryCode) {
    conditions.push('#country = :country');
    names['#country'] = 'countryCode';
    values[':country'] = countryCode;
  }
  const filterOfQuery = conditions.length ? { filter: { expression: conditions.join(' AND '), names, values } } : {};
  const cells = box ? cellsCoveringBox(box, 2, MAX_BOX_CELLS) : [];
  if (box && cells.length <= MAX_BOX_CELLS) {
    // The cells of the box at once, merged in geohash order, each with the read budget.
    const queries = cells.map((cell) => ({
      ...patterns.locationsByCell.query(cell),
      ...filterOfQuery,
      singleRead: true,
    }));
    return toRecords<Location>(data, await pageOfShards(data.db, queries, args));
  }
  // No box, or one too large for its cells (a continent): every place by name, filtered.
  const query = { ...patterns.locationsByName.query(), ...filterOfQuery };
  return toRecords<Location>(data, await pageOfPartition(data.db, query, args));
}

/**
 * The most 2-character geohash cells (about 1,250 × 625 km) a `bbox` search reads at once; a
 * larger box reads places by name with the box as a filter (read budget, cursor to go on).
 */
export const MAX_BOX_CELLS = 16;

/** The most places a `near` search reads for one page: a wider search must narrow its radius. */
export const NEAR_READ_BUDGET = 2000;

/**
 * Places within `radiusKm` of a point, nearest first. Nearest-first needs every candidate
 * of the covering cells, so a page reads them all (the cells at once): at most
 * NEAR_READ_BUDGET items, else the search is refused with a hint to narrow it, rather than
 * reading a continent on every page.
 */
async function nearLocations(data: DataContext, near: Near, args: PageArgs): Promise<Page<Location>> {
  checkLatitude(near.latitude, ['near', 'latitude']);
  checkLongitude(near.longitude, ['near', 'longitude']);
  if (!(near.radiusKm > 0 && near.radiusKm <= MAX_RADIUS_KM)) {
    throw new ValidationError(`near.radiusKm must be above 0 and at most ${MAX_RADIUS_KM}`, ['near', 'radiusKm']);
  }
  const cells = coveringCells(near, near.radiusKm);
  let read = 0;
  const pages = await Promise.all(
    cells.map(async (cell) => {
      const items: Location[] = [];
      let after: string | null = null;
      do {
        const page = await pageOfPartition(data.db, patterns.locationsByCell.query(cell), {
          first: MAX_PAGE_SIZE,
          after,
        });
        read += page.items.length;
        if (read > NEAR_READ_BUDGET) {
          throw new ValidationError(
            `more than ${NEAR_READ_BUDGET} places lie in the cells around this circle: use a smaller radiusKm`,
            ['near', 'radiusKm'],
          );
        }
        items.push(...page.items.map(({ value }) => withoutKeys<Location>(value)));
        after = page.hasNextPage ? page.items.at(-1)!.cursor : null;
      } while (after);
      return items;
    }),
  );
  const withDistance = pages
    .flat()
    .map((location) => ({
      location,
      km: distanceKm(near, { latitude: location.latitude!, longitude: location.longitude! }),
    }))
    .filter(({ km }) => km <= near.radiusKm)
    .sort((a, b) => a.km - b.km || a.location.id.localeCompare(b.location.id));
  return pageOfList(
    withDistance.map(({ location }) => location),
    args,
    `near:${near.latitude},${near.longitude},${near.radiusKm}`,
  );
}

/** Claims about a place by the claim's day, newest first unless `order` says otherwise. */
export async function locationClaims(
  data: DataContext,
  locationId: string,
  range: DateRange,
  args: PageArgs,
  order?: ListOrder | null,
): Promise<Page<Claim>> {
  const page = await pageOfPartition(data.db, ordered(patterns.claimsOfPlace.query(locationId, range), order), args);
  return followLinks(
    page,
    (ids) => loadClaims(data, ids),
    (link) => String(link.claimId),
  );
}

export interface LocationChanges {
  name?: string | null;
  aliases?: string[] | null;
  latitude?: number | null;
  longitude?: number | null;
  countryCode?: string | null;
  precision?: LocationPrecision | null;
  geonamesId?: number | null;
}

/** A point of the input: both coordinates in range, or neither. */
function checkCoordinates(latitude: number | null | undefined, longitude: number | null | undefined) {
  const checked = {
    latitude: checkLatitude(latitude, ['input', 'latitude']),
    longitude: checkLongitude(longitude, ['input', 'longitude']),
  };
  if ((checked.latitude === null) !== (checked.longitude === null)) {
    throw new ValidationError('latitude and longitude must be given together', [
      'input',
      checked.latitude === null ? 'latitude' : 'longitude',
    ]);
  }
  return checked;
}

/** Fixes a place's geocode or names, guarded by its version. */
export async function updateLocation(
  data: DataContext,
  id: string,
  expectedVersion: number | null,
  changes: LocationChanges,
): Promise<Location> {
  const feed = new ChangeRecorder(data.db, id); // sync: its shard's head is read beside the place
  const [location] = await loadLocations(data, [id]);
  if (!location) throw new NotFoundError(`no location with ID ${id}`, ['input', 'id']);
  if (expectedVersion !== null && expectedVersion !== location.version) {
    throw new ConflictError(`location ${id} is at version ${location.version}, not ${expectedVersion}`, [
      'input',
      'expectedVersion',
    ]);
  }
  const { latitude, longitude } = checkCoordinates(
    changes.latitude === undefined ? location.latitude : changes.latitude,
    changes.longitude === undefined ? location.longitude : changes.longitude,
  );
  const countryCode =
    changes.countryCode === undefined
      ? location.countryCode
      : checkCountryCode(changes.countryCode, ['input', 'countryCode']);
  const name =
    changes.name == null ? location.name : (checkOptionalString(changes.name, ['input', 'name']) ?? location.name);
  const aliases = changes.aliases == null ? location.aliases : checkAliases(changes.aliases, ['input', 'aliases']);
  let precision = changes.precision ?? location.precision;
  if (latitude !== null && precision === 'UNRESOLVED') precision = 'POINT';
  if (latitude === null && precision !== 'UNRESOLVED') {
    throw new ValidationError('a location without coordinates must have precision UNRESOLVED', ['input', 'precision']);
  }
  const updated: Location = {
    ...location,
    name,
    aliases,
    latitude,
    longitude,
    countryCode,
    precision,
    geonamesId: changes.geonamesId === undefined ? location.geonamesId : changes.geonamesId,
    candidates: latitude !== null ? [] : location.candidates,
    version: location.version + 1,
    updatedAt: timestamp(), // sync
  };
  try {
    await feed.commit(
      [
        { put: locationItem(updated), condition: 'version = :v', values: { ':v': location.version } },
        ...renameWrites('LOCATION', location, updated),
        // Counts: COUNTRY tallies read the country kept beside the place's counts.
        ...(countryCode !== location.countryCode ? [countryAction(id, countryCode)] : []),
      ],
      upserted('LOCATION', [id]), // sync
    );
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    throw new ConflictError(`location ${id} was changed by someone else; reload it and try again`, [
      'input',
      'expectedVersion',
    ]);
  }
  data.items.clearAll();
  // A caller that sends coordinates (the same ones again, too) gets the map index brought in line.
  if (changes.latitude !== undefined || changes.longitude !== undefined) await movePlaceOfClaims(data.db, updated);
  return updated;
}

/** Claims whose kept points are rewritten at once: a page of the place's claim links. */
const MOVE_PAGE = MAX_PAGE_SIZE;

/**
 * After a place moves, its claims are still filed under the old point: each claim keeps its
 * places' points (`placePoints`), and its place links the map index cells and bounds made
 * from them (lib/store/items.ts). This rewrites every claim of the place whose kept point
 * is not the place's own, a page of the place's claim links at a time: per claim, the claim
 * item and its links in one transaction, on condition that the claim did not change
 * meanwhile (else it is read again). Nothing a reader sees changes but where the map index
 * files the claim; until it is done a box may miss a claim of the moved place, never show
 * one outside it (readers check the places' current coordinates). A run that stops midway
 * is finished by sending the place's coordinates again: claims already moved are skipped.
 */
export async function movePlaceOfClaims(db: Db, place: Location): Promise<void> {
  const point: [number, number] | null =
    place.latitude !== null && place.longitude !== null ? [place.latitude, place.longitude] : null;
  const stale = (claim: PlacedClaim) => JSON.stringify(claim.placePoints?.[place.id] ?? null) !== JSON.stringify(point);
  let after: string | null = null;
  do {
    const page = await pageOfPartition(db, patterns.claimsOfPlace.query(place.id), { first: MOVE_PAGE, after });
    const ids = page.items.map(({ value }) => String(value.claimId));
    const claims = await readClaimRecords<PlacedClaim>(db, ids);
    await allWrites(claims.filter(stale).map((claim) => moveClaimPoint(db, claim, place.id, point, stale)));
    after = page.hasNextPage ? page.items.at(-1)!.cursor : null;
  } while (after);
}

/** One claim's kept point of one place, and its links, rewritten together. */
async function moveClaimPoint(
  db: Db,
  claim: PlacedClaim,
  placeId: string,
  point: [number, number] | null,
  stale: (claim: PlacedClaim) => boolean,
): Promise<void> {
  let current: PlacedClaim | undefined = claim;
  for (let attempt = 0; current && stale(current) && current.locationIds.includes(placeId); attempt++) {
    const { [placeId]: _old, ...others } = current.placePoints ?? {};
    const next: PlacedClaim = { ...current, placePoints: point ? { ...others, [placeId]: point } : others };
    const [claimItem, ...links] = claimWithLinks(next);
    try {
      await db.transact([
        { put: claimItem!, condition: 'version = :v', values: { ':v': current.version } },
        ...links.map((link) => ({ put: link })),
      ]);
      return;
    } catch (error) {
      // Changed meanwhile (an edit, a merge, a delete): read it again and see.
      if (!(error instanceof ConditionFailedError) || attempt >= 5) throw error;
      [current] = await readClaimRecords<PlacedClaim>(db, [claim.id]);
    }
  }
}

export interface LocationInput {
  name: string;
  aliases?: string[] | null;
  latitude?: number | null;
  longitude?: number | null;
  countryCode?: string | null;
  precision?: LocationPrecision | null;
  geonamesId?: number | null;
}

function checkCountryCode(value: string | null | undefined, field: string[]): string | null {
  const code = checkOptionalString(value, field);
  if (code !== null && !/^[A-Z]{2}$/.test(code))
    throw new ValidationError('countryCode must be an ISO 3166-1 alpha-2 code such as AZ', field);
  return code;
}

/** Adds a place by hand. A GeoNames place that is already stored is a CONFLICT. */
export async function createLocation(data: DataContext, input: LocationInput): Promise<Location> {
  const name = checkString(input.name.trim(), ['input', 'name'], { required: true });
  const { latitude, longitude } = checkCoordinates(input.latitude, input.longitude);
  const countryCode = checkCountryCode(input.countryCode, ['input', 'countryCode']);
  const geonamesId = input.geonamesId ?? null;
  const location: Location = {
    id: geonamesId !== null ? locationIdFor({ name, geonamesId, countryCode }) : randomId(),
    name,
    aliases: checkAliases(input.aliases ?? [], ['input', 'aliases']),
    latitude,
    longitude,
    countryCode,
    precision: latitude === null ? 'UNRESOLVED' : (input.precision ?? 'POINT'),
    geonamesId,
    candidates: [],
    version: 1,
    createdAt: timestamp(), // sync
  };
  location.updatedAt = location.createdAt; // sync
  if (location.precision === 'UNRESOLVED' && latitude !== null) location.precision = 'POINT';
  try {
    await new ChangeRecorder(data.db, location.id).commit(
      [
        { put: locationItem(location), condition: 'attribute_not_exists(pk)' },
        ...nameItems('LOCATION', location).map((item) => ({ put: item })),
      ],
      upserted('LOCATION', [location.id]), // sync
    );
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    throw new ConflictError(`GeoNames place ${geonamesId} is already stored`, ['input', 'geonamesId']);
  }
  return location;
}
