/**
 * Ingestion: raw text in, a stored Article with its Parties, Locations and Claims out.
 *
 * Idempotent: the same URL (normalised) is one Article, and the same cleaned text under
 * another URL is that article too (the URL is linked to it). A newer extractor version
 * replaces an article's extracted claims and keeps what people made or changed.
 *
 * The write path, in sequential round trips:
 *  1. one batched read of everything the article could already be (its URL, its text,
 *     its ID) and of the entities it names;
 *  2. parallel unconditional writes of items with deterministic keys (claims, links, the
 *     text), which no reader sees yet, beside conditional puts of new parties and places;
 *  3. one transaction that puts the article with its lists: from this moment readers see
 *     the article and its claims, all at once;
 *  4. one batched read of its parties: if one was merged away meanwhile, the article is
 *     moved to the party it was merged into.
 * A failure at any step leaves nothing visible, and a retry converges on the same items.
 */
import { deleteArticleSteps, deleteClaims, mentionItems } from './article.js';
import { loadClaimRecords, loadExisting, readArticleClaims, type DataContext } from './store/loaders.js';
import { ConditionFailedError, keyString, withoutKeys, type BatchAction, type WriteAction } from './store/client.js';
import { ConflictError, ValidationError } from './errors.js';
import { EXTRACTION_LIMITS, type ArticleMeta, type Extraction } from './extract/types.js';
import { articleIdFor, extractedClaimIdFor, normalizeUrl, partyIdFor, sha256, urlHashOf } from './ids.js';
import {
  articleItem,
  articleTextHashItem,
  articleTextItem,
  articleUrlItem,
  claimWithLinks,
  keyOfItem,
  placePointsOf,
  type PlacedClaim,
} from './store/items.js';
import { articleKey, patterns } from './store/patterns.js';
import { planNamed, writeNamed, type NamedPlan } from './named.js';
import { settleArticleParties } from './party.js';
import { recentKeys, recentWrites, refChanges, trimRecentClaims } from './store/recent-claims.js';
import { articleSortDate, type Article, type Claim } from './records.js';
import { checkDateTime, checkOptionalString, checkTextSize, checkUrl, LIMITS } from './validate.js';
import { articleChanges, ChangeRecorder, deleted, roomBeside, timestamp } from './changes.js';
import { checkCounterBounds, counterActions } from './store/counters.js';

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
 * Refuses, before anything is written, an article that names more than one article may
 * hold: its lists live on one item (DynamoDB's 400 KB), and one article of repeated
 * sentences must not flood the global lists of parties and places.
 */
export function checkExtractionBounds(extraction: Extraction): void {
  const over = (count: number, max: number, what: string) => {
    if (count > max) {
      throw new ValidationError(`the article has ${count} ${what}; one article may have at most ${max}`, [
        'input',
        'text',
      ]);
    }
  };
  over(extraction.claims.length, LIMITS.claimsPerArticle, 'claims');
  over(new Set(extraction.parties.map((party) => partyIdFor(party.name))).size, LIMITS.partiesPerArticle, 'parties');
  over(extraction.locations.length, LIMITS.locationsPerArticle, 'places');
  // Extraction cut its output at a bound: storing the cut would silently lose the rest.
  if (extraction.truncated?.length) {
    throw new ValidationError(
      `the article has more ${extraction.truncated.join(', ')} than one article may have (${extraction.truncated.map((name) => `${name} ${EXTRACTION_LIMITS[name]}`).join(', ')})`,
      ['input', 'text'],
    );
  }
}

/**
 * Extraction (with compromise's lexicon and the gazetteer) loads on the first ingest, not
 * when the module loads: a Lambda that only answers queries never pays for it.
 */
const loadExtractor = async (): Promise<Extractor> => (await import('./extract/index.js')).extract;

/** How many URLs one article records; more are acknowledged but not linked. */
const MAX_URLS_PER_ARTICLE = 20;

export async function ingestArticle(
  data: DataContext,
  input: IngestInput,
  extractor?: Extractor,
): Promise<IngestResult> {
  const checked = checkIngestInput(input);
  const extract = extractor ?? (await loadExtractor());
  const extraction = extract(checked.text, {
    publishedAt: checked.publishedAt,
    title: checked.title,
    publisher: checked.publisher,
  });
  checkExtractionBounds(extraction);
  const source: Source = {
    url: checked.url ? normalizeUrl(checked.url) : null,
    urlHash: checked.url ? urlHashOf(checked.url) : null,
    textHash: sha256(extraction.cleanText),
    id: articleIdFor({ url: checked.url, text: extraction.cleanText }),
    title: checked.title,
    publisher: checked.publisher,
    publishedAt: checked.publishedAt,
  };
  // A lost race (another ingest of the same story committed first) starts over once more
  // with what that one stored; a third loss means something keeps changing it.
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await ingestOnce(data, source, extraction);
    data.items.clearAll();
    if (result) return result;
  }
  throw new ConflictError('the article kept changing while it was being stored; send it again', ['input']);
}

