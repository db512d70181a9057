/**
 * Ingestion: raw text in, a stored Article with its Parties, Locations and Claims out.
 * Idempotent: the same URL (or, with no URL, the same cleaned text) is one Article; a
 * newer extractor version replaces an article's claims, old set out and new set in.
 */
import { deleteArticle, findArticleIdByText, mentionItems } from './article.js';
import { loadExisting, loadClaims, type DataContext } from './data.js';
import { ConditionFailedError, MAX_TRANSACTION_ACTIONS, withoutKeys, type WriteAction } from './dynamo.js';
import type { ArticleMeta, Extraction } from './extract/types.js';
import { articleIdFor, extractedClaimIdFor, locationIdFor, partyIdFor, sha256 } from './ids.js';
import { articleItem, claimWithLinks, keyOfItem, locationItem, mentionItem, partyItem } from './items.js';
import { articleKey, claimTimeIndexes, monthOf } from './keys.js';
import { ensureManyNamed, idsByName } from './named.js';
import { articleSortDate, type Article, type Claim, type Location, type Party } from './records.js';
import { checkDateTime, checkOptionalString, checkTextSize, checkUrl } from './validate.js';
import { commitGroups, registerMonths } from './writes.js';

export type Extractor = (raw: string, meta: ArticleMeta) => Extraction;

export interface IngestInput {
  text: string;
  url?: string | null;
  title?: string | null;
  publisher?: string | null;
  publishedAt?: string | null;
}

export interface IngestResult {
  article: Article;
  created: boolean;
  /** True when an existing article's claims were replaced by a newer extractor's. */
  reextracted: boolean;
}

export function checkIngestInput(input: IngestInput) {
  return {
    text: checkTextSize(input.text, ['input', 'text']),
    url: checkUrl(input.url, ['input', 'url']),
    title: checkOptionalString(input.title, ['input', 'title'], 1000),
    publisher: checkOptionalString(input.publisher, ['input', 'publisher']),
    publishedAt: checkDateTime(input.publishedAt, ['input', 'publishedAt']),
  };
}

/**
 * Extraction (with compromise's lexicon and the gazetteer) loads on the first ingest, not
 * when the module loads: a Lambda that only answers queries never pays for it.
 */
const loadExtractor = async (): Promise<Extractor> => (await import('./extract/index.js')).extract;

export async function ingestArticle(data: DataContext, input: IngestInput, extractor?: Extractor): Promise<IngestResult> {
  const checked = checkIngestInput(input);
  const extract = extractor ?? (await loadExtractor());
  const extraction = extract(checked.text, { publishedAt: checked.publishedAt, title: checked.title, publisher: checked.publisher });
  const textHash = sha256(extraction.cleanText);
  const id = articleIdFor({ url: checked.url, text: extraction.cleanText });

  const existingId = checked.url ? id : ((await findArticleIdByText(data.db, textHash)) ?? id);
  // A strongly consistent read: a concurrent ingest may have written it a moment ago.
  const stored = await data.db.get(articleKey(existingId), true);
  let existing = stored ? withoutKeys<Article>(stored) : undefined;
  if (existing && !existing.incomplete) return reextractIfOlder(data, existing, extraction);
  if (existing && existing.extractorVersion !== extraction.extractorVersion) {
    // A write by another extractor stopped midway: clear it away and start over.
    await deleteArticle(data, existing.id);
    existing = undefined;
  }

  const article: Article = {
    id: existing?.id ?? id,
    url: checked.url,
    title: checked.title,
    publisher: checked.publisher,
    publishedAt: checked.publishedAt,
    // A resumed write keeps the first attempt's ingest time: claims' days derive from it.
    ingestedAt: existing?.ingestedAt ?? new Date().toISOString(),
    text: extraction.cleanText,
    textHash,
    claimIds: [],
    partyIds: [],
    locationIds: [],
    extractorVersion: extraction.extractorVersion,
    version: 1,
  };
  const { parties, locations } = await storeNamedEntities(data, extraction, article.id);
  const claims = claimsOf(extraction, article, parties, locations, article.ingestedAt);
  article.claimIds = claims.map((claim) => claim.id);
  article.partyIds = [...new Set(parties.values())].map((party) => party.id);
  article.locationIds = [...new Set(locations.values())].map((location) => location.id);

  await registerMonths(data.db, [
    { index: 'ARTICLES', month: monthOf(articleSortDate(article)) },
    ...claims.flatMap((claim) => claimTimeIndexes(claim.kind).map((index) => ({ index, month: monthOf(claim.day) }))),
  ]);
  if (existing) {
    // Another ingest of this article started and has not finished (or died): finish it.
    await finishArticle(data, article, claims);
    data.items.clearAll();
    return { article, created: false, reextracted: false };
  }
  try {
    await writeNewArticle(data, article, claims);
  } catch (error) {
    if (!(error instanceof ConditionFailedError) || error.reasons[0] !== 'ConditionalCheckFailed') throw error;
    // A concurrent ingest of the same article won the race: take its result, helping it
    // finish if it is still writing.
    data.items.clearAll();
    return ingestArticle(data, input, extract);
  }
  data.items.clearAll();
  return { article, created: true, reextracted: false };
}

