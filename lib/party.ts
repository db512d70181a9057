/**
 * Parties: who speaks or acts. Listing, their claims and articles, and merging two
 * records of one actor.
 */
import {
  followLinks,
  loadArticles,
  loadParties,
  readArticleClaims,
  toRecords,
  toVisibleClaims,
  type DataContext,
} from './store/loaders.js';
import { ConditionFailedError, keyString, withoutKeys, type Item, type Key, type WriteAction } from './store/client.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { claimWithLinks, keyOfItem, mentionItem, nameItems, partyItem, partyRedirectItem } from './store/items.js';
import { partyIdFor } from './ids.js';
import { checkAliases, checkOptionalString, checkString } from './validate.js';
import { articleKey, partyKey, patterns } from './store/patterns.js';
import { addAliases, idsByName, renameWrites, writePartyNames } from './named.js';
import { everyItem, pageOfPartition, type Page, type PageArgs } from './store/pagination.js';
import type { Article, Claim, Party, PartyKind } from './records.js';
import {
  newestPartyClaims,
  recentKey,
  recentKeys,
  recentUpdates,
  refChanges,
  trimRecentClaims,
} from './store/recent-claims.js';
import { ChangeRecorder, deleted, timestamp, upserted } from './changes.js';
import { ordered, type ListOrder } from './geojson.js';
import { commitCountedGroups, forgetParty, type CountedGroup } from './store/counters.js';

/** A claim moved from one claimant to another, with its counts. */
interface MovedClaim extends CountedGroup {
  before: Claim[];
  after: Claim[];
}

export async function listParties(
  data: DataContext,
  filter: { kind?: PartyKind | null },
  args: PageArgs,
): Promise<Page<Party>> {
  const page = await pageOfPartition(
    data.db,
    {
      ...patterns.partiesByName.query(),
      filter: filter.kind
        ? { expression: '#kind = :kind', names: { '#kind': 'kind' }, values: { ':kind': filter.kind } }
        : undefined,
    },
    args,
  );
  return toRecords<Party>(data, page);
}

export interface DateRange {
  since?: string | null;
  until?: string | null;
}

/**
 * A party's claims, newest first by the claim's day. A first page with no date range is
 * answered from the party's newest claims (read for every party of a page in one batch)
 * when they tell; otherwise, and for later pages, by a Query. With `idsOnly` (the caller
 * selects nothing but IDs) the claims themselves are not read.
 */
export async function partyClaims(
  data: DataContext,
  partyId: string,
  range: DateRange,
  args: PageArgs,
  options: { idsOnly?: boolean; order?: ListOrder | null } = {},
): Promise<Page<Claim>> {
  // The list of newest claims kept on the party serves only the first page newest first.
  if (!range.since && !range.until && !args.after && options.order !== 'OLDEST_FIRST') {
    const page = await newestPartyClaims(data, partyId, args.first, options.idsOnly ?? false);
    if (page) return page;
  }
  const query = ordered(patterns.claimsByParty.query(partyId, range), options.order);
  return toVisibleClaims(data, await pageOfPartition(data.db, query, args));
}

/** Articles that mention a party or a place, newest first. */
export async function mentioningArticles(
  data: DataContext,
  owner: 'PARTY' | 'LOCATION',
  ownerId: string,
  args: PageArgs,
): Promise<Page<Article>> {
  const page = await pageOfPartition(data.db, patterns.mentions.query(owner, ownerId), args);
  // A link written ahead of its article (an ingest under way) leads to no visible article: left out.
  const articles = await followLinks(
    page,
    (ids) => loadArticles(data, ids),
    (link) => String(link.articleId),
  );
  const list = owner === 'PARTY' ? 'partyIds' : 'locationIds';
  return { ...articles, items: articles.items.filter(({ value }) => value[list].includes(ownerId)) };
}

/**
 * Merges `removeId` into `keepId`. First the removed party is marked as merged and a
 * redirect is left under its ID: from then on every writer that names it (an ingest, a
 * createClaim, an alias) is sent to the kept party. The kept party takes its names; then
 * every article that mentions it is moved over (claims, place links, mention links and
 * the article's list, one transaction per article), found through its mention links, read
 * consistently, until none is left; then the record goes and only the redirect stays.
 * Running it again after a failure finishes it.
 */
