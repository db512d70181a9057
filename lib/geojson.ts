/**
 * Maps and timelines: claims inside a box on the map, the day each claim is about and where
 * that day comes from, and claims as an RFC 7946 GeoJSON FeatureCollection.
 *
 * A map page is read from the claim map index (`mapPatterns.claimsByCell`): the cells of one
 * level that cover the box are queried at once and merged by day, each with the read budget
 * of a filtered page, so a page costs one round trip to the index and one batched read of
 * the claims (or, for GeoJSON, of the articles, claimants and places the links name).
 */
import { checkBox, claimCellsFor, inBox, type BoundingBox } from './geo.js';
import {
  loadArticles,
  loadClaimRecords,
  loadLocations,
  loadParties,
  visibleClaims,
  type DataContext,
} from './store/loaders.js';
import type { Item } from './store/client.js';
import { mapPatterns, patterns } from './store/patterns.js';
import {
  checkPageSize,
  pageOfPartition,
  pageOfShards,
  type Page,
  type PageArgs,
  type PartitionQuery,
} from './store/pagination.js';
import type { Article, Claim, ClaimKind, Location } from './records.js';
import type { DateRange } from './party.js';

export type ListOrder = 'NEWEST_FIRST' | 'OLDEST_FIRST';

/** Where a claim's day comes from: its event date, else its article's publication, else its ingest. */
export type DaySource = 'EVENT' | 'PUBLISHED' | 'INGESTED';

export function daySourceOf(claim: { eventDate: string | null }, article: Pick<Article, 'publishedAt'>): DaySource {
  if (claim.eventDate) return 'EVENT';
  return article.publishedAt ? 'PUBLISHED' : 'INGESTED';
}

/** A listing's queries in the order asked for (the patterns read newest first). */
export function ordered<T extends PartitionQuery | PartitionQuery[]>(
  queries: T,
  order: ListOrder | null | undefined,
): T {
  if (order !== 'OLDEST_FIRST') return queries;
  const reverse = (query: PartitionQuery): PartitionQuery => ({ ...query, newestFirst: false });
  return (Array.isArray(queries) ? queries.map(reverse) : reverse(queries as PartitionQuery)) as T;
}

export interface MapFilter extends DateRange {
  kind?: ClaimKind | null;
  partyId?: string | null;
  locationId?: string | null;
  bbox?: BoundingBox | null;
  order?: ListOrder | null;
}

/** What a map page needs of a claim; claim items and place links both carry it. */
interface ClaimSummary {
  claimId: string;
  articleId: string;
  claimantId: string | null;
  kind: ClaimKind;
  day: string;
  eventDate: string | null;
  locationIds: string[];
}

const summaryOf = (item: Item): ClaimSummary => ({
  claimId: String(item.claimId ?? item.id),
  articleId: String(item.articleId),
  claimantId: (item.claimantId as string | null | undefined) ?? null,
  kind: item.kind as ClaimKind,
  day: String(item.day),
  eventDate: (item.eventDate as string | null | undefined) ?? null,
  locationIds: (item.locationIds as string[] | undefined) ?? [],
});

/** Kind and claimant, as a filter on claim items and place links (both carry them). */
function claimFilter(filter: MapFilter, conditions: string[] = [], values: Item = {}): PartitionQuery['filter'] {
  const names: Record<string, string> = {};
  if (filter.kind) {
    conditions.push('#kind = :kind');
    names['#kind'] = 'kind';
    values[':kind'] = filter.kind;
  }
  if (filter.partyId) {
    conditions.push('claimantId = :claimant');
    values[':claimant'] = filter.partyId;
  }
  return conditions.length ? { expression: conditions.join(' AND '), names, values } : undefined;
}

/**
 * The filter of a map cell's entries: the claim's points overlap the box (by their bounds,
 * which no claim with a point inside fails), of the kind and claimant asked for.
 */
function cellFilter(box: BoundingBox, filter: MapFilter): PartitionQuery['filter'] {
  const conditions = ['geoNorth >= :south', 'geoSouth <= :north'];
  conditions.push(
    box.west > box.east ? '(geoEast >= :west OR geoWest <= :east)' : 'geoEast >= :west AND geoWest <= :east',
  );
  return claimFilter(filter, conditions, {
    ':south': box.south,
    ':north': box.north,
    ':west': box.west,
    ':east': box.east,
  });
}

/**
 * A page of claims whose places overlap a box, by day in the order asked for. The cells of
 * the finest level that covers the box in few queries are read at once (`claimCellsFor`),
 * each with the read budget of a filtered page: a page that spends it ends short, with a
 * cursor to go on. The page holds place links (one per claim), not yet checked.
 */
async function boxPage(data: DataContext, box: BoundingBox, filter: MapFilter, args: PageArgs): Promise<Page<Item>> {
  const { cells } = claimCellsFor(box);
  const queries = ordered(mapPatterns.claimsByCell.queries(cells, filter), filter.order).map((query) => ({
    ...query,
    filter: cellFilter(box, filter),
    singleRead: true,
  }));
  return pageOfShards(data.db, queries, args, { mergeTies: true });
}