interface Source {
  url: string | null;
  urlHash: string | null;
  textHash: string;
  /** The ID a new article gets. */
  id: string;
  title: string | null;
  publisher: string | null;
  publishedAt: string | null;
}

/** One attempt; undefined when a concurrent writer got there first and it must start over. */
async function ingestOnce(
  data: DataContext,
  source: Source,
  extraction: Extraction,
): Promise<IngestResult | undefined> {
  // 1. One batched read: the article under any of its identities, and the named entities.
  const articleKeys = [
    articleKey(source.id),
    patterns.articleByText.key(source.textHash),
    ...(source.urlHash ? [patterns.articleByUrl.key(source.urlHash)] : []),
  ];
  // The lists of newest claims of the parties it names, read in the same batch: one that is
  // due for a trim is trimmed beside the writes of step 2, in no round trip of its own.
  const named = extraction.parties.map((party) => partyIdFor(party.name));
  const plan = await planNamed(data, extraction, [...articleKeys, ...recentKeys(named)]);
  const trim = (adding: Claim[]) => {
    const counts = new Map<string, number>();
    for (const claim of adding)
      if (claim.claimantId) counts.set(claim.claimantId, (counts.get(claim.claimantId) ?? 0) + 1);
    return trimRecentClaims(data.db, named, plan.stored, counts);
  };
  const found = (key: { pk: string; sk: string }) => plan.stored.get(keyString(key));
  const existingId =
    (source.urlHash ? found(patterns.articleByUrl.key(source.urlHash))?.articleId : undefined) ??
    (found(articleKey(source.id)) ? source.id : undefined) ??
    found(patterns.articleByText.key(source.textHash))?.articleId;

  if (existingId !== undefined) {
    const stored =
      existingId === source.id ? found(articleKey(source.id)) : await data.db.get(articleKey(String(existingId)), true);
    if (!stored) return undefined; // deleted in between: start over as a new article
    const existing = withoutKeys<Article>(stored);
    if (existing.deleting) {
      // A deletion stopped midway: finish it, then store the article anew.
      await deleteArticleSteps(data, existing);
      return undefined;
    }
    if (existing.replacedClaimIds?.length) await finishReplacement(data, existing);
    const linked = await linkUrl(data, existing, source);
    if (!linked) return undefined;
    if (isNewer(extraction.extractorVersion, linked.extractorVersion) && linked.textHash === source.textHash) {
      return reextract(data, linked, extraction, plan, trim);
    }
    return { article: linked, created: false, reextracted: false };
  }

  // 2. Everything the article owns, written where no reader looks until step 3.
  const ingestedAt = timestamp();
  const draft: Article = {
    id: source.id,
    url: source.url,
    urls: source.url ? [source.url] : [],
    title: source.title,
    publisher: source.publisher,
    publishedAt: source.publishedAt,
    ingestedAt,
    textHash: source.textHash,
    textLength: extraction.cleanText.length,
    claimIds: [],
    partyIds: [],
    locationIds: [],
    extractorVersion: extraction.extractorVersion,
    version: 1,
    createdAt: ingestedAt, // sync
    updatedAt: ingestedAt, // sync
  };
  const claims = claimsOf(extraction, draft, plan, ingestedAt);
  checkCounterBounds(claims, ['input', 'text']);
  const article: Article = { ...draft, ...listsOf(claims, plan) };
  const owned: BatchAction[] = [
    { put: articleTextItem(article.id, extraction.cleanText) },
    ...claims.flatMap((claim) => claimWithLinks(claim).map((item) => ({ put: item }))),
    ...mentionItems(article).map((item) => ({ put: item })),
  ];
  const changes = new ChangeRecorder(data.db, article.id); // sync: its shard's head is read beside the writes
  await writeNamed(data.db, plan, [data.db.batchWrite(owned), trim(claims)]);

  // 3. The article and the items that lead to it, at once: now it is visible, and its
  // claimants' lists of newest claims gain its claims in the same transaction.
  const commit: WriteAction[] = [
    { put: articleItem(article), condition: 'attribute_not_exists(pk)' },
    { put: articleTextHashItem(article.textHash, article.id), condition: 'attribute_not_exists(pk)' },
    ...(source.urlHash
      ? [{ put: articleUrlItem(source.urlHash, article.id), condition: 'attribute_not_exists(pk)' }]
      : []),
  ];
  try {
    // Counts: its claims become visible here, so they are counted here.
    commit.push(...counterActions({ before: [], after: claims, countries: countriesOf(plan), articles: 1 }));
    // sync: every party and place it names, found or made (made ones were written in step 2).
    const announced = articleChanges(article);
    const room = roomBeside(commit.length, announced);
    await changes.commit([...commit, ...(await recentWrites(data.db, refChanges([], claims), room))], announced);
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    // Another ingest stored this story (or this text) first. Take away what only this
    // attempt wrote; what the other wrote under the same keys stays.
    await discardUnlisted(data, article.id, owned);
    return undefined;
  }

  // 4. A party merged away while this article was written: move the article to the kept one
  // (and, in the same read, see whether a claimant's list of newest claims needs a trim).
  await settleArticleParties(data, article, claimantsOf(claims));
  return { article, created: true, reextracted: false };
}

