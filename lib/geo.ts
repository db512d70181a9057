/**
 * Geohash cells for "near a point" queries, and great-circle distance (the index itself is
 * `locationsByCell` in store/patterns.ts).
 */
import { ValidationError } from './errors.js';

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

export function geohash(latitude: number, longitude: number, precision = 9): string {
  let latMin = -90,
    latMax = 90,
    lonMin = -180,
    lonMax = 180;
  let hash = '';
  let bits = 0,
    value = 0,
    even = true;
  while (hash.length < precision) {
    if (even) {
      const mid = (lonMin + lonMax) / 2;
      if (longitude >= mid) {
        value = value * 2 + 1;
        lonMin = mid;
      } else {
        value *= 2;
        lonMax = mid;
      }
    } else {
      const mid = (latMin + latMax) / 2;
      if (latitude >= mid) {
        value = value * 2 + 1;
        latMin = mid;
      } else {
        value *= 2;
        latMax = mid;
      }
    }
    even = !even;
    if (++bits === 5) {
      hash += BASE32[value];
      bits = 0;
      value = 0;
    }
  }
  return hash;
}

/** Size in degrees (latitude, longitude) of a geohash cell of `precision` characters. */
function cellSize(precision: number): { lat: number; lon: number } {
  const bits = precision * 5;
  const lonBits = Math.ceil(bits / 2);
  const latBits = Math.floor(bits / 2);
  return { lat: 180 / 2 ** latBits, lon: 360 / 2 ** lonBits };
}

const EARTH_RADIUS_KM = 6371.0088;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const dLat = toRadians(b.latitude - a.latitude);
  const dLon = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The geohash prefixes (2 or 3 characters) whose cells cover a circle. */
export function coveringCells(center: { latitude: number; longitude: number }, radiusKm: number): string[] {
  const precision = radiusKm <= 150 ? 3 : 2;
  const size = cellSize(precision);
  const dLat = radiusKm / 111.32;
  const cosLat = Math.cos(toRadians(Math.min(89, Math.abs(center.latitude) + dLat)));
  const dLon = Math.min(180, radiusKm / (111.32 * Math.max(0.01, cosLat)));
  const south = Math.max(-90, center.latitude - dLat);
  const north = Math.min(90, center.latitude + dLat);
  const cells = new Set<string>();
  // Sampling the bounding box at half a cell's size touches every cell it overlaps.
  const latSteps = Math.ceil((north - south) / (size.lat / 2));
  const lonSteps = Math.ceil((2 * dLon) / (size.lon / 2));
  for (let i = 0; i <= latSteps; i++) {
    const lat = Math.min(north, south + (i * size.lat) / 2);
    for (let j = 0; j <= lonSteps; j++) {
      const lon = Math.min(center.longitude + dLon, center.longitude - dLon + (j * size.lon) / 2);
      const wrapped = ((((lon + 180) % 360) + 360) % 360) - 180;
      cells.add(geohash(lat, wrapped, precision));
    }
  }
  return [...cells];
}

// ---- Maps: bounding boxes and the cells that cover them ----

/** A box on the map in WGS 84 degrees; `west > east` means it crosses the antimeridian. */
export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/**
 * Checks a box, naming the field at fault: latitudes within ±90 with south ≤ north,
 * longitudes within ±180 (west may exceed east: the box then crosses the antimeridian).
 */
export function checkBox(box: BoundingBox, field: string[] = ['bbox']): BoundingBox {
  const check = (name: keyof BoundingBox, limit: number) => {
    const value = box[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
      throw new ValidationError(`${name} must be a number from -${limit} to ${limit}, got ${value}`, [...field, name]);
    }
  };
  check('west', 180);
  check('east', 180);
  check('south', 90);
  check('north', 90);
  if (box.south > box.north) {
    throw new ValidationError(`south (${box.south}) must not be north of north (${box.north})`, [...field, 'south']);
  }
  return { west: box.west, south: box.south, east: box.east, north: box.north };
}

export const crossesAntimeridian = (box: BoundingBox): boolean => box.west > box.east;

export function inBox(box: BoundingBox, latitude: number, longitude: number): boolean {
  if (latitude < box.south || latitude > box.north) return false;
  return crossesAntimeridian(box)
    ? longitude >= box.west || longitude <= box.east
    : longitude >= box.west && longitude <= box.east;
}

/** The geohash cells of `precision` characters that a box overlaps (at most `max` + 1, then it stops). */
export function cellsCoveringBox(box: BoundingBox, precision: number, max = Infinity): string[] {
  const parts: [number, number][] = crossesAntimeridian(box)
    ? [
        [box.west, 180],
        [-180, box.east],
      ]
    : [[box.west, box.east]];
  const size = cellSize(precision);
  const cells = new Set<string>();
  for (const [west, east] of parts) {
    // Sampling at half a cell's size, edges included, touches every cell the box overlaps.
    const latSteps = Math.ceil((box.north - box.south) / (size.lat / 2));
    const lonSteps = Math.ceil((east - west) / (size.lon / 2));
    for (let i = 0; i <= latSteps; i++) {
      const lat = Math.min(box.north, box.south + (i * size.lat) / 2);
      for (let j = 0; j <= lonSteps; j++) {
        const lon = Math.min(east, west + (j * size.lon) / 2);
        cells.add(geohash(lat, lon, precision));
        if (cells.size > max) return [...cells];
      }
    }
  }
  return [...cells].sort();
}

/**
 * The geohash levels of the claim map index, finest first, with how many cells of each a
 * box may need before the next coarser level serves it. Level 3 cells are about 156 km,
 * level 2 about 1,250 × 625 km, level 1 45° × 45°. Four cells keep a page to four Queries
 * (Nagorno-Karabakh: 2 level-2 cells; the Caucasus: 4; Ukraine or Europe: 2 to 4 level-1
 * cells) while the cells stay near the box's size, so the read budget goes to claims inside
 * it; only a box wider than a quarter of the world needs more, up to the 32 level-1 cells
 * that cover the world.
 */
export const CLAIM_CELL_LEVELS = [
  { precision: 3, maxCells: 4 },
  { precision: 2, maxCells: 4 },
  { precision: 1, maxCells: 32 },
] as const;

/** The finest level whose cells cover the box in few enough queries, and those cells. */
export function claimCellsFor(box: BoundingBox): { precision: number; cells: string[] } {
  for (const level of CLAIM_CELL_LEVELS) {
    const cells = cellsCoveringBox(box, level.precision, level.maxCells);
    if (cells.length <= level.maxCells) return { precision: level.precision, cells };
  }
  throw new Error('unreachable: 32 level-1 cells cover the world');
}
