/**
 * Articles: listing (newest first, by publisher, by date range), lookup by cleaned text,
 * and deletion with everything an article owns.
 */
import { readArticleClaims, toVisibleArticles, type DataContext } from './store/loaders.js';
import { ConditionFailedError, withoutKeys, type Key, type WriteAction } from './store/client.js';
import { recentWrites, refChanges } from './store/recent-claims.js';
import { ConflictError, NotFoundError } from './errors.js';
import { urlHashOf } from './ids.js';
import { claimWithLinks, keyOfItem, mentionItem } from './store/items.js';
import { ARTICLE_LISTING_KEYS, articleKey, claimKey, patterns } from './store/patterns.js';
import { pageOfPartition, pageOfShards, type Page, type PageArgs } from './store/pagination.js';
import type { Article } from './records.js';
import { ChangeRecorder, deleted, roomBeside } from './changes.js';
import { counterActions } from './store/counters.js';
import { ordered, type ListOrder } from './geojson.js';

export interface ArticleFilter {
  publisher?: string | null;
  publishedAfter?: string | null;
  publishedBefore?: string | null;
  order?: ListOrder | null;
}

export async function listArticles(data: DataContext, filter: ArticleFilter, args: PageArgs): Promise<Page<Article>> {
  const range = { since: filter.publishedAfter, until: filter.publishedBefore };
  const page = filter.publisher
    ? await pageOfPartition(
        data.db,
        ordered(patterns.articlesByPublisher.query(filter.publisher, range), filter.order),
        args,
      )
    : await pageOfShards(data.db, ordered(patterns.articlesByDate.queries(range), filter.order), args);
  return toVisibleArticles(data, page);
}

/** The link items that tie an article to the parties and places it mentions. */
export const mentionItems = (article: Article) => [
  ...article.partyIds.map((partyId) => mentionItem('PARTY', partyId, article)),
  ...article.locationIds.map((locationId) => mentionItem('LOCATION', locationId, article)),
];

/**
 * Deletes an article with its claims and every link to it. The first step marks it as
 * being deleted (and takes it off the listings), guarded by its version: from then on no
 * reader sees it or its claims, and a claim write still in flight for it fails. Then its
 * items go, and the article last, so a retry (or an ingest of the same story) finds the
 * mark and finishes the job.
 */
export async function deleteArticle(data: DataContext, id: string): Promise<Article> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const changes = new ChangeRecorder(data.db, id); // sync: its shard's head is read beside the article
    const stored = await data.db.get(articleKey(id), true);
    if (!stored) throw new NotFoundError(`no article with ID ${id}`, ['input', 'id']);
    const article = withoutKeys<Article>(stored);
    if (!article.deleting) {
      // Counts: its claims as they are at this version, uncounted in the mark's transaction.
      const counted = await readArticleClaims(data.db, article.id, article.claimIds);
      try {
        const mark: WriteAction = {
          update: articleKey(id),
          set: `SET deleting = :true, version = version + :one REMOVE ${ARTICLE_LISTING_KEYS.join(', ')}`,
          condition: 'version = :v',
          values: { ':true': true, ':one': 1, ':v': article.version },
        };
        const counters = counterActions({ before: counted, after: [], articles: -1 });
        // sync: the mark hides the article and its claims, so their tombstones go with it.
        const tombstones = [...deleted('ARTICLE', [id]), ...deleted('CLAIM', article.claimIds)];
        // Its claims leave their claimants' lists of newest claims with the mark, at once.
        const room = roomBeside(1 + counters.length, tombstones);
        await changes.commit(
          [mark, ...counters, ...(await recentWrites(data.db, refChanges(counted, []), room))],
          tombstones,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError) continue; // a claim was written meanwhile: read it again
        throw error;
      }
    }
    await deleteArticleSteps(data, article);
    return article;
  }
  throw new ConflictError(`article ${id} kept changing while it was being deleted; delete it again`, ['input', 'id']);
}

/** The steps after the mark: the article's items (links first), then the article itself. */
export async function deleteArticleSteps(data: DataContext, article: Article): Promise<void> {
  await deleteClaims(
    data,
    article.id,
    [...article.claimIds, ...(article.replacedClaimIds ?? [])],
    [...mentionItems(article).map(keyOfItem), patterns.articleText.key(article.id)],
  );
  const ours = { condition: 'attribute_not_exists(pk) OR articleId = :id', values: { ':id': article.id } };
  await data.db.transact([
    {
      delete: articleKey(article.id),
      condition: 'attribute_not_exists(pk) OR deleting = :true',
      values: { ':true': true },
    },
    { delete: patterns.articleByText.key(article.textHash), ...ours },
    ...article.urls.map((url) => ({ delete: patterns.articleByUrl.key(urlHashOf(url)), ...ours })),
  ]);
  data.items.clearAll();
}

/**
 * Deletes claims of an article with their place links, and `others`: the links (found
 * through the claims) in a first round, the claims in a second, so a run stopped between
 * the two still finds every link it has left to delete when it runs again.
 */
export async function deleteClaims(
  data: DataContext,
  articleId: string,
  claimIds: string[],
  others: Key[] = [],
): Promise<void> {
  const claims = await readArticleClaims(data.db, articleId, claimIds);
  await data.db.batchWrite(
    claims.flatMap((claim) => claimWithLinks(claim).slice(1)).map((item) => ({ delete: keyOfItem(item) })),
  );
  await data.db.batchWrite([
    ...claims.map((claim) => ({ delete: claimKey(claim.id) })),
    ...others.map((key) => ({ delete: key })),
  ]);
}
