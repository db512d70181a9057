/**
 * Claims: statements a party makes in an article. Creating and updating them (with
 * optimistic locking), listing by party, place, kind and date, and finding related claims.
 */
import { followLinks, loadArticles, loadClaims, loadExisting, loadLocations, loadParties, toRecords, type DataContext } from './data.js';
import { ConditionFailedError, type Item, type WriteAction } from './dynamo.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { claimWithLinks, keyOfItem, mentionItem } from './items.js';
import { articleKey, claimTimeIndexes, monthOf, timeShard } from './keys.js';
import { monthsOf, pageOfPartition, pageOfShards, type Page, type PageArgs } from './pagination.js';
import { partyClaims, type DateRange } from './party.js';
import { locationClaims } from './location.js';
import { randomId } from './ids.js';
import type { Article, Claim, ClaimKind, ClaimMode, Quantity, ReviewStatus, Span } from './records.js';
import { articleSortDate } from './records.js';
import { checkDate, checkList, LIMITS } from './validate.js';
import { registerMonths } from './writes.js';

/** How far apart two claims about the same place may be to count as related. */
export const RELATED_WINDOW_DAYS = 3;

export interface ClaimFilter extends DateRange {
  kind?: ClaimKind | null;
  partyId?: string | null;
  locationId?: string | null;
}

const dayRange = (range: DateRange) => ({ from: range.since ?? undefined, to: range.until ? `${range.until}\uffff` : undefined });

export async function listClaims(data: DataContext, filter: ClaimFilter, args: PageArgs): Promise<Page<Claim>> {
  if (filter.partyId) {
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Item = {};
    if (filter.kind) Object.assign(names, { '#kind': 'kind' }), Object.assign(values, { ':kind': filter.kind }), conditions.push('#kind = :kind');
    if (filter.locationId) Object.assign(names, { '#locations': 'locationIds' }), Object.assign(values, { ':location': filter.locationId }), conditions.push('contains(#locations, :location)');
    if (conditions.length === 0) return partyClaims(data, filter.partyId, filter, args);
    const page = await pageOfPartition(
      data.db,
      {
        index: 'gsi1',
        partition: `PARTY#${filter.partyId}`,
        from: `CLAIM#${filter.since ?? ''}`,
        to: `CLAIM#${filter.until ?? '\uffff'}\uffff`,
        newestFirst: true,
        filter: { expression: conditions.join(' AND '), names, values },
      },
      args,
    );
    return toRecords<Claim>(data, page);
  }
  if (filter.locationId) {
    if (!filter.kind) return locationClaims(data, filter.locationId, filter, args);
    const page = await pageOfPartition(
      data.db,
      {
        partition: `LOCATION#${filter.locationId}`,
        from: `CLAIM#${filter.since ?? ''}`,
        to: `CLAIM#${filter.until ?? '\uffff'}\uffff`,
        newestFirst: true,
        filter: { expression: '#kind = :kind', names: { '#kind': 'kind' }, values: { ':kind': filter.kind } },
      },
      args,
    );
    return followLinks(page, (ids) => loadClaims(data, ids), (link) => String(link.claimId));
  }
  const index = filter.kind ? (`CLAIMS#${filter.kind}` as const) : ('CLAIMS' as const);
  const page = await pageOfShards(
    data.db,
    {
      months: await monthsOf(data.db, index, filter.since, filter.until),
      queryFor: (month) => ({ index: filter.kind ? 'gsi2' : 'gsi3', partition: timeShard(index, month), ...dayRange(filter), newestFirst: true }),
    },
    args,
  );
  return toRecords<Claim>(data, page);
}

