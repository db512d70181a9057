/**
 * Articles: listing (newest first, by publisher, by date range), lookup by cleaned text,
 * and deletion with everything an article owns.
 */
import { loadClaims, toRecords, type DataContext } from './data.js';
import { ConditionFailedError, MAX_TRANSACTION_ACTIONS, withoutKeys, type Db, type WriteAction } from './dynamo.js';
import { ConflictError, NotFoundError } from './errors.js';
import { claimWithLinks, keyOfItem, mentionItem } from './items.js';
import { articleKey, publisherPartition, textPartition, timeShard } from './keys.js';
import { monthsOf, pageOfPartition, pageOfShards, type Page, type PageArgs } from './pagination.js';
import type { Article, Claim } from './records.js';

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
 * fits, otherwise in steps that each delete some claims or links and, in the same
 * transaction, drop them from the article's lists; the article goes last. Every step is
 * guarded by the article's version (a claim added meanwhile is a CONFLICT, not an orphan),
 * leaves every reference resolvable, and a retry picks up where a failed run stopped.
 */
export async function deleteArticle(data: DataContext, id: string): Promise<Article> {
  const stored = await data.db.get(articleKey(id), true);
  if (!stored) throw new NotFoundError(`no article with ID ${id}`, ['input', 'id']);
  const article = withoutKeys<Article>(stored);
  const claims = (await loadClaims(data, article.claimIds)).filter((claim): claim is Claim => claim !== null);
  type Unit = { writes: WriteAction[]; list: 'claimIds' | 'partyIds' | 'locationIds'; id: string };
  const units: Unit[] = [
    ...claims.map((claim): Unit => ({ writes: claimWithLinks(claim).map((item) => ({ delete: keyOfItem(item) })), list: 'claimIds', id: claim.id })),
    ...article.partyIds.map((partyId): Unit => ({ writes: [{ delete: keyOfItem(mentionItem('PARTY', partyId, article)) }], list: 'partyIds', id: partyId })),
    ...article.locationIds.map((locationId): Unit => ({ writes: [{ delete: keyOfItem(mentionItem('LOCATION', locationId, article)) }], list: 'locationIds', id: locationId })),
  ];
  const lists = { claimIds: [...article.claimIds], partyIds: [...article.partyIds], locationIds: [...article.locationIds] };
  let version = article.version;
  const guarded = async (actions: WriteAction[]) => {
    try {
      await data.db.transact(actions);
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      throw new ConflictError(`article ${id} changed while it was being deleted; delete it again`, ['input', 'id']);
    }
  };

  let remaining = units;
  while (remaining.reduce((sum, unit) => sum + unit.writes.length, 0) + 1 > MAX_TRANSACTION_ACTIONS) {
    const step: WriteAction[] = [];
    let taken = 0;
    while (taken < remaining.length && step.length + remaining[taken]!.writes.length < MAX_TRANSACTION_ACTIONS) {
      const unit = remaining[taken++]!;
      step.push(...unit.writes);
      lists[unit.list] = lists[unit.list].filter((listed) => listed !== unit.id);
    }
    remaining = remaining.slice(taken);
    await guarded([
      ...step,
      {
        update: articleKey(id),
        set: 'SET claimIds = :claims, partyIds = :parties, locationIds = :locations, version = :next',
        condition: 'version = :v',
        values: { ':claims': lists.claimIds, ':parties': lists.partyIds, ':locations': lists.locationIds, ':next': version + 1, ':v': version },
      },
    ]);
    version++;
  }
  await guarded([...remaining.flatMap((unit) => unit.writes), { delete: articleKey(id), condition: 'version = :v', values: { ':v': version } }]);
  data.items.clearAll();
  return article;
}
