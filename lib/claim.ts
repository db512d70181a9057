/**
 * Claims: statements a party makes in an article. Creating and updating them (with
 * optimistic locking), listing by party, place, kind and date, and finding related claims.
 */
import {
  followLinks,
  loadArticles,
  loadArticleText,
  loadClaimRecords,
  loadClaims,
  loadExisting,
  loadLocations,
  toVisibleClaims,
  type DataContext,
} from './store/loaders.js';
import { ConditionFailedError, keyString, type Item, type WriteAction } from './store/client.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { claimWithLinks, keyOfItem, mentionItem, placePointsOf, type PlacedClaim } from './store/items.js';
import { articleKey, locationKey, partyKey, patterns } from './store/patterns.js';
import { pageOfPartition, pageOfShards, type Page, type PageArgs } from './store/pagination.js';
import type { DateRange } from './party.js';
import { randomId } from './ids.js';
import { checkBox, inBox, type BoundingBox } from './geo.js';
import { claimsInBox, ordered, type ListOrder } from './geojson.js';
import type { Article, Claim, ClaimKind, ClaimMode, Quantity, ReviewStatus, Span } from './records.js';
import { articleSortDate } from './records.js';
import { checkDate, checkList, LIMITS, MAX_QUANTITY } from './validate.js';
import { recentUpdates, refChanges, trimRecentClaimsAfterWrite } from './store/recent-claims.js';
import { ChangeRecorder, timestamp, upserted } from './changes.js';
import { checkCounterBounds, counterActions } from './store/counters.js';

/** How far apart two claims about the same place may be to count as related. */
export const RELATED_WINDOW_DAYS = 3;

export interface ClaimFilter extends DateRange {
  kind?: ClaimKind | null;
  partyId?: string | null;
  locationId?: string | null;
  /** Only claims with a place inside this box. */
  bbox?: BoundingBox | null;
  order?: ListOrder | null;
}

/** Conditions no key serves: read with the read budget of every filtered page. */
function filterOf(conditions: { kind?: ClaimKind | null; locationId?: string | null }) {
  const expression: string[] = [];
  const names: Record<string, string> = {};
  const values: Item = {};
  if (conditions.kind) {
    expression.push('#kind = :kind');
    names['#kind'] = 'kind';
    values[':kind'] = conditions.kind;
  }
  if (conditions.locationId) {
    expression.push('contains(#locations, :location)');
    names['#locations'] = 'locationIds';
    values[':location'] = conditions.locationId;
  }
  return expression.length ? { filter: { expression: expression.join(' AND '), names, values } } : {};
}

export async function listClaims(data: DataContext, filter: ClaimFilter, args: PageArgs): Promise<Page<Claim>> {
  const range = { since: filter.since, until: filter.until };
  // Maps and timelines: a box reads the claim map index; every listing reads in either order.
  if (filter.bbox && !filter.locationId) return claimsInBox(data, filter, args);
  if (filter.bbox && filter.locationId && !(await placeInBox(data, filter.locationId, filter.bbox)))
    return { items: [], hasNextPage: false };
  if (filter.partyId) {
    const query = {
      ...ordered(patterns.claimsByParty.query(filter.partyId, range), filter.order),
      ...filterOf(filter),
    };
    return toVisibleClaims(data, await pageOfPartition(data.db, query, args));
  }
  if (filter.locationId) {
    const query = {
      ...ordered(patterns.claimsOfPlace.query(filter.locationId, range), filter.order),
      ...filterOf({ kind: filter.kind }),
    };
    const page = await pageOfPartition(data.db, query, args);
    return followLinks(
      page,
      (ids) => loadClaims(data, ids),
      (link) => String(link.claimId),
    );
  }
  const queries = filter.kind
    ? patterns.claimsByKind.queries(filter.kind, range)
    : patterns.claimsByDate.queries(range);
  return toVisibleClaims(data, await pageOfShards(data.db, ordered(queries, filter.order), args));
}