export async function mergeParties(data: DataContext, keepId: string, removeId: string): Promise<Party> {
  if (keepId === removeId) throw new ValidationError('a party cannot be merged into itself', ['input', 'removeId']);
  const [keepItem, removeItem] = await Promise.all([
    data.db.get(partyKey(keepId), true),
    data.db.get(partyKey(removeId), true),
  ]);
  const keep = keepItem ? withoutKeys<Party>(keepItem) : undefined;
  const remove = removeItem ? withoutKeys<Party>(removeItem) : undefined;
  if (!keep || keep.mergedInto) throw new NotFoundError(`no party with ID ${keepId}`, ['input', 'keepId']);
  if (!remove) throw new NotFoundError(`no party with ID ${removeId}`, ['input', 'removeId']);
  if (remove.mergedInto && remove.mergedInto !== keepId) {
    throw new ConflictError(`party ${removeId} is being merged into ${remove.mergedInto}; finish that merge first`, [
      'input',
      'removeId',
    ]);
  }

  // 1. The mark and the redirect: writers that name the removed party now reach the kept one.
  if (!remove.mergedInto) {
    try {
      await data.db.transact([
        {
          update: partyKey(remove.id),
          set: 'SET mergedInto = :keep, version = version + :one',
          condition: 'version = :v',
          values: { ':keep': keep.id, ':one': 1, ':v': remove.version },
        },
        { put: partyRedirectItem(remove.id, keep.id) },
        { check: partyKey(keep.id), condition: 'attribute_exists(pk) AND attribute_not_exists(mergedInto)' },
      ]);
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      throw new ConflictError(`party ${removeId} or ${keepId} changed during the merge; run the merge again`, [
        'input',
        'removeId',
      ]);
    }
  }

  // 2. The kept party takes the other's name and aliases, and the name index follows.
  await addAliases<Party>(data.db, 'PARTY', keep.id, [remove.name, ...remove.aliases], partyItem);

  // 3. Every article that mentions the removed party moves to the kept one.
  for (let round = 0; ; round++) {
    const links = await everyItem((args) =>
      pageOfPartition(data.db, patterns.mentions.query('PARTY', remove.id, { consistent: true }), args),
    );
    if (links.length === 0) break;
    if (round >= 10)
      throw new ConflictError(`articles kept naming party ${removeId} during the merge; run the merge again`, [
        'input',
        'removeId',
      ]);
    await Promise.all(
      links.map((link) => repointArticleParty(data, String(link.articleId), remove.id, keep.id, keyOfItem(link))),
    );
  }

  // 4. The record and its name entries go; the redirect stays for writers that still name it.
  const feed = new ChangeRecorder(data.db, remove.id); // sync: its shard's head is read beside the party
  const current = await data.db.get(partyKey(remove.id), true);
  if (current) {
    const stored = withoutKeys<Party>(current);
    // Its names lead to the kept party only (step 2 added that lead first).
    await writePartyNames(data.db, remove.id, [stored.name, ...stored.aliases], 'DELETE');
    await feed.commit(
      [
        { delete: partyKey(remove.id), condition: 'mergedInto = :keep', values: { ':keep': keep.id } },
        // Its claims all moved (step 3): its list of newest claims holds none above its floor.
        { delete: recentKey(remove.id) },
        ...renameWrites('PARTY', stored, { ...stored, name: '', aliases: [] }),
      ],
      deleted('PARTY', [remove.id]), // sync
    );
  }
  await trimRecentClaims(data.db, [keep.id]);
  // Counts: its claims moved with theirs; only its zeroed cells are left to take away.
  await forgetParty(data.db, remove.id);
  data.items.clearAll();
  const [merged] = await loadParties(data, [keep.id]);
  return merged!;
}

/**
 * Moves one article from party `fromId` to `toId`: its claims by that party change
 * claimant (with their place links), its list of parties and its mention link follow, in
 * one transaction guarded by the versions read (retried when a claim write came between).
 */