/**
 * Writes a new article and everything it owns: one transaction when it fits; else the
 * article first, unlisted and marked incomplete (claiming its ID), then `finishArticle`.
 */
async function writeNewArticle(data: DataContext, article: Article, claims: Claim[]): Promise<void> {
  const actions = claims.reduce((sum, claim) => sum + claimWithLinks(claim).length, 1 + mentionItems(article).length);
  if (actions <= MAX_TRANSACTION_ACTIONS) {
    await data.db.transact([
      { put: articleItem(article), condition: 'attribute_not_exists(pk)' },
      ...claims.flatMap((claim) => claimWithLinks(claim).map((item): WriteAction => ({ put: item }))),
      ...mentionItems(article).map((item): WriteAction => ({ put: item })),
    ]);
    return;
  }
  await data.db.transact([
    { put: articleItem({ ...article, claimIds: [], partyIds: [], locationIds: [], incomplete: true }), condition: 'attribute_not_exists(pk)' },
  ]);
  await finishArticle(data, article, claims);
}

/**
 * Writes an incomplete article's claims and links in steps. Each step writes some items
 * and, in the same transaction, the article's lists up to them: at every point the article
 * lists exactly what exists (so deleteArticle can remove it), every step can be repeated,
 * and a retry or a concurrent ingest of the same article completes it. The last step makes
 * the article whole and lists it among the articles.
 */
async function finishArticle(data: DataContext, article: Article, claims: Claim[]): Promise<void> {
  const key = articleKey(article.id);
  const step = async (writes: WriteAction[], set: string, values: Record<string, unknown>) =>
    data.db.transact([...writes, { update: key, set, values, condition: 'attribute_exists(pk)' }]);

  let batch: WriteAction[] = [];
  const claimIds: string[] = [];
  for (const claim of claims) {
    const writes = claimWithLinks(claim).map((item): WriteAction => ({ put: item }));
    if (batch.length + writes.length >= MAX_TRANSACTION_ACTIONS) {
      await step(batch, 'SET claimIds = :ids', { ':ids': [...claimIds] });
      batch = [];
    }
    batch.push(...writes);
    claimIds.push(claim.id);
  }
  if (batch.length > 0) await step(batch, 'SET claimIds = :ids', { ':ids': claimIds });

  const mentions = [
    ...article.partyIds.map((id) => ({ list: 'partyIds' as const, id, item: mentionItem('PARTY', id, article) })),
    ...article.locationIds.map((id) => ({ list: 'locationIds' as const, id, item: mentionItem('LOCATION', id, article) })),
  ];
  const listed = { partyIds: [] as string[], locationIds: [] as string[] };
  for (let i = 0; i < mentions.length; i += MAX_TRANSACTION_ACTIONS - 1) {
    const chunk = mentions.slice(i, i + MAX_TRANSACTION_ACTIONS - 1);
    for (const mention of chunk) listed[mention.list].push(mention.id);
    await step(
      chunk.map(({ item }): WriteAction => ({ put: item })),
      'SET partyIds = :parties, locationIds = :locations',
      { ':parties': listed.partyIds, ':locations': listed.locationIds },
    );
  }
  await data.db.transact([{ put: articleItem(article), condition: 'attribute_exists(pk)' }]);
}

/**
 * Replaces the claims of an article extracted by an older extractor: new claims are
 * written beside the old, the article switches to them in one conditional update, then
 * the old ones go. Readers of the article see one set or the other, never a mix.
 */