/** Whether a place lies inside a box (the box checked first, naming its field). */
async function placeInBox(data: DataContext, locationId: string, bbox: BoundingBox): Promise<boolean> {
  const box = checkBox(bbox);
  const [place] = await loadLocations(data, [locationId]);
  return !!place && place.latitude !== null && place.longitude !== null && inBox(box, place.latitude, place.longitude);
}

/**
 * Other claims about the same places within a few days, nearest in time first. Reads at
 * most `first + 1` links on each side of the claim's day per place (so at most
 * 2 × places × (first + 1) links, then those claims in one batch), whatever the table holds.
 */
export async function relatedClaims(data: DataContext, claim: Claim, first: number): Promise<Claim[]> {
  if (claim.locationIds.length === 0) return [];
  const before = { since: shiftDay(claim.day, -RELATED_WINDOW_DAYS), until: claim.day };
  const after = { since: claim.day, until: shiftDay(claim.day, RELATED_WINDOW_DAYS) };
  const sides = await Promise.all(
    claim.locationIds.flatMap((id) => [
      pageOfPartition(
        data.db,
        { ...patterns.claimsOfPlace.query(id, after), newestFirst: false },
        { first: first + 1 },
      ),
      pageOfPartition(data.db, patterns.claimsOfPlace.query(id, before), { first: first + 1 }),
    ]),
  );
  const links = new Map<string, string>();
  for (const { value } of sides.flatMap((page) => page.items))
    if (value.claimId !== claim.id) links.set(String(value.claimId), String(value.sk).split('#')[1]!);
  const apart = (day: string) => Math.abs(Date.parse(day) - Date.parse(claim.day));
  const nearest = [...links].sort(([a, x], [b, y]) => apart(x) - apart(y) || a.localeCompare(b)).slice(0, first + 1);
  const claims = await loadExisting(
    loadClaims,
    data,
    nearest.map(([id]) => id),
  );
  return claims.slice(0, first);
}

const shiftDay = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** A span of an article's text, checked against it. */
export function spanOf(text: string, offsets: { start: number; end: number }, field: string[]): Span {
  const { start, end } = offsets;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new ValidationError(
      `${field.at(-1)} must satisfy 0 <= start < end <= ${text.length} (the article text's length)`,
      field,
    );
  }
  // An offset between the two halves of a surrogate pair would cut a character in two.
  for (const [name, offset] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (offset > 0 && offset < text.length && isLowSurrogate(text.charCodeAt(offset))) {
      throw new ValidationError(
        `${name} ${offset} falls inside a character (between the halves of a UTF-16 surrogate pair)`,
        [...field, name],
      );
    }
  }
  return { start, end, text: text.slice(start, end) };
}

export interface ClaimInput {
  articleId: string;
  claimantId?: string | null;
  content: { start: number; end: number };
  evidence?: { start: number; end: number } | null;
  cue?: { start: number; end: number } | null;
  claimantMention?: { start: number; end: number } | null;
  mode?: ClaimMode | null;
  kind?: ClaimKind | null;
  locationIds?: string[] | null;
  eventDate?: string | null;
  quantities?: Quantity[] | null;
  status?: ReviewStatus | null;
}

function checkQuantities(quantities: Quantity[], field: string[]): Quantity[] {
  checkList(quantities, field, LIMITS.quantitiesPerClaim);
  return quantities.map((quantity, i) => {
    if (!Number.isInteger(quantity.value) || quantity.value < 0 || quantity.value > MAX_QUANTITY) {
      throw new ValidationError(`a quantity value must be a whole number from 0 to ${MAX_QUANTITY}`, [
        ...field,
        String(i),
        'value',
      ]);
    }
    const maxValue = quantity.maxValue ?? null;
    if (maxValue !== null && (!Number.isInteger(maxValue) || maxValue < quantity.value || maxValue > MAX_QUANTITY)) {
      throw new ValidationError(`maxValue must be a whole number from value to ${MAX_QUANTITY}`, [
        ...field,
        String(i),
        'maxValue',
      ]);
    }
    return {
      kind: quantity.kind,
      value: quantity.value,
      maxValue,
      since: checkDate(quantity.since, [...field, String(i), 'since']),
    };
  });
}

