/**
 * Whole-table checks, for tests and the corpus benchmark (never a request path: they read
 * a scan of the table). `checkInvariants` checks what readers can see; `leftovers` lists
 * what an unfinished write left where no reader looks.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { recentClaimsOf } from './recent-claims.js';
import type { CountedClaim } from '../counts.js';
import { recountProblems } from './counters.js';

export type TableItem = Record<string, unknown>;

/** Reads every item of a table: for the checks below, never on a request path. */
export async function scanTable(db: Db): Promise<TableItem[]> {
  const items: TableItem[] = [];
  let ExclusiveStartKey: Record<string, any> | undefined;
  do {
    const page = await db.documents.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * Checks what readers can see of a whole table and returns every violation (empty:
 * consistent). Readers see an article that exists and is not being deleted, and the
 * claims it lists; everything else an unfinished or failed write left is `leftovers`.
 * - a listed claim names its article back, and its claimant and places exist, each place
 *   with its link;
 * - an ARTICLE's claimIds, partyIds and locationIds resolve, with its text and mention
 *   links, and the items that lead to it by URL and text exist and name it;
 * - every link item of a visible claim or article points to existing items, and a
 *   place-claim link matches a claim that lists that place;
 * - a merged party's redirect leads to an existing party, and nothing else names the
 *   merged party (a NAME# item that leads to no entity yet is a leftover: `resolve` skips it);
 * - a party's list of newest claims holds, above its floor, exactly its visible claims.
 * - every counter item equals a recount of the visible claims and articles (`counters.ts`).
 */
export function checkInvariants(items: TableItem[]): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, TableItem>();
  for (const item of items) byKey.set(`${String(item.pk)}|${String(item.sk)}`, item);
  const entity = (type: string, id: unknown) => byKey.get(`${type}#${String(id)}|${type}`);
  const visibleArticle = (id: unknown) => {
    const article = entity('ARTICLE', id);
    return article && !article.deleting ? article : undefined;
  };
  const visibleClaim = (id: unknown) => {
    const claim = entity('CLAIM', id);
    return claim && strings(visibleArticle(claim.articleId)?.claimIds).includes(String(id)) ? claim : undefined;
  };
  const merged = new Set(
    items.filter((item) => item.sk === 'MERGED').map((item) => String(item.pk).slice('PARTY#'.length)),
  );

  for (const item of items) {
    const pk = String(item.pk);
    const sk = String(item.sk);
    const where = `${pk} / ${sk}`;
    if (sk === 'CLAIM' && pk.startsWith('CLAIM#')) {
      if (!visibleClaim(item.id)) continue;
      if (item.claimantId != null && !entity('PARTY', item.claimantId))
        problems.push(`${where}: its claimant ${String(item.claimantId)} does not exist`);
      if (item.claimantId != null && merged.has(String(item.claimantId)))
        problems.push(`${where}: its claimant ${String(item.claimantId)} was merged away`);
      for (const locationId of strings(item.locationIds)) {
        if (!entity('LOCATION', locationId)) problems.push(`${where}: its place ${locationId} does not exist`);
        if (!byKey.get(`LOCATION#${locationId}|CLAIM#${String(item.day)}#${String(item.id)}`))
          problems.push(`${where}: no place link for ${locationId}`);
      }
    } else if (sk === 'ARTICLE' && pk.startsWith('ARTICLE#')) {
      if (item.deleting) continue;
      const claimIds = strings(item.claimIds);
      if (new Set(claimIds).size !== claimIds.length) problems.push(`${where}: claimIds has duplicates`);
      for (const claimId of claimIds) {
        const claim = entity('CLAIM', claimId);
        if (!claim) problems.push(`${where}: its claim ${claimId} does not exist`);
        else if (String(claim.articleId) !== String(item.id))
          problems.push(`${where}: its claim ${claimId} names article ${String(claim.articleId)}`);
      }
      for (const list of ['partyIds', 'locationIds'] as const) {
        const ids = strings(item[list]);
        if (new Set(ids).size !== ids.length) problems.push(`${where}: ${list} has duplicates`);
      }
      for (const partyId of strings(item.partyIds)) {
        if (!entity('PARTY', partyId)) problems.push(`${where}: its party ${partyId} does not exist`);
        if (merged.has(partyId)) problems.push(`${where}: its party ${partyId} was merged away`);
      }
      for (const locationId of strings(item.locationIds))
        if (!entity('LOCATION', locationId)) problems.push(`${where}: its place ${locationId} does not exist`);
      if (!byKey.get(`${pk}|TEXT`)) problems.push(`${where}: its text does not exist`);
      const textKey = byKey.get(`TEXT#${String(item.textHash)}|ARTICLE`);
      if (textKey?.articleId !== item.id) problems.push(`${where}: its text hash does not lead to it`);
    } else if (sk.startsWith('CLAIM#') && pk.startsWith('LOCATION#')) {
      if (!visibleClaim(item.claimId)) continue;
      const locationId = pk.slice('LOCATION#'.length);
      const claim = entity('CLAIM', item.claimId)!;
      if (!entity('LOCATION', locationId)) problems.push(`${where}: its place does not exist`);
      if (!strings(claim.locationIds).includes(locationId))
        problems.push(`${where}: claim ${String(item.claimId)} is not about this place`);
      else if (sk !== `CLAIM#${String(claim.day)}#${String(claim.id)}`)
        problems.push(`${where}: stale day for claim ${String(item.claimId)}`);
      if ((item.claimantId ?? null) !== (claim.claimantId ?? null))
        problems.push(`${where}: stale claimant for claim ${String(item.claimId)}`);
    } else if (sk.startsWith('ARTICLE#') && (pk.startsWith('PARTY#') || pk.startsWith('LOCATION#'))) {
      const [type, ...rest] = pk.split('#');
      const ownerId = rest.join('#');
      const article = visibleArticle(item.articleId);
      if (!article || !strings(article[type === 'PARTY' ? 'partyIds' : 'locationIds']).includes(ownerId)) continue;
      if (!entity(type!, ownerId)) problems.push(`${where}: its ${type!.toLowerCase()} does not exist`);
    } else if (pk.startsWith('NAME#') && sk === 'PARTY') {
      for (const id of strings([...((item.partyIds as Set<string> | undefined) ?? [])])) {
        if (merged.has(id)) problems.push(`${where}: leads to party ${id}, merged away`);
      }
    } else if (pk.startsWith('NAME#')) {
      const [type] = sk.split('#');
      if (type !== 'PARTY' && type !== 'LOCATION') problems.push(`${where}: unknown name target`);
      if (type === 'PARTY' && merged.has(String(item.entityId))) problems.push(`${where}: names a party merged away`);
    } else if (sk === 'MERGED') {
      if (!entity('PARTY', item.partyId)) problems.push(`${where}: leads to a party that does not exist`);
      if (entity('PARTY', pk.slice('PARTY#'.length))) problems.push(`${where}: the merged party still exists`);
    }
  }
  problems.push(...checkRecentClaims(items, visibleClaim));
  // Every listed article is whole: each of its parties and places has its mention link.
  const mentions = new Set(
    items
      .filter((link) => String(link.sk).startsWith('ARTICLE#'))
      .map((link) => `${String(link.pk)}|${String(link.articleId)}`),
  );
  for (const item of items) {
    if (item.sk !== 'ARTICLE' || !String(item.pk).startsWith('ARTICLE#') || item.deleting) continue;
    const linked = (type: string, id: string) => mentions.has(`${type}#${id}|${String(item.id)}`);
    for (const partyId of strings(item.partyIds))
      if (!linked('PARTY', partyId)) problems.push(`${String(item.pk)}: no mention link for party ${partyId}`);
    for (const locationId of strings(item.locationIds))
      if (!linked('LOCATION', locationId)) problems.push(`${String(item.pk)}: no mention link for place ${locationId}`);
  }
  // Every counter equals a recount of what readers see.
  problems.push(
    ...recountProblems(
      items.filter((item) => String(item.pk).startsWith('COUNTS#')),
      items.filter((item) => item.sk === 'CLAIM' && visibleClaim(item.id)) as unknown as CountedClaim[],
      items.filter((item) => item.sk === 'ARTICLE' && String(item.pk).startsWith('ARTICLE#') && !item.deleting).length,
      (locationId) => {
        const location = entity('LOCATION', locationId);
        return location ? ((location.countryCode as string | null) ?? null) : undefined;
      },
    ),
  );
  return problems;
}

/**
 * Above its floor, a party's list of newest claims (`recent-claims.ts`) holds exactly the
 * visible claims that party makes, each at its day: none missing, none extra.
 */
function checkRecentClaims(items: TableItem[], visibleClaim: (id: unknown) => TableItem | undefined): string[] {
  const problems: string[] = [];
  const expected = new Map<string, Set<string>>();
  for (const item of items) {
    if (item.sk !== 'CLAIM' || !String(item.pk).startsWith('CLAIM#') || item.claimantId == null) continue;
    if (!visibleClaim(item.id)) continue;
    const partyId = String(item.claimantId);
    if (!expected.has(partyId)) expected.set(partyId, new Set());
    expected.get(partyId)!.add(`${String(item.day)}#${String(item.id)}`);
  }
  const lists = new Map(
    items
      .filter((item) => item.sk === 'RECENT' && String(item.pk).startsWith('PARTY#'))
      .map((item) => [String(item.pk).slice('PARTY#'.length), recentClaimsOf(item)]),
  );
  for (const partyId of new Set([...expected.keys(), ...lists.keys()])) {
    const list = lists.get(partyId) ?? recentClaimsOf(undefined);
    const above = (key: string) => list.floor === null || key > list.floor;
    const held = new Set(list.refs.map((ref) => `${ref.day}#${ref.id}`));
    const claims = expected.get(partyId) ?? new Set<string>();
    for (const key of held)
      if (above(key) && !claims.has(key))
        problems.push(`PARTY#${partyId} / RECENT: holds ${key}, not a visible claim of the party at that day`);
    for (const key of claims)
      if (above(key) && !held.has(key))
        problems.push(`PARTY#${partyId} / RECENT: misses its visible claim ${key} (floor ${String(list.floor)})`);
  }
  return problems;
}

/**
 * Items no reader sees, left by a write that stopped midway (claims, links and texts
 * written ahead of an article that never came, or of one being deleted). Harmless, and a
 * retry of the same write takes them up or away: after it, there are none.
 */
export function leftovers(items: TableItem[]): string[] {
  const byKey = new Map<string, TableItem>();
  for (const item of items) byKey.set(`${String(item.pk)}|${String(item.sk)}`, item);
  const article = (id: unknown) => byKey.get(`ARTICLE#${String(id)}|ARTICLE`);
  const listedClaim = (id: unknown) => {
    const claim = byKey.get(`CLAIM#${String(id)}|CLAIM`);
    return claim !== undefined && strings(article(claim.articleId)?.claimIds).includes(String(id));
  };
  const found: string[] = [];
  for (const item of items) {
    const pk = String(item.pk);
    const sk = String(item.sk);
    const where = `${pk} / ${sk}`;
    if (pk.startsWith('ARTICLE#') && sk === 'ARTICLE' && item.deleting) found.push(`${where}: being deleted`);
    else if (pk.startsWith('CLAIM#') && sk === 'CLAIM' && !listedClaim(item.id))
      found.push(`${where}: no article lists it`);
    else if (pk.startsWith('LOCATION#') && sk.startsWith('CLAIM#') && !listedClaim(item.claimId))
      found.push(`${where}: its claim is not listed`);
    else if (sk.startsWith('ARTICLE#') && (pk.startsWith('PARTY#') || pk.startsWith('LOCATION#'))) {
      const owner = pk.slice(pk.indexOf('#') + 1);
      const listed = strings(article(item.articleId)?.[pk.startsWith('PARTY#') ? 'partyIds' : 'locationIds']);
      if (!listed.includes(owner)) found.push(`${where}: its article does not list it`);
    } else if (pk.startsWith('ARTICLE#') && sk === 'TEXT' && !article(item.articleId))
      found.push(`${where}: its article does not exist`);
    else if ((pk.startsWith('URL#') || pk.startsWith('TEXT#')) && sk === 'ARTICLE' && !article(item.articleId))
      found.push(`${where}: its article does not exist`);
    else if (pk.startsWith('NAME#') && sk === 'PARTY') {
      const missing = [...((item.partyIds as Set<string> | undefined) ?? [])].filter(
        (id) => !byKey.has(`PARTY#${id}|PARTY`),
      );
      if (missing.length) found.push(`${where}: leads to ${missing.join(', ')}, not written (yet)`);
    } else if (pk.startsWith('NAME#') && !byKey.has(`${sk}|${sk.split('#')[0]}`))
      found.push(`${where}: its entity does not exist (written ahead of it)`);
  }
  return found;
}

/** Counts the items of a table by kind, for readable assertions. */
export function summarize(items: TableItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const pk = String(item.pk);
    const sk = String(item.sk);
    const kind = pk.startsWith('NAME#')
      ? pk.split('#')[0]!
      : sk.includes('#')
        ? `${pk.split('#')[0]}->${sk.split('#')[0]}`
        : sk;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}