/** Other claims about the same places within a few days, nearest in time first. */
export async function relatedClaims(data: DataContext, claim: Claim, first: number): Promise<Claim[]> {
  if (claim.locationIds.length === 0) return [];
  const since = shiftDay(claim.day, -RELATED_WINDOW_DAYS);
  const until = shiftDay(claim.day, RELATED_WINDOW_DAYS);
  const pages = await Promise.all(claim.locationIds.map((id) => locationClaims(data, id, { since, until }, { first: 100 })));
  const seen = new Set([claim.id]);
  const related: Claim[] = [];
  for (const { value } of pages.flatMap((page) => page.items)) {
    if (seen.has(value.id)) continue;
    seen.add(value.id);
    related.push(value);
  }
  const apart = (other: Claim) => Math.abs(Date.parse(other.day) - Date.parse(claim.day));
  return related.sort((a, b) => apart(a) - apart(b) || a.id.localeCompare(b.id)).slice(0, first);
}

const shiftDay = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A span of an article's text, checked against it. */
export function spanOf(text: string, offsets: { start: number; end: number }, field: string[]): Span {
  const { start, end } = offsets;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new ValidationError(`${field.at(-1)} must satisfy 0 <= start < end <= ${text.length} (the article text's length)`, field);
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
    if (!Number.isInteger(quantity.value) || quantity.value < 0) {
      throw new ValidationError('a quantity value must be a non-negative integer', [...field, String(i), 'value']);
    }
    return { kind: quantity.kind, value: quantity.value, since: checkDate(quantity.since, [...field, String(i), 'since']) };
  });
}

async function checkReferences(data: DataContext, claimantId: string | null, locationIds: string[]): Promise<void> {
  checkList(locationIds, ['input', 'locationIds'], LIMITS.locationsPerClaim);
  const [parties, locations] = await Promise.all([
    claimantId ? loadParties(data, [claimantId]) : Promise.resolve([]),
    loadLocations(data, locationIds),
  ]);
  if (claimantId && !parties[0]) throw new NotFoundError(`no party with ID ${claimantId}`, ['input', 'claimantId']);
  const missing = locationIds.findIndex((_, i) => !locations[i]);
  if (missing >= 0) throw new NotFoundError(`no location with ID ${locationIds[missing]}`, ['input', 'locationIds', String(missing)]);
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
      update: articleKey(article.id),
      set: 'SET claimIds = :claims, partyIds = :parties, locationIds = :locations, version = version + :one',
      condition: 'version = :v',
      values: {
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

/** Runs `attempt` again while the article changed under it (a concurrent claim write). */
async function withArticleRetry<T>(attempt: () => Promise<T>, isArticleConflict: (error: ConditionFailedError) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConditionFailedError) || !isArticleConflict(error) || i >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (i + 1)));
    }
  }
}