/**
 * The claimant (following a merge's redirect) and places a claim names, read to give a
 * clear NOT_FOUND, and the ConditionChecks that make the claim's transaction fail if one
 * of them is removed or merged away before it commits.
 */
async function checkReferences(data: DataContext, claimantId: string | null, locationIds: string[]) {
  checkList(locationIds, ['input', 'locationIds'], LIMITS.locationsPerClaim);
  const keys = [
    ...(claimantId ? [partyKey(claimantId), patterns.mergedParty.key(claimantId)] : []),
    ...locationIds.map(locationKey),
  ];
  const stored = await data.db.batchGet(keys, true);
  let claimant = claimantId;
  if (claimantId) {
    const party = stored.get(keyString(partyKey(claimantId)));
    const redirect = party?.mergedInto ?? stored.get(keyString(patterns.mergedParty.key(claimantId)))?.partyId;
    if (redirect) claimant = String(redirect);
    else if (!party) throw new NotFoundError(`no party with ID ${claimantId}`, ['input', 'claimantId']);
  }
  const missing = locationIds.findIndex((id) => !stored.has(keyString(locationKey(id))));
  if (missing >= 0)
    throw new NotFoundError(`no location with ID ${locationIds[missing]}`, ['input', 'locationIds', String(missing)]);
  const countries = new Map(
    locationIds.map((id) => [id, (stored.get(keyString(locationKey(id)))?.countryCode as string | null) ?? null]),
  );
  const checks: WriteAction[] = [
    ...(claimant
      ? [{ check: partyKey(claimant), condition: 'attribute_exists(pk) AND attribute_not_exists(mergedInto)' }]
      : []),
    ...locationIds.map((id) => ({ check: locationKey(id), condition: 'attribute_exists(pk)' })),
  ];
  // Maps: the points of the places, for the claim map index on its links.
  const points = placePointsOf(locationIds, (id) => stored.get(keyString(locationKey(id))));
  return { claimantId: claimant, checks, countries, points };
}

/**
 * The article-side writes for a claim: the article's lists in document order and the
 * mention links for parties and places it did not mention yet, guarded by its version.
 */
function articleWrites(article: Article, claimIds: string[], partyIds: string[], locationIds: string[]): WriteAction[] {
  const newParties = partyIds.filter((id) => !article.partyIds.includes(id));
  const newLocations = locationIds.filter((id) => !article.locationIds.includes(id));
  return [
    {
      // Every claim write moves the article's version: a re-extraction or a deletion that
      // read the article before it cannot then commit over it.
      update: articleKey(article.id),
      set: 'SET claimIds = :claims, partyIds = :parties, locationIds = :locations, version = version + :one, updatedAt = :now',
      condition: 'version = :v AND attribute_not_exists(deleting)',
      values: {
        ':now': timestamp(), // sync
        ':claims': claimIds,
        ':parties': [...article.partyIds, ...newParties],
        ':locations': [...article.locationIds, ...newLocations],
        ':one': 1,
        ':v': article.version,
      },
    },
    ...newParties.map((id) => ({ put: mentionItem('PARTY', id, article) })),
    ...newLocations.map((id) => ({ put: mentionItem('LOCATION', id, article) })),
  ];
}

/**
 * Runs a claim write again from fresh reads while one of its conditions failed because
 * something else changed meanwhile (the article gained a claim, a party was merged away).
 * The attempt itself decides what is the caller's conflict (a stale `expectedVersion`).
 */
