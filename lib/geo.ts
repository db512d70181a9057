/**
 * Geohash cells for "near a point" queries, and great-circle distance (the index itself is
 * `locationsByCell` in store/patterns.ts).
 */

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