export async function createClaim(data: DataContext, input: ClaimInput): Promise<Claim> {
  const claimantId = input.claimantId ?? null;
  const locationIds = [...new Set(input.locationIds ?? [])];
  await checkReferences(data, claimantId, locationIds);
  const eventDate = checkDate(input.eventDate, ['input', 'eventDate']);
  const quantities = checkQuantities(input.quantities ?? [], ['input', 'quantities']);
  const now = new Date().toISOString();
  const id = randomId();

  const claim = await withArticleRetry(
    async () => {
      data.items.clearAll();
      const [article] = await loadArticles(data, [input.articleId]);
      if (!article) throw new NotFoundError(`no article with ID ${input.articleId}`, ['input', 'articleId']);
      const content = spanOf(article.text, input.content, ['input', 'content']);
      const claim: Claim = {
        id,
        articleId: article.id,
        claimantId,
        claimantMention: input.claimantMention ? spanOf(article.text, input.claimantMention, ['input', 'claimantMention']) : null,
        cue: input.cue ? spanOf(article.text, input.cue, ['input', 'cue']) : null,
        content,
        evidence: input.evidence ? spanOf(article.text, input.evidence, ['input', 'evidence']) : content,
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
      };
      const siblings = await loadExisting(loadClaims, data, article.claimIds);
      const ordered = [...siblings, claim].sort((a, b) => a.evidence.start - b.evidence.start || a.content.start - b.content.start);
      await registerMonths(data.db, claimTimeIndexes(claim.kind).map((index) => ({ index, month: monthOf(claim.day) })));
      await data.db.transact([
        ...claimWithLinks(claim).map((item, i) => ({ put: item, ...(i === 0 ? { condition: 'attribute_not_exists(pk)' } : {}) })),
        ...articleWrites(article, ordered.map((c) => c.id), claimantId ? [claimantId] : [], locationIds),
      ]);
      return claim;
    },
    () => true,
  );
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
  new ConflictError(`claim ${claim.id} is at version ${claim.version}, not ${expected}: reload it and apply your change again`, ['input', 'expectedVersion']);

/**
 * Applies `changes` if the claim is still at `expectedVersion`; a stale version is a
 * CONFLICT. Fields left out (undefined) keep their value; an explicit null clears the
 * nullable ones (claimant, event date).
 */
export async function updateClaim(data: DataContext, id: string, expectedVersion: number, changes: ClaimChanges): Promise<Claim> {
  const [claim] = await loadClaims(data, [id]);
  if (!claim) throw new NotFoundError(`no claim with ID ${id}`, ['input', 'id']);
  if (claim.version !== expectedVersion) throw conflict(claim, expectedVersion);
  const claimantId = changes.claimantId === undefined ? claim.claimantId : changes.claimantId;
  const locationIds = changes.locationIds == null ? claim.locationIds : [...new Set(changes.locationIds)];
  await checkReferences(data, claimantId !== claim.claimantId ? claimantId : null, locationIds.filter((l) => !claim.locationIds.includes(l)));
  const eventDate = changes.eventDate === undefined ? claim.eventDate : checkDate(changes.eventDate, ['input', 'eventDate']);

  return withArticleRetry(
    async () => {
      data.items.clearAll();
      const [article] = await loadArticles(data, [claim.articleId]);
      if (!article) throw new NotFoundError(`the article of claim ${id} no longer exists`, ['input', 'id']);
      const updated: Claim = {
        ...claim,
        claimantId,
        kind: changes.kind ?? claim.kind,
        mode: changes.mode ?? claim.mode,
        status: changes.status ?? claim.status,
        locationIds,
        eventDate,
        quantities: changes.quantities == null ? claim.quantities : checkQuantities(changes.quantities, ['input', 'quantities']),
        day: eventDate ?? articleSortDate(article).slice(0, 10),
        version: claim.version + 1,
        updatedAt: new Date().toISOString(),
      };
      const before = claimWithLinks(claim).slice(1).map(keyOfItem);
      const after = claimWithLinks(updated);
      const keep = new Set(after.map((item) => `${item.pk}|${item.sk}`));
      const touchesArticle =
        (claimantId !== null && !article.partyIds.includes(claimantId)) || locationIds.some((l) => !article.locationIds.includes(l));
      await registerMonths(data.db, claimTimeIndexes(updated.kind).map((index) => ({ index, month: monthOf(updated.day) })));
      try {
        await data.db.transact([
          { put: after[0]!, condition: 'version = :v', values: { ':v': expectedVersion } },
          ...after.slice(1).map((item) => ({ put: item })),
          ...before.filter((key) => !keep.has(`${key.pk}|${key.sk}`)).map((key) => ({ delete: key })),
          ...(touchesArticle ? articleWrites(article, article.claimIds, claimantId ? [claimantId] : [], locationIds) : []),
        ]);
      } catch (error) {
        if (error instanceof ConditionFailedError && error.reasons[0] === 'ConditionalCheckFailed') {
          data.items.clearAll();
          const [current] = await loadClaims(data, [id]);
          throw conflict(current ?? claim, expectedVersion);
        }
        throw error;
      }
      data.items.clearAll();
      return updated;
    },
    (error) => error.reasons[0] !== 'ConditionalCheckFailed',
  );
}