/** Adds the source's URL to an article found by its text, or by another spelling of the URL. */
async function linkUrl(data: DataContext, article: Article, source: Source): Promise<Article | undefined> {
  if (
    !source.url ||
    !source.urlHash ||
    article.urls.includes(source.url) ||
    article.urls.length >= MAX_URLS_PER_ARTICLE
  )
    return article;
  const linked: Article = {
    ...article,
    urls: [...article.urls, source.url],
    version: article.version + 1,
    updatedAt: timestamp(), // sync
  };
  try {
    await new ChangeRecorder(data.db, article.id).commit(
      [
        {
          put: articleItem(linked),
          condition: 'version = :v AND attribute_not_exists(deleting)',
          values: { ':v': article.version },
        },
        { put: articleUrlItem(source.urlHash, article.id), condition: 'attribute_not_exists(pk)' },
      ],
      [{ type: 'ARTICLE', id: article.id, deleted: false }], // sync
    );
  } catch (error) {
    if (error instanceof ConditionFailedError) return undefined;
    throw error;
  }
  return linked;
}

/** After a lost race: deletes the items this attempt wrote that the stored article does not list. */
async function discardUnlisted(data: DataContext, articleId: string, written: BatchAction[]): Promise<void> {
  const winner = await data.db.get(articleKey(articleId), true);
  const listed = new Set<string>();
  if (winner) {
    const article = withoutKeys<Article>(winner);
    const claims = await loadExisting(loadClaimRecords, data, article.claimIds);
    for (const item of [articleTextItem(article.id, ''), ...claims.flatMap(claimWithLinks), ...mentionItems(article)])
      listed.add(keyString(keyOfItem(item)));
  }
  await data.db.batchWrite(
    written.flatMap((action) =>
      'put' in action && !listed.has(keyString(keyOfItem(action.put))) ? [{ delete: keyOfItem(action.put) }] : [],
    ),
  );
}

/**
 * Deletes the claims a re-extraction replaced, then clears the article's note of them. A
 * run stopped midway leaves the note, and the next ingest of the article (or its deletion)
 * finishes the job.
 */
async function finishReplacement(data: DataContext, article: Article): Promise<void> {
  await deleteClaims(data, article.id, article.replacedClaimIds ?? []);
  try {
    await data.db.update({
      key: articleKey(article.id),
      set: 'REMOVE replacedClaimIds',
      condition: 'version = :v',
      values: { ':v': article.version },
    });
  } catch (error) {
    // Changed meanwhile: the note stays for the next ingest, which deletes nothing twice.
    if (!(error instanceof ConditionFailedError)) throw error;
  }
}

/** The parties that claim something in `claims`, each once. */
const claimantsOf = (claims: Claim[]): string[] => [
  ...new Set(claims.flatMap((claim) => (claim.claimantId ? [claim.claimantId] : []))),
];

