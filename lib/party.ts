/**
 * Parties: who speaks or acts. Listing, their claims and articles, and merging two
 * records of one actor.
 */
import { followLinks, loadArticles, loadParties, toRecords, type DataContext } from './data.js';
import { ConditionFailedError, type WriteAction } from './dynamo.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { claimItem, keyOfItem, mentionItem, nameItems, partyItem, PARTIES_PARTITION } from './items.js';
import { partyIdFor } from './ids.js';
import { checkAliases, checkOptionalString, checkString } from './validate.js';
import { articleKey, partyClaimsPartition, partyKey } from './keys.js';
import { addAliases, idsByName, renameWrites } from './named.js';
import { everyItem, pageOfPartition, type Page, type PageArgs } from './pagination.js';
import type { Article, Claim, Party, PartyKind } from './records.js';
import { commitGroups } from './writes.js';

export async function listParties(data: DataContext, filter: { kind?: PartyKind | null }, args: PageArgs): Promise<Page<Party>> {
  const page = await pageOfPartition(
    data.db,
    {
      index: 'gsi3',
      partition: PARTIES_PARTITION,
      filter: filter.kind ? { expression: '#kind = :kind', names: { '#kind': 'kind' }, values: { ':kind': filter.kind } } : undefined,
    },
    args,
  );
  return toRecords<Party>(data, page);
}

export interface DateRange {
  since?: string | null;
  until?: string | null;
}

/** A party's claims, newest first by the claim's day. */
export async function partyClaims(data: DataContext, partyId: string, range: DateRange, args: PageArgs): Promise<Page<Claim>> {
  const page = await pageOfPartition(
    data.db,
    {
      index: 'gsi1',
      partition: partyClaimsPartition(partyId),
      from: `CLAIM#${range.since ?? ''}`,
      to: `CLAIM#${range.until ?? '\uffff'}\uffff`,
      newestFirst: true,
    },
    args,
  );
  return toRecords<Claim>(data, page);
}

/** Articles that mention a party or a place, newest first. */
export async function mentioningArticles(data: DataContext, owner: 'PARTY' | 'LOCATION', ownerId: string, args: PageArgs): Promise<Page<Article>> {
  const page = await pageOfPartition(data.db, { partition: `${owner}#${ownerId}`, prefix: 'ARTICLE#', newestFirst: true }, args);
  return followLinks(page, (ids) => loadArticles(data, ids), (link) => String(link.articleId));
}

/**
 * Merges `removeId` into `keepId`: names, aliases, claims and article links move to the
 * kept party, then the other record goes. The steps are ordered so that each leaves the
 * graph consistent and running the merge again after a failure completes it.
 */
export async function mergeParties(data: DataContext, keepId: string, removeId: string): Promise<Party> {
  if (keepId === removeId) throw new ValidationError('a party cannot be merged into itself', ['input', 'removeId']);
  const [keep, remove] = await loadParties(data, [keepId, removeId]);
  if (!keep) throw new NotFoundError(`no party with ID ${keepId}`, ['input', 'keepId']);
  if (!remove) throw new NotFoundError(`no party with ID ${removeId}`, ['input', 'removeId']);

  // 1. The kept party takes the other's name and aliases (and the name index follows).
  await addAliases<Party>(data.db, 'PARTY', keep.id, [remove.name, ...remove.aliases], partyItem);

  // 2. Claims change claimant, each guarded by its version.
  // The party index projects whole claims: no second read is needed.
  const claims = await everyItem((args) => partyClaims(data, remove.id, {}, args));
  await commitGroups(
    data.db,
    claims.map((claim) => [
      {
        put: claimItem({ ...claim, claimantId: keep.id, version: claim.version + 1, updatedAt: new Date().toISOString() }),
        condition: 'version = :v',
        values: { ':v': claim.version },
      },
    ]),
  );

  // 3. Articles that mentioned the other party mention the kept one.
  const articles = await everyItem((args) => mentioningArticles(data, 'PARTY', remove.id, args));
  await commitGroups(
    data.db,
    articles.map((article): WriteAction[] => {
      const partyIds = [...new Set(article.partyIds.map((id) => (id === remove.id ? keep.id : id)))];
      return [
        {
          update: articleKey(article.id),
          set: 'SET partyIds = :ids, version = version + :one',
          condition: 'version = :v',
          values: { ':ids': partyIds, ':one': 1, ':v': article.version },
        },
        { put: mentionItem('PARTY', keep.id, article) },
        { delete: keyOfItem(mentionItem('PARTY', remove.id, article)) },
      ];
    }),
  );

  // 4. The other record and its name entries go.
  try {
    await data.db.transact([
      { delete: partyKey(remove.id), condition: 'version = :v', values: { ':v': remove.version } },
      ...renameWrites('PARTY', remove, { ...remove, name: '', aliases: [] }),
    ]);
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    throw new ConflictError(`party ${remove.id} changed during the merge; run the merge again`, ['input', 'removeId']);
  }
  data.items.clearAll();
  const [merged] = await loadParties(data, [keep.id]);
  return merged!;
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
  };
  try {
    await data.db.transact([{ put: partyItem(party), condition: 'attribute_not_exists(pk)' }, ...nameItems('PARTY', party).map((item) => ({ put: item }))]);
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    throw new ConflictError(`a party named "${name}" exists`, ['input', 'name']);
  }
  return party;
}