/** A page of claim items or place links for the filter (a box, else the date listings). */
async function summaryPage(data: DataContext, filter: MapFilter, args: PageArgs): Promise<Page<Item>> {
  const range = { since: filter.since, until: filter.until };
  if (filter.locationId) {
    const query = ordered(patterns.claimsOfPlace.query(filter.locationId, range), filter.order);
    const conditions = claimFilter(filter);
    return pageOfPartition(data.db, conditions ? { ...query, filter: conditions } : query, args);
  }
  if (filter.bbox) return boxPage(data, filter.bbox, filter, args);
  if (filter.partyId) {
    const query = ordered(patterns.claimsByParty.query(filter.partyId, range), filter.order);
    const conditions = claimFilter({ kind: filter.kind });
    return pageOfPartition(data.db, conditions ? { ...query, filter: conditions } : query, args);
  }
  const queries = filter.kind
    ? patterns.claimsByKind.queries(filter.kind, range)
    : patterns.claimsByDate.queries(range);
  return pageOfShards(data.db, ordered(queries, filter.order), args);
}

/** The places of a claim that have coordinates (inside the box, when there is one). */
function placesOf(summary: ClaimSummary, locations: Map<string, Location>, box: BoundingBox | null | undefined) {
  return summary.locationIds.flatMap((id) => {
    const place = locations.get(id);
    if (!place || place.latitude === null || place.longitude === null || place.precision === 'UNRESOLVED') return [];
    return !box || inBox(box, place.latitude, place.longitude) ? [place] : [];
  });
}

const byId = <T extends { id: string }>(values: (T | null)[]) =>
  new Map(values.flatMap((value) => (value ? [[value.id, value] as const] : [])));

/**
 * Claims whose places lie inside a box, in the order asked for. The claims, their articles
 * (which decide what readers see) and their places (whose coordinates decide, the index
 * having only narrowed the search) are read together: one batched round trip.
 */
export async function claimsInBox(data: DataContext, filter: MapFilter, args: PageArgs): Promise<Page<Claim>> {
  const box = checkBox(filter.bbox!);
  const page = await boxPage(data, box, filter, args);
  const summaries = page.items.map(({ value }) => summaryOf(value));
  const [claims, , places] = await Promise.all([
    loadClaimRecords(
      data,
      summaries.map((summary) => summary.claimId),
    ),
    loadArticles(data, [...new Set(summaries.map((summary) => summary.articleId))]),
    loadLocations(data, [...new Set(summaries.flatMap((summary) => summary.locationIds))]),
  ]);
  const locations = byId(places);
  const visible = await visibleClaims(data, claims);
  return {
    hasNextPage: page.hasNextPage,
    endCursor: page.endCursor ?? page.items.at(-1)?.cursor,
    items: page.items.flatMap(({ cursor }, i) => {
      const claim = visible[i];
      // The claim as it is now: its places, where they are now.
      return claim && placesOf({ ...summaries[i]!, locationIds: claim.locationIds }, locations, box).length
        ? [{ cursor, value: claim }]
        : [];
    }),
  };
}

/** RFC 7946 GeoJSON, as built here. */
export interface Feature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    claimId: string;
    kind: ClaimKind;
    claimant: string | null;
    day: string;
    daySource: DaySource;
    place: string;
    placeId: string;
    precision: Location['precision'];
    approximate: boolean;
  };
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
  /** Foreign members (RFC 7946 §6.1): where the next page of claims starts, if any. */
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Places of these precisions are marked approximate: their point is a centre, not the place. */
const APPROXIMATE = new Set(['COUNTRY', 'REGION']);

/**
 * A page of claims (the filters of `claims`, with a box or without) as a FeatureCollection:
 * one Point Feature per claim and geocoded place ([longitude, latitude]), unresolved places
 * left out, country- and region-level places marked approximate; with a box, the places in it.
 * Built from the index items and the entities they name (articles, claimants, places) in one
 * batched read, without reading the claims themselves.
 */
export async function claimsGeoJSON(
  data: DataContext,
  filter: MapFilter,
  args: PageArgs,
  globalId: (type: 'Claim' | 'Location', id: string) => string,
): Promise<FeatureCollection> {
  checkPageSize(args.first);
  const box = filter.bbox ? checkBox(filter.bbox) : null;
  const page = await summaryPage(data, { ...filter, bbox: box }, args);
  const summaries = page.items.map(({ value }) => summaryOf(value));
  const [articles, parties, places] = await Promise.all([
    loadArticles(data, [...new Set(summaries.map((summary) => summary.articleId))]),
    loadParties(data, [...new Set(summaries.flatMap((summary) => summary.claimantId ?? []))]),
    loadLocations(data, [...new Set(summaries.flatMap((summary) => summary.locationIds))]),
  ]);
  const articleOf = byId(articles);
  const partyOf = byId(parties);
  const locations = byId(places);
  const features: Feature[] = [];
  const seen = new Set<string>();
  for (const summary of summaries) {
    const article = articleOf.get(summary.articleId);
    // What readers see: the article exists, is not being deleted, and lists the claim.
    if (!article?.claimIds.includes(summary.claimId) || seen.has(summary.claimId)) continue;
    seen.add(summary.claimId);
    for (const place of placesOf(summary, locations, box)) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [place.longitude!, place.latitude!] },
        properties: {
          claimId: globalId('Claim', summary.claimId),
          kind: summary.kind,
          claimant: summary.claimantId ? (partyOf.get(summary.claimantId)?.name ?? null) : null,
          day: summary.day,
          daySource: daySourceOf(summary, article),
          place: place.name,
          placeId: globalId('Location', place.id),
          precision: place.precision,
          approximate: APPROXIMATE.has(place.precision),
        },
      });
    }
  }
  return {
    type: 'FeatureCollection',
    features,
    hasNextPage: page.hasNextPage,
    endCursor: page.hasNextPage ? (page.endCursor ?? page.items.at(-1)?.cursor ?? null) : null,
  };
}