async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; i < 10; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      // Exponential backoff with full jitter, so writers racing for one article spread out.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 20 * 2 ** i)));
    }
  }
  throw new ConflictError('the article or the parties and places of this claim kept changing; try again', ['input']);
}

/** The article a claim write is for, with its text (spans are checked against it). */
async function articleForClaim(data: DataContext, articleId: string, field: string[]) {
  data.items.clearAll();
  const [[article], text] = await Promise.all([loadArticles(data, [articleId]), loadArticleText(data, articleId)]);
  if (!article || text === null) throw new NotFoundError(`no article with ID ${articleId}`, field);
  return { article, text };
}

export async function createClaim(data: DataContext, input: ClaimInput): Promise<Claim> {
  const eventDate = checkDate(input.eventDate, ['input', 'eventDate']);
  const quantities = checkQuantities(input.quantities ?? [], ['input', 'quantities']);
  const locationIds = [...new Set(input.locationIds ?? [])];
  const now = timestamp();
  const id = randomId();

  const claim = await withRetries(async () => {
    const feed = new ChangeRecorder(data.db, input.articleId); // sync: its shard's head is read beside the article
    const { article, text } = await articleForClaim(data, input.articleId, ['input', 'articleId']);
    const content = spanOf(text, input.content, ['input', 'content']);
    const references = await checkReferences(data, input.claimantId ?? null, locationIds);
    const claim: PlacedClaim = {
      id,
      articleId: article.id,
      claimantId: references.claimantId,
      claimantMention: input.claimantMention ? spanOf(text, input.claimantMention, ['input', 'claimantMention']) : null,
      cue: input.cue ? spanOf(text, input.cue, ['input', 'cue']) : null,
      content,
      evidence: input.evidence ? spanOf(text, input.evidence, ['input', 'evidence']) : content,
      mode: input.mode ?? 'INDIRECT',
      kind: input.kind ?? 'STATEMENT',
      locationIds,
      eventDate,
      quantities,
      status: input.status ?? 'UNREVIEWED',
      restatesId: null,
      extractorVersion: null,
      day: eventDate ?? articleSortDate(article).slice(0, 10),
      version: 1,
      createdAt: now,
      updatedAt: now,
      placePoints: references.points,
    };
    const siblings = await loadExisting(loadClaimRecords, data, article.claimIds);
    const ordered = [...siblings, claim].sort(
      (a, b) => a.evidence.start - b.evidence.start || a.content.start - b.content.start,
    );
    checkCounterBounds(ordered, ['input', 'eventDate']);
    await feed.commit(
      [
        ...claimWithLinks(claim).map((item, i) => ({
          put: item,
          ...(i === 0 ? { condition: 'attribute_not_exists(pk)' } : {}),
        })),
        ...articleWrites(
          article,
          ordered.map((c) => c.id),
          claim.claimantId ? [claim.claimantId] : [],
          locationIds,
        ),
        ...references.checks,
        ...recentUpdates(refChanges([], [claim])),
        // Counts: the claim is visible from this transaction on.
        ...counterActions({ before: [], after: [claim], countries: references.countries }),
      ],
      [...upserted('CLAIM', [claim.id]), ...upserted('ARTICLE', [article.id])], // sync
    );
    return claim;
  });
  await trimRecentClaimsAfterWrite(data.db, claim.claimantId ? [claim.claimantId] : []);
  data.items.clearAll();
  return claim;
}

export interface ClaimChanges {
  claimantId?: string | null;
  kind?: ClaimKind | null;
  mode?: ClaimMode | null;
  status?: ReviewStatus | null;
  locationIds?: string[] | null;
  eventDate?: string | null;
  quantities?: Quantity[] | null;
}

const conflict = (claim: { id: string; version: number }, expected: number) =>
  new ConflictError(
    `claim ${claim.id} is at version ${claim.version}, not ${expected}: reload it and apply your change again`,
    ['input', 'expectedVersion'],
  );

