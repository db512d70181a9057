/**
 * Entity and link items as stored: a record plus the keys its access patterns give it
 * (`patterns.ts`). Reading strips the keys again (`withoutKeys`), so records never carry
 * storage details.
 */
import type { Item, Key } from './client.js';
import { articleKey, claimKey, locationKey, mapPatterns, nameKeyPart, partyKey, patterns } from './patterns.js';
import { CLAIM_CELL_LEVELS, geohash } from '../geo.js';
import { foldName } from '../names.js';
import { articleSortDate, type Article, type Claim, type Location, type Party } from '../records.js';

export const articleItem = (article: Article): Item => {
  const listed = { id: article.id, sortDate: articleSortDate(article), publisher: article.publisher };
  return {
    ...articleKey(article.id),
    // An article being deleted is no longer listed.
    ...(article.deleting
      ? {}
      : { ...patterns.articlesByPublisher.keys(listed), ...patterns.articlesByDate.keys(listed) }),
    ...article,
  };
};

export const articleTextItem = (articleId: string, text: string): Item => ({
  ...patterns.articleText.key(articleId),
  articleId,
  text,
});

/** The items that make a URL and a cleaned text lead to one article. */
export const articleUrlItem = (urlHash: string, articleId: string): Item => ({
  ...patterns.articleByUrl.key(urlHash),
  articleId,
});
export const articleTextHashItem = (textHash: string, articleId: string): Item => ({
  ...patterns.articleByText.key(textHash),
  articleId,
});

/** Left where a merged party was: its ID leads to the party it was merged into. */
export const partyRedirectItem = (removedId: string, keptId: string): Item => ({
  ...patterns.mergedParty.key(removedId),
  partyId: keptId,
});

export const claimItem = (claim: Claim): Item => ({
  ...claimKey(claim.id),
  ...patterns.claimsByParty.keys(claim),
  ...patterns.claimsByKind.keys(claim),
  ...patterns.claimsByDate.keys(claim),
  ...claim,
});

/** Links a place to a claim about it: Location.claims reads these, newest first. */
export const locationClaimItem = (claim: Claim, locationId: string): Item => ({
  ...patterns.claimsOfPlace.key(locationId, claim.day, claim.id),
  claimId: claim.id,
  articleId: claim.articleId,
  claimantId: claim.claimantId,
  kind: claim.kind,
});

/** Links a party or place to an article that mentions it. */
export const mentionItem = (owner: 'PARTY' | 'LOCATION', ownerId: string, article: Article): Item => ({
  ...patterns.mentions.key(owner, ownerId, articleSortDate(article), article.id),
  articleId: article.id,
});

export const partyItem = (party: Party): Item => ({
  ...partyKey(party.id),
  ...patterns.partiesByName.keys(party),
  ...party,
});

export const locationItem = (location: Location): Item => ({
  ...locationKey(location.id),
  ...patterns.locationsByName.keys(location),
  ...patterns.locationsByCell.keys(location),
  ...location,
});

/** One name-index item per distinct folded name or alias of a party or place. */
export function nameItems(type: 'PARTY' | 'LOCATION', entity: { id: string; name: string; aliases: string[] }): Item[] {
  // One per key: names that fold to one key ("The X", "x") are one entry.
  const byKey = new Map<string, string>();
  for (const name of [entity.name, ...entity.aliases]) {
    if (foldName(name) && !byKey.has(nameKeyPart(name))) byKey.set(nameKeyPart(name), name);
  }
  return [...byKey.values()].map((name) => ({
    ...patterns.names.key(name, type, entity.id),
    name,
    entityId: entity.id,
  }));
}

/** A claim's item and its place links: always written and deleted together. */
export const claimWithLinks = (claim: Claim): Item[] => {
  const mapped = claimMapFields(claim);
  return [
    claimItem(claim),
    ...claim.locationIds.map((locationId) => ({ ...locationClaimItem(claim, locationId), ...mapped.get(locationId) })),
  ];
};

export const keyOfItem = (item: Item): Key => ({ pk: String(item.pk), sk: String(item.sk) });

// ---- Maps: where a claim's places are, and the claim map index on its place links ----

/**
 * Each geocoded place of a claim as [latitude, longitude], kept on the claim item: every
 * writer of a claim's links (ingest, claim edits, party merges, which copy the claim) then
 * writes the same map index entries without reading the places again.
 */
export type PlacePoints = Record<string, [number, number]>;
export type PlacedClaim = Claim & { placePoints?: PlacePoints };

/** The points of the places that have coordinates; `known` fills in places the lookup lacks. */
export function placePointsOf(
  locationIds: readonly string[],
  lookup: (id: string) => { latitude?: unknown; longitude?: unknown } | null | undefined,
  known: PlacePoints = {},
): PlacePoints {
  const points: PlacePoints = {};
  for (const id of locationIds) {
    const place = lookup(id);
    if (place && typeof place.latitude === 'number' && typeof place.longitude === 'number')
      points[id] = [place.latitude, place.longitude];
    else if (known[id]) points[id] = known[id];
  }
  return points;
}

/**
 * What each place link of a claim carries for maps and timelines: the claim's day, kind,
 * claimant and places (so a map page is built from the links and the entities they name,
 * without the claims), and on the link of the claim's first place in each cell, that cell's
 * index entry at every level with the bounds of all the claim's points (a filter that no
 * box-overlapping claim fails; readers check the places themselves).
 */
function claimMapFields(claim: PlacedClaim): Map<string, Item> {
  const points = claim.placePoints ?? {};
  const located = claim.locationIds.filter((id) => points[id]);
  const latitudes = located.map((id) => points[id]![0]);
  const longitudes = located.map((id) => points[id]![1]);
  const bounds = located.length
    ? {
        geoSouth: Math.min(...latitudes),
        geoNorth: Math.max(...latitudes),
        geoWest: Math.min(...longitudes),
        geoEast: Math.max(...longitudes),
      }
    : {};
  const fields = new Map<string, Item>(
    claim.locationIds.map((id) => [id, { day: claim.day, eventDate: claim.eventDate, locationIds: claim.locationIds }]),
  );
  for (const { precision } of CLAIM_CELL_LEVELS) {
    const seen = new Set<string>();
    for (const id of located) {
      const cell = geohash(points[id]![0], points[id]![1], precision);
      if (seen.has(cell)) continue;
      seen.add(cell);
      Object.assign(fields.get(id)!, bounds, mapPatterns.claimsByCell.keys(cell, claim.day, claim.id));
    }
  }
  return fields;
}