async function repointArticleParty(
  data: DataContext,
  articleId: string,
  fromId: string,
  toId: string,
  link?: Key,
): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const feed = new ChangeRecorder(data.db, articleId); // sync: its shard's head is read beside the article
    const stored = await data.db.get(articleKey(articleId), true);
    if (!stored) {
      // Its article is gone (or not written yet by an ingest that will follow the redirect).
      if (link) await data.db.batchWrite([{ delete: link }]);
      return;
    }
    const article = withoutKeys<Article>(stored);
    const claims = (await readArticleClaims(data.db, article.id, article.claimIds)).filter(
      (claim) => claim.claimantId === fromId,
    );
    const now = timestamp();
    const claimGroups = claims.map((claim): MovedClaim => {
      const moved = { ...claim, claimantId: toId, version: claim.version + 1, updatedAt: now };
      const actions = claimWithLinks(moved).map(
        (item, i): WriteAction =>
          i === 0 ? { put: item, condition: 'version = :v', values: { ':v': claim.version } } : { put: item },
      );
      return { actions, before: [claim], after: [moved] };
    });
    const partyIds = [...new Set(article.partyIds.map((id) => (id === fromId ? toId : id)))];
    // Every transaction moves the article's version (a deletion that read it before cannot
    // then uncount stale claims); the last one also its list and links, so they change only
    // once every claim names the kept party.
    const articleWrites = (index: number, last: boolean): WriteAction[] => [
      {
        update: articleKey(article.id),
        set: last
          ? 'SET partyIds = :ids, version = version + :one, updatedAt = :now'
          : 'SET version = version + :one, updatedAt = :now',
        condition: 'version = :v',
        values: { ...(last ? { ':ids': partyIds } : {}), ':one': 1, ':v': article.version + index, ':now': now },
      },
      ...(last
        ? [{ put: mentionItem('PARTY', toId, article) }, { delete: keyOfItem(mentionItem('PARTY', fromId, article)) }]
        : []),
    ];
    try {
      // Counts move with each claim (from the removed party to the kept one) in the
      // transaction that moves it, unless the article is being deleted (then nothing is counted);
      // so does the claim between the two parties' lists of newest claims.
      await commitCountedGroups(
        claimGroups,
        articleWrites,
        !article.deleting,
        (actions, batch) =>
          feed.commit(
            [
              ...actions,
              ...recentUpdates(
                refChanges(
                  batch.flatMap((group) => group.before),
                  batch.flatMap((group) => group.after),
                ),
              ),
            ],
            // sync: each transaction announces the claims it moves and the article it versions.
            [
              ...upserted(
                'CLAIM',
                batch.flatMap((group) => group.before.map((claim) => claim.id)),
              ),
              ...upserted('ARTICLE', [article.id]),
            ],
          ),
        // The feed's head and entries, and the two parties' lists of newest claims.
        5,
      );
      return;
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }
  throw new ConflictError(`article ${articleId} kept changing during the merge; run the merge again`, [
    'input',
    'removeId',
  ]);
}

/**
 * After a write of an article (an ingest): if a party it names was merged away while the
 * write was under way, the article moves to the party it was merged into. One batched read
 * when nothing was merged.
 */
export async function followMergedParties(
  data: DataContext,
  article: Article,
  extraKeys: Key[] = [],
): Promise<Map<string, Item>> {
  if (article.partyIds.length === 0 && extraKeys.length === 0) return new Map();
  const stored = await data.db.batchGet(
    [...article.partyIds.flatMap((id) => [partyKey(id), patterns.mergedParty.key(id)]), ...extraKeys],
    true,
  );
  for (const id of article.partyIds) {
    const party = stored.get(keyString(partyKey(id)));
    const target = party?.mergedInto ?? stored.get(keyString(patterns.mergedParty.key(id)))?.partyId;
    if (target) {
      await repointArticleParty(data, article.id, id, String(target));
      await trimRecentClaims(data.db, [String(target)]);
      // This write's claims reached the removed party's list of newest claims and counters
      // after the merge cleared them (an update makes an item anew), and the repoint left them
      // empty and zero: once the merge is over, nothing reads them, so they go.
      if (!(await data.db.get(partyKey(id), true))) {
        await Promise.all([data.db.batchWrite([{ delete: recentKey(id) }]), forgetParty(data.db, id)]);
      }
    }
  }
  return stored;
}

/**
 * After a write of an article: follows merges (as `followMergedParties`), reading in the
 * same batch the lists of newest claims of `claimantIds`, and trims those that grew too long.
 */
export async function settleArticleParties(data: DataContext, article: Article, claimantIds: string[]): Promise<void> {
  const stored = await followMergedParties(data, article, recentKeys(claimantIds));
  await trimRecentClaims(data.db, claimantIds, stored);
}

export interface PartyInput {
  name: string;
  aliases?: string[] | null;
  kind: PartyKind;
  affiliation?: string | null;
}

/** Adds a party by hand. A name already taken by a party is a CONFLICT: merge or reuse it. */
export async function createParty(data: DataContext, input: PartyInput): Promise<Party> {
  const name = checkString(input.name.trim(), ['input', 'name'], { required: true });
  const aliases = checkAliases(input.aliases ?? [], ['input', 'aliases']);
  const [existing] = await idsByName(data.db, 'PARTY', name);
  if (existing) throw new ConflictError(`a party named "${name}" exists (ID ${existing})`, ['input', 'name']);
  const party: Party = {
    id: partyIdFor(name),
    name,
    aliases,
    kind: input.kind,
    affiliation: checkOptionalString(input.affiliation, ['input', 'affiliation']),
    version: 1,
    createdAt: timestamp(), // sync
  };
  party.updatedAt = party.createdAt; // sync
  const feed = new ChangeRecorder(data.db, party.id); // sync
  await writePartyNames(data.db, party.id, [name, ...aliases]);
  try {
    await feed.commit(
      [
        { put: partyItem(party), condition: 'attribute_not_exists(pk)' },
        ...nameItems('PARTY', party).map((item) => ({ put: item })),
      ],
      upserted('PARTY', [party.id]), // sync
    );
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    throw new ConflictError(`a party named "${name}" exists`, ['input', 'name']);
  }
  return party;
}