/**
 * Applies `changes` if the claim is still at `expectedVersion`; a stale version is a
 * CONFLICT. Fields left out (undefined) keep their value; an explicit null clears the
 * nullable ones (claimant, event date). The fields changed are recorded on the claim, so
 * a newer extractor keeps the person's values.
 */
export async function updateClaim(
  data: DataContext,
  id: string,
  expectedVersion: number,
  changes: ClaimChanges,
): Promise<Claim> {
  const eventDateChange =
    changes.eventDate === undefined ? undefined : checkDate(changes.eventDate, ['input', 'eventDate']);
  const quantities =
    changes.quantities == null ? undefined : checkQuantities(changes.quantities, ['input', 'quantities']);
  const updated = await withRetries(async () => {
    const feed = new ChangeRecorder(data.db, id); // sync: its shard's head is read beside the claim
    data.items.clearAll();
    const [claim] = await loadClaims(data, [id]);
    if (!claim) throw new NotFoundError(`no claim with ID ${id}`, ['input', 'id']);
    if (claim.version !== expectedVersion) throw conflict(claim, expectedVersion);
    const [article] = await loadArticles(data, [claim.articleId]);
    if (!article) throw new NotFoundError(`no claim with ID ${id}`, ['input', 'id']);
    const locationIds = changes.locationIds == null ? claim.locationIds : [...new Set(changes.locationIds)];
    const references = await checkReferences(
      data,
      changes.claimantId === undefined ? claim.claimantId : changes.claimantId,
      locationIds,
    );
    const eventDate = eventDateChange === undefined ? claim.eventDate : eventDateChange;
    const next: PlacedClaim = {
      ...claim,
      claimantId: references.claimantId,
      kind: changes.kind ?? claim.kind,
      mode: changes.mode ?? claim.mode,
      status: changes.status ?? claim.status,
      locationIds,
      eventDate,
      quantities: quantities ?? claim.quantities,
      day: eventDate ?? articleSortDate(article).slice(0, 10),
      version: claim.version + 1,
      updatedAt: timestamp(),
      placePoints: references.points,
    };
    const changed = (
      ['claimantId', 'kind', 'mode', 'status', 'locationIds', 'eventDate', 'quantities'] as const
    ).filter((field) => JSON.stringify(next[field]) !== JSON.stringify(claim[field]));
    next.editedFields = [...new Set([...(claim.editedFields ?? []), ...changed])];
    // A new day, claimant or place may bring the article's counts to more counter items.
    if (next.day !== claim.day || next.claimantId !== claim.claimantId || changed.includes('locationIds')) {
      const siblings = await loadExisting(loadClaimRecords, data, article.claimIds);
      checkCounterBounds(
        siblings.map((sibling) => (sibling.id === next.id ? next : sibling)),
        ['input', 'eventDate'],
      );
    }
    const before = claimWithLinks(claim).slice(1).map(keyOfItem);
    const after = claimWithLinks(next);
    const keep = new Set(after.map((item) => keyString(keyOfItem(item))));
    await feed.commit(
      [
        { put: after[0]!, condition: 'version = :v', values: { ':v': expectedVersion } },
        ...after.slice(1).map((item) => ({ put: item })),
        ...before.filter((key) => !keep.has(keyString(key))).map((key) => ({ delete: key })),
        ...articleWrites(article, article.claimIds, next.claimantId ? [next.claimantId] : [], locationIds),
        ...references.checks,
        // A new claimant or day moves the claim in the lists of newest claims.
        ...recentUpdates(refChanges([claim], [next])),
        // Counts: readers see `claim` before this transaction and `next` after it.
        ...counterActions({ before: [claim], after: [next], countries: references.countries }),
      ],
      [...upserted('CLAIM', [next.id]), ...upserted('ARTICLE', [article.id])], // sync
    );
    return next;
  });
  await trimRecentClaimsAfterWrite(data.db, updated.claimantId ? [updated.claimantId] : []);
  data.items.clearAll();
  return updated;
}