/** True when extractor version `a` is newer than `b` (a hand-made article has none). */
const isNewer = (a: string, b: string | null): boolean => b !== null && compareVersions(a, b) > 0;

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

/** The article's lists of parties and places: those of the extraction, each once. */
function listsOf(claims: Claim[], plan: NamedPlan, kept: Claim[] = []) {
  const partyIds = new Set([...plan.parties.values()].map((party) => party.id));
  const locationIds = new Set([...plan.locations.values()].map((location) => location.id));
  for (const claim of [...claims, ...kept]) {
    if (claim.claimantId) partyIds.add(claim.claimantId);
    for (const id of claim.locationIds) locationIds.add(id);
  }
  return { claimIds: claims.map((claim) => claim.id), partyIds: [...partyIds], locationIds: [...locationIds] };
}

function claimsOf(extraction: Extraction, article: Article, plan: NamedPlan, now: string): Claim[] {
  const ids = extraction.claims.map((_, i) => extractedClaimIdFor(article.id, extraction.extractorVersion, i));
  return extraction.claims.map((extracted, i) =>
    withPlacePoints(plan, {
      id: ids[i]!,
      articleId: article.id,
      claimantId: extracted.claimantKey ? (plan.parties.get(extracted.claimantKey)?.id ?? null) : null,
      claimantMention: extracted.claimantMention,
      cue: extracted.cue,
      content: extracted.content,
      evidence: extracted.evidence,
      mode: extracted.mode,
      kind: extracted.kind,
      locationIds: [...new Set(extracted.locationKeys.flatMap((key) => plan.locations.get(key)?.id ?? []))],
      eventDate: extracted.eventDate,
      quantities: extracted.quantities,
      status: 'UNREVIEWED',
      restatesId: extracted.restates !== null ? (ids[extracted.restates] ?? null) : null,
      extractorVersion: extraction.extractorVersion,
      day: extracted.eventDate ?? articleSortDate(article).slice(0, 10),
      version: 1,
      createdAt: now,
      updatedAt: now,
    }),
  );
}

/** Maps: a claim with the points of its places, so its place links carry the claim map index. */
function withPlacePoints(plan: NamedPlan, claim: PlacedClaim): PlacedClaim {
  const byId = new Map([...plan.locations.values()].map((location) => [location.id, location]));
  return { ...claim, placePoints: placePointsOf(claim.locationIds, (id) => byId.get(id), claim.placePoints) };
}

/** The country of each place the extraction named, for its counts. */
const countriesOf = (plan: NamedPlan) =>
  new Map([...plan.locations.values()].map((location) => [location.id, location.countryCode] as const));

/** Two spans cover mostly the same text. */
const sameSpan = (a: { start: number; end: number }, b: { start: number; end: number }) => {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return overlap > 0 && overlap * 2 > Math.max(a.end - a.start, b.end - b.start);
};

/**
 * Replaces the extracted claims of an article by a newer extractor's. Kept: claims made by
 * hand, and claims a person changed (each changed field keeps the person's value; one the
 * new extractor finds again, by its content span, keeps its ID, status and version count
 * and takes the new extraction's other fields). Replaced: every other extracted claim.
 *
 * New claims are written unseen, then one transaction switches the article's lists to the
 * new set (with the person-changed claims that it updates in place), then the old claims
 * go. The switch is conditional on the article's version, which every claim write bumps:
 * an edit made meanwhile sends the whole replacement back to start over.
 */