async function reextractIfOlder(data: DataContext, article: Article, extraction: Extraction): Promise<IngestResult> {
  // Only a newer extractor replaces claims: an old deployment must not undo a newer one.
  if (article.extractorVersion === null || compareVersions(extraction.extractorVersion, article.extractorVersion) <= 0) {
    return { article, created: false, reextracted: false };
  }
  if (extraction.cleanText !== article.text) return { article, created: false, reextracted: false };
  const { parties, locations } = await storeNamedEntities(data, extraction, article.id);
  const claims = claimsOf(extraction, article, parties, locations, new Date().toISOString());
  const old = await loadExisting(loadClaims, data, article.claimIds);
  const partyIds = [...new Set([...article.partyIds, ...[...parties.values()].map((p) => p.id)])];
  const locationIds = [...new Set([...article.locationIds, ...[...locations.values()].map((l) => l.id)])];
  const updated: Article = { ...article, claimIds: claims.map((c) => c.id), partyIds, locationIds, extractorVersion: extraction.extractorVersion, version: article.version + 1 };
  await registerMonths(data.db, claims.flatMap((claim) => claimTimeIndexes(claim.kind).map((index) => ({ index, month: monthOf(claim.day) }))));
  await commitGroups(data.db, [
    ...claims.map((claim) => claimWithLinks(claim).map((item): WriteAction => ({ put: item }))),
    ...mentionItems(updated).map((item): WriteAction[] => [{ put: item }]),
  ]);
  await data.db.transact([{ put: articleItem(updated), condition: 'version = :v', values: { ':v': article.version } }]);
  await commitGroups(data.db, old.map((claim) => claimWithLinks(claim).map((item): WriteAction => ({ delete: keyOfItem(item) }))));
  data.items.clearAll();
  return { article: updated, created: false, reextracted: true };
}

/** Compares dotted version numbers ("0.10.0" > "0.9.2"). */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** Finds or creates the parties and places of an extraction, by their local keys. */
async function storeNamedEntities(data: DataContext, extraction: Extraction, articleId: string) {
  const parties = new Map<string, Party>();
  const locations = new Map<string, Location>();
  // A party known under this name (perhaps merged into another) keeps its ID.
  const knownIds = await Promise.all(extraction.parties.map((party) => idsByName(data.db, 'PARTY', party.name)));
  extraction.parties.forEach((extracted, i) => {
    parties.set(extracted.key, {
      id: knownIds[i]![0] ?? partyIdFor(extracted.name),
      name: extracted.name,
      aliases: extracted.aliases,
      kind: extracted.kind,
      affiliation: extracted.affiliation,
      version: 1,
    });
  });
  for (const extracted of extraction.locations) {
    locations.set(extracted.key, {
      // An unresolved name may mean different places in different articles: scope it.
      id: locationIdFor({ ...extracted, scope: extracted.precision === 'UNRESOLVED' ? articleId : undefined }),
      name: extracted.name,
      aliases: extracted.aliases,
      latitude: extracted.latitude,
      longitude: extracted.longitude,
      countryCode: extracted.countryCode,
      precision: extracted.precision,
      geonamesId: extracted.geonamesId,
      candidates: extracted.candidates,
      version: 1,
    });
  }
  const unique = <T extends { id: string }>(values: Iterable<T>) => [...new Map([...values].map((value) => [value.id, value])).values()];
  await ensureManyNamed(data.db, [
    ...unique(parties.values()).map((entity) => ({ type: 'PARTY' as const, entity, toItem: partyItem })),
    ...unique(locations.values()).map((entity) => ({ type: 'LOCATION' as const, entity, toItem: locationItem })),
  ]);
  return { parties, locations };
}

function claimsOf(extraction: Extraction, article: Article, parties: Map<string, Party>, locations: Map<string, Location>, now: string): Claim[] {
  const ids = extraction.claims.map((_, i) => extractedClaimIdFor(article.id, extraction.extractorVersion, i));
  return extraction.claims.map((extracted, i) => ({
    id: ids[i]!,
    articleId: article.id,
    claimantId: extracted.claimantKey ? (parties.get(extracted.claimantKey)?.id ?? null) : null,
    claimantMention: extracted.claimantMention,
    cue: extracted.cue,
    content: extracted.content,
    evidence: extracted.evidence,
    mode: extracted.mode,
    kind: extracted.kind,
    locationIds: [...new Set(extracted.locationKeys.flatMap((key) => locations.get(key)?.id ?? []))],
    eventDate: extracted.eventDate,
    quantities: extracted.quantities,
    status: 'UNREVIEWED',
    restatesId: extracted.restates !== null ? (ids[extracted.restates] ?? null) : null,
    extractorVersion: extraction.extractorVersion,
    day: extracted.eventDate ?? articleSortDate(article).slice(0, 10),
    version: 1,
    createdAt: now,
    updatedAt: now,
  }));
}

