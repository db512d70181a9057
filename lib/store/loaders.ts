/**
 * The per-request data context: the request's view of the table client and one DataLoader
 * over BatchGetItem, so every entity read in one tick of a GraphQL execution becomes a
 * single round trip. The view's signal (server/cancel.ts) stops the reads of a query nobody
 * waits for; being the request's own, it never stops another request's.
 */
import DataLoader from 'dataloader';
import { MAX_BATCH_GET_KEYS, keyString, withoutKeys, type Db, type Item, type Key } from './client.js';
import { keyOfItem } from './items.js';
import type { Page } from './pagination.js';
import { articleKey, claimKey, locationKey, partyKey, patterns } from './patterns.js';
import type { Article, ArticleText, Claim, Location, Party } from '../records.js';

export interface DataContext {
  db: Db;
  items: DataLoader<Key, Item | undefined, string>;
}

export function createDataContext(shared: Db): DataContext {
  const db = shared.forRequest();
  const items = new DataLoader<Key, Item | undefined, string>(
    async (keys) => {
      const found = await db.batchGet([...keys]);
      return keys.map((key) => found.get(keyString(key)));
    },
    { cacheKeyFn: keyString, maxBatchSize: MAX_BATCH_GET_KEYS },
  );
  return { db, items };
}

async function loadMany<T>(data: DataContext, keys: Key[]): Promise<(T | null)[]> {
  const items = await data.items.loadMany(keys);
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? withoutKeys<T>(item) : null;
  });
}

/** Article items as stored, those being deleted included (for writers). */
export const loadArticleRecords = (data: DataContext, ids: readonly string[]) =>
  loadMany<Article>(data, ids.map(articleKey));
/** Claim items as stored, whether or not their article shows them (for writers). */
export const loadClaimRecords = (data: DataContext, ids: readonly string[]) => loadMany<Claim>(data, ids.map(claimKey));

/** Articles as readers see them: one being deleted is gone. */
export async function loadArticles(data: DataContext, ids: readonly string[]): Promise<(Article | null)[]> {
  return (await loadArticleRecords(data, ids)).map((article) => (article && !article.deleting ? article : null));
}

export async function loadArticleText(data: DataContext, articleId: string): Promise<string | null> {
  const [text] = await loadMany<ArticleText>(data, [patterns.articleText.key(articleId)]);
  return text?.text ?? null;
}

/**
 * Claims as readers see them: only those their article shows (it exists, is not being
 * deleted, and lists them). A claim written ahead of its article, left over from a
 * replaced extraction, or of an article being deleted reads as missing. The articles come
 * from the same loader, so a page of claims costs one more batched read at most.
 */
export async function loadClaims(data: DataContext, ids: readonly string[]): Promise<(Claim | null)[]> {
  return visibleClaims(data, await loadClaimRecords(data, ids));
}

export async function visibleClaims(data: DataContext, claims: readonly (Claim | null)[]): Promise<(Claim | null)[]> {
  const articles = await loadArticles(data, [...new Set(claims.flatMap((claim) => (claim ? [claim.articleId] : [])))]);
  const byId = new Map(
    articles.flatMap((article) => (article ? [[article.id, new Set(article.claimIds)] as const] : [])),
  );
  return claims.map((claim) => (claim && byId.get(claim.articleId)?.has(claim.id) ? claim : null));
}

/**
 * The stored claims of an article among `claimIds`, in that order, read consistently past the
 * request's loaders: writers compute counts, list changes and deletions from exactly these.
 */
export async function readArticleClaims(db: Db, articleId: string, claimIds: readonly string[]): Promise<Claim[]> {
  return (await readClaimRecords<Claim>(db, claimIds)).filter((claim) => claim.articleId === articleId);
}

/** Claim items as stored now, in the order of `claimIds` (consistent reads); those gone are left out. */
export async function readClaimRecords<T extends Claim = Claim>(db: Db, claimIds: readonly string[]): Promise<T[]> {
  const stored = await db.batchGet(claimIds.map(claimKey), true);
  return claimIds.flatMap((id) => {
    const item = stored.get(keyString(claimKey(id)));
    return item ? [withoutKeys<T>(item)] : [];
  });
}

export const loadParties = (data: DataContext, ids: readonly string[]) => loadMany<Party>(data, ids.map(partyKey));
export const loadLocations = (data: DataContext, ids: readonly string[]) =>
  loadMany<Location>(data, ids.map(locationKey));

/** Loads by ID and drops the missing (e.g. deleted between two reads). */
export async function loadExisting<T>(
  load: (data: DataContext, ids: readonly string[]) => Promise<(T | null)[]>,
  data: DataContext,
  ids: readonly string[],
): Promise<T[]> {
  return (await load(data, ids)).filter((value): value is Awaited<T> & {} => value !== null) as T[];
}

/** Turns stored items into records, priming the loader so a refetch costs nothing. */
export function toRecords<T>(data: DataContext, page: Page<Record<string, unknown>>): Page<T> {
  return {
    hasNextPage: page.hasNextPage,
    endCursor: page.endCursor,
    items: page.items.map(({ cursor, value }) => {
      data.items.prime(keyOfItem(value), value);
      return { cursor, value: withoutKeys<T>(value) };
    }),
  };
}

/** A page of stored claim items as readers see it: the ones their article does not show are left out. */
export async function toVisibleClaims(data: DataContext, page: Page<Record<string, unknown>>): Promise<Page<Claim>> {
  return keepVisible(toRecords<Claim>(data, page), (claims) => visibleClaims(data, claims));
}

/** A page of articles as readers see it. */
export async function toVisibleArticles(
  data: DataContext,
  page: Page<Record<string, unknown>>,
): Promise<Page<Article>> {
  const records = toRecords<Article>(data, page);
  return keepVisible(records, async (articles) => articles.map((article) => (article.deleting ? null : article)));
}

async function keepVisible<T>(page: Page<T>, check: (values: T[]) => Promise<(T | null)[]>): Promise<Page<T>> {
  const checked = await check(page.items.map(({ value }) => value));
  const items = page.items.flatMap((item, i) => (checked[i] ? [{ cursor: item.cursor, value: checked[i] }] : []));
  // A page whose last items are hidden still resumes after them.
  return { hasNextPage: page.hasNextPage, endCursor: page.endCursor ?? page.items.at(-1)?.cursor, items };
}

/** Follows link items to the entities they name, keeping the links' cursors. */
export async function followLinks<T>(
  page: Page<Item>,
  load: (ids: string[]) => Promise<(T | null)[]>,
  idOf: (link: Item) => string,
): Promise<Page<T>> {
  const values = await load(page.items.map(({ value }) => idOf(value)));
  return {
    hasNextPage: page.hasNextPage,
    endCursor: page.endCursor ?? page.items.at(-1)?.cursor,
    items: page.items.flatMap(({ cursor }, i) => (values[i] ? [{ cursor, value: values[i] }] : [])),
  };
}