async function reextract(
  data: DataContext,
  article: Article,
  extraction: Extraction,
  plan: NamedPlan,
  trim: (adding: Claim[]) => Promise<void>,
): Promise<IngestResult | undefined> {
  const now = timestamp();
  // Read consistently: the counts and the lists of newest claims change by the difference from these.
  const old = await readArticleClaims(data.db, article.id, article.claimIds);
  let fresh = claimsOf(extraction, article, plan, now);
  const kept: Claim[] = [];
  const updatedInPlace: Claim[] = [];
  for (const claim of old) {
    if (claim.extractorVersion === null) {
      kept.push(claim);
      continue;
    }
    const edited = claim.editedFields ?? [];
    if (edited.length === 0) continue;
    const match =
      fresh.find(
        (candidate) => candidate.content.start === claim.content.start && candidate.content.end === claim.content.end,
      ) ?? fresh.find((candidate) => sameSpan(candidate.content, claim.content));
    if (!match) {
      kept.push(claim);
      continue;
    }
    fresh = fresh
      .filter((candidate) => candidate !== match)
      .map((candidate) => (candidate.restatesId === match.id ? { ...candidate, restatesId: claim.id } : candidate));
    const merged: Claim = {
      ...match,
      id: claim.id,
      createdAt: claim.createdAt,
      version: claim.version + 1,
      editedFields: edited,
    };
    for (const field of edited)
      (merged as unknown as Record<string, unknown>)[field] = (claim as unknown as Record<string, unknown>)[field];
    merged.day = merged.eventDate ?? articleSortDate(article).slice(0, 10);
    // Maps: a person's places keep the points they had; the new extraction's bring theirs.
    updatedInPlace.push(withPlacePoints(plan, { ...merged, placePoints: { ...(claim as PlacedClaim).placePoints } }));
  }
  const all = [...fresh, ...updatedInPlace, ...kept].sort(
    (a, b) => a.evidence.start - b.evidence.start || a.content.start - b.content.start,
  );
  checkCounterBounds(all, ['input', 'text']);
  const lists = listsOf(all, plan);
  const updated: Article = {
    ...article,
    ...lists,
    partyIds: [...new Set([...article.partyIds.filter((id) => lists.partyIds.includes(id)), ...lists.partyIds])],
    locationIds: [
      ...new Set([...article.locationIds.filter((id) => lists.locationIds.includes(id)), ...lists.locationIds]),
    ],
    extractorVersion: extraction.extractorVersion,
    version: article.version + 1,
    updatedAt: now, // sync
    replacedClaimIds: [
      ...new Set([
        ...(article.replacedClaimIds ?? []),
        ...old.map((claim) => claim.id).filter((id) => !lists.claimIds.includes(id)),
      ]),
    ],
  };
  const owned: BatchAction[] = [
    ...fresh.flatMap((claim) => claimWithLinks(claim).map((item) => ({ put: item }))),
    ...mentionItems(updated).map((item) => ({ put: item })),
  ];
  const changes = new ChangeRecorder(data.db, article.id); // sync: its shard's head is read beside the writes
  await writeNamed(data.db, plan, [data.db.batchWrite(owned), trim(fresh)]);

  const inPlace = updatedInPlace.flatMap((claim): WriteAction[] => {
    const before = old.find((candidate) => candidate.id === claim.id)!;
    const after = claimWithLinks(claim);
    const keep = new Set(after.map((item) => keyString(keyOfItem(item))));
    return [
      { put: after[0]!, condition: 'version = :v', values: { ':v': before.version } },
      ...after.slice(1).map((item) => ({ put: item })),
      ...claimWithLinks(before)
        .slice(1)
        .filter((item) => !keep.has(keyString(keyOfItem(item))))
        .map((item) => ({ delete: keyOfItem(item) })),
    ];
  });
  const switchOver: WriteAction[] = [
    {
      put: articleItem(updated),
      condition: 'version = :v AND attribute_not_exists(deleting)',
      values: { ':v': article.version },
    },
    ...inPlace,
  ];
  try {
    // Counts: readers see `old` before this transaction and `all` after it.
    switchOver.push(...counterActions({ before: old, after: all, countries: countriesOf(plan) }));
    // sync: the switch shows the new set and hides the replaced claims, at once.
    const announced = [
      ...articleChanges(updated),
      ...deleted(
        'CLAIM',
        article.claimIds.filter((id) => !updated.claimIds.includes(id)),
      ),
    ];
    const room = roomBeside(switchOver.length, announced);
    await changes.commit([...switchOver, ...(await recentWrites(data.db, refChanges(old, all), room))], announced);
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    await discardUnlisted(data, article.id, owned);
    return undefined;
  }

  // The old set is no longer listed, so no reader sees it: now it can go.
  const listedMentions = new Set(mentionItems(updated).map((item) => keyString(keyOfItem(item))));
  await data.db.batchWrite(
    mentionItems(article)
      .filter((item) => !listedMentions.has(keyString(keyOfItem(item))))
      .map((item) => ({ delete: keyOfItem(item) })),
  );
  await finishReplacement(data, updated);
  await settleArticleParties(data, updated, claimantsOf(all));
  return { article: updated, created: false, reextracted: true };
}
