/**
 * Articles: listing (newest first, by publisher, by date range), lookup by cleaned text,
 * and deletion with everything an article owns.
 */
import { loadArticles, loadClaims, toRecords, type DataContext } from './data.js';
import { MAX_TRANSACTION_ACTIONS, type Db, type WriteAction } from './dynamo.js';
import { NotFoundError } from './errors.js';
import { claimWithLinks, keyOfItem, mentionItem } from './items.js';
import { articleKey, publisherPartition, textPartition, timeShard } from './keys.js';
import { monthsOf, pageOfPartition, pageOfShards, type Page, type PageArgs } from './pagination.js';
import type { Article, Claim } from './records.js';
import { commitGroups, countActions } from './writes.js';

export interface ArticleFilter {
  publisher?: string | null;
  publishedAfter?: string | null;
  publishedBefore?: string | null;
}

export async function listArticles(data: DataContext, filter: ArticleFilter, args: PageArgs): Promise<Page<Article>> {
  const range = {
    from: filter.publishedAfter ?? undefined,
    // Sort keys are `<date>#<id>`: "\uffff" keeps every article of the bound's instant.
    to: filter.publishedBefore ? `${filter.publishedBefore}\uffff` : undefined,
  };
  const page = filter.publisher
    ? await pageOfPartition(data.db, { index: 'gsi2', partition: publisherPartition(filter.publisher), ...range, newestFirst: true }, args)
    : await pageOfShards(
        data.db,
        {
          months: await monthsOf(data.db, 'ARTICLES', filter.publishedAfter, filter.publishedBefore),
          queryFor: (month) => ({ index: 'gsi3', partition: timeShard('ARTICLES', month), ...range, newestFirst: true }),
        },
        args,
      );
  return toRecords<Article>(data, page);
}

/** The ID of an article with exactly this cleaned text, if one was stored. */
export async function findArticleIdByText(db: Db, textHash: string): Promise<string | undefined> {
  const { items } = await db.query({
    index: 'gsi1',
    keyCondition: '#pk = :pk',
    names: { '#pk': 'gsi1pk' },
    values: { ':pk': textPartition(textHash) },
    limit: 1,
  });
  return items[0] ? String(items[0].id) : undefined;
}

/** The link items that tie an article to the parties and places it mentions. */
export const mentionItems = (article: Article) => [
  ...article.partyIds.map((partyId) => mentionItem('PARTY', partyId, article)),
  ...article.locationIds.map((locationId) => mentionItem('LOCATION', locationId, article)),
];

/**
 * Deletes an article with its claims and every link to it: in one transaction when it
 * fits, otherwise in steps that each delete some claims with their links and drop them
 * from the article's list, the article going last. Every step leaves every reference
 * resolvable, and a retry picks up where a failed run stopped.
 */
export async function deleteArticle(data: DataContext, id: string): Promise<Article> {
  const [article] = await loadArticles(data, [id]);
  if (!article) throw new NotFoundError(`no article with ID ${id}`, ['input', 'id']);
  const claims = (await loadClaims(data, article.claimIds)).filter((claim): claim is Claim => claim !== null);
  const deletesOf = (claim: Claim): WriteAction[] => claimWithLinks(claim).map((item) => ({ delete: keyOfItem(item) }));
  const mentions: WriteAction[][] = mentionItems(article).map((item) => [{ delete: keyOfItem(item) }]);
  const last: WriteAction[] = [{ delete: articleKey(article.id) }];

  let remaining = claims;
  while (countActions(remaining.map(deletesOf)) + mentions.length + 1 > MAX_TRANSACTION_ACTIONS) {
    const step: WriteAction[] = [];
    let taken = 0;
    while (taken < remaining.length && step.length + deletesOf(remaining[taken]!).length < MAX_TRANSACTION_ACTIONS) {
      step.push(...deletesOf(remaining[taken]!));
      taken++;
    }
    remaining = remaining.slice(taken);
    step.push({
      update: articleKey(article.id),
      set: 'SET claimIds = :remaining, version = version + :one',
      values: { ':remaining': remaining.map((claim) => claim.id), ':one': 1 },
    });
    await data.db.transact(step);
  }
  await commitGroups(data.db, [...remaining.map(deletesOf), ...mentions, last]);
  return article;
}
