/**
 * Counter items: where the cells of `lib/counts.ts` are kept, the UpdateItem actions that
 * change them (ADD, so concurrent writers add up instead of overwriting each other), and
 * reading them back. Every write that changes which claims readers see puts these actions
 * in its own transaction, so counts move exactly when visibility does.
 *
 * | item (pk, sk = COUNTS)          | attributes (one per cell; `#K`, `#W`: killed, wounded sums) |
 * |---------------------------------|--------------------------------------------------------------|
 * | COUNTS#DAY#<yyyy-mm>            | `<dd>#<KIND>`                                               |
 * | COUNTS#MONTH#<yyyy-mm>          | `P.<partyId>#<KIND>`, `L.<locationId>#<KIND>`                |
 * | COUNTS#KIND                     | `all#<KIND>`, `articles` (visible articles)                  |
 * | COUNTS#PARTY#<shard of 4>       | `<partyId>#<KIND>`                                           |
 * | COUNTS#LOCATION#<shard of 8>    | `<locationId>#<KIND>`, `<locationId>@` = its country code    |
 *
 * One article touches one DAY and one MONTH item per month its claims are about, the KIND
 * item, and at most 4 + 8 shards: `checkCounterBounds` refuses a claim set over
 * MAX_COUNTER_ITEMS items, so every transaction that carries an article's counts fits.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.js';
import { CLAIM_KINDS, type ClaimKind } from '../extract/types.js';
import {
  cellId,
  countDelta,
  parseCellId,
  type Cell,
  type CellScope,
  type CountedClaim,
  type CountPlan,
} from '../counts.js';
import {
  allWrites,
  ConditionFailedError,
  MAX_TRANSACTION_ACTIONS,
  type Db,
  type Item,
  type Key,
  type WriteAction,
} from './client.js';
import { COUNTER_SHARDS, patterns } from './patterns.js';

/** At most this many counter items change in one write of one article's claims. */
export const MAX_COUNTER_ITEMS = 40;
/** At most this many attributes change in one counter item (UpdateExpression is capped at 4 KB). */
export const MAX_COUNTER_ATTRIBUTES = 200;

const shardOf = (id: string, shards: number): number => createHash('sha256').update(id).digest()[0]! % shards;

const METRIC_SUFFIX = { n: '', killed: '#K', wounded: '#W' } as const;

/** The item and attribute a cell is kept in. */
export function cellAddress(cell: Cell): { key: Key; attribute: string } {
  const attribute = `${cell.dim}#${cell.kind}${METRIC_SUFFIX[cell.metric]}`;
  switch (cell.scope) {
    case 'DAY':
      return { key: patterns.dayCounts.key(cell.month), attribute };
    case 'MONTH':
      return { key: patterns.monthCounts.key(cell.month), attribute };
    case 'KIND':
      return { key: patterns.kindCounts.key(), attribute };
    case 'PARTY':
      return { key: patterns.partyCounts.key(shardOf(cell.dim, COUNTER_SHARDS.PARTY)), attribute };
    case 'LOCATION':
      return { key: patterns.locationCounts.key(shardOf(cell.dim, COUNTER_SHARDS.LOCATION)), attribute };
  }
}

/** The set of months in which a party has (had) counts, beside its all-time counts. */
const monthsAttribute = (partyId: string) => `${partyId}#months`;

/** The attribute beside a place's counts that says its country (set by whoever knows it best). */
export const countryAttribute = (locationId: string) => `${locationId}@`;
export const countryKey = (locationId: string): Key =>
  patterns.locationCounts.key(shardOf(locationId, COUNTER_SHARDS.LOCATION));
/** Stored for a place with no country: attribute values are never empty. */
const NO_COUNTRY = '-';

const KINDS = new Set<string>(CLAIM_KINDS);

/** The cells an item holds, read back from its attributes. */
export function cellsOfItem(item: Item): [Cell, number][] {
  const pk = String(item.pk);
  const [, family, part] = pk.split('#') as [string, string, string | undefined];
  const scope = family as CellScope;
  const month = family === 'DAY' || family === 'MONTH' ? (part ?? '') : '';
  const cells: [Cell, number][] = [];
  for (const [name, value] of Object.entries(item)) {
    if (typeof value !== 'number') continue;
    const [dim, kind, metric] = name.split('#');
    if (!dim || !kind || !KINDS.has(kind)) continue;
    cells.push([
      {
        scope,
        month,
        dim,
        kind: kind as ClaimKind,
        metric: metric === 'K' ? 'killed' : metric === 'W' ? 'wounded' : 'n',
      },
      value,
    ]);
  }
  return cells;
}

/** Every item a change of counts touches, with its ADDs and its country SETs. */
function itemChanges(delta: Map<string, number>, countries: ReadonlyMap<string, string | null>, articles: number) {
  const byItem = new Map<string, { key: Key; add: Map<string, number | Set<string>>; set: Map<string, string> }>();
  const itemFor = (key: Key) => {
    const id = `${key.pk}|${key.sk}`;
    let entry = byItem.get(id);
    if (!entry) {
      entry = { key, add: new Map(), set: new Map() };
      byItem.set(id, entry);
    }
    return entry;
  };
  const placesAdded = new Set<string>();
  for (const [id, value] of delta) {
    const cell = parseCellId(id);
    const { key, attribute } = cellAddress(cell);
    itemFor(key).add.set(attribute, value);
    if (cell.scope === 'LOCATION' && cell.metric === 'n' && value > 0) placesAdded.add(cell.dim);
    // The months a party has counts in, so a merge can clear the removed party's cells.
    if (cell.scope === 'MONTH' && cell.metric === 'n' && value > 0 && cell.dim.startsWith('P.')) {
      const partyId = cell.dim.slice(2);
      const add = itemFor(cellAddress({ ...cell, scope: 'PARTY', month: '', dim: partyId }).key).add;
      const months = add.get(monthsAttribute(partyId));
      if (months instanceof Set) months.add(cell.month);
      else add.set(monthsAttribute(partyId), new Set([cell.month]));
    }
  }
  // A place's country is written the first time it is counted and then only by updateLocation:
  // a writer that read an older country cannot overwrite a newer one.
  for (const locationId of placesAdded) {
    if (!countries.has(locationId)) continue;
    itemFor(countryKey(locationId)).set.set(countryAttribute(locationId), countries.get(locationId) || NO_COUNTRY);
  }
  if (articles !== 0) itemFor(patterns.kindCounts.key()).add.set('articles', articles);
  return [...byItem.values()];
}

export interface CountChange {
  /** Claims visible before the write. */
  before: readonly CountedClaim[];
  /** Claims visible after it. */
  after: readonly CountedClaim[];
  /** The country of each place of `after` (as the writer read it). */
  countries?: ReadonlyMap<string, string | null>;
  /** Visible articles added (1) or removed (-1). */
  articles?: number;
}

/** The UpdateItem actions (ADD) that apply a change of counts: one per counter item. */
export function counterActions(change: CountChange): WriteAction[] {
  const delta = countDelta(change.before, change.after);
  return itemChanges(delta, change.countries ?? new Map(), change.articles ?? 0).map(({ key, add, set }) => {
    const names: Record<string, string> = {};
    const values: Item = {};
    const adds = [...add].map(([attribute, value], i) => {
      names[`#a${i}`] = attribute;
      values[`:a${i}`] = value;
      return `#a${i} :a${i}`;
    });
    const sets = [...set].map(([attribute, value], i) => {
      names[`#c${i}`] = attribute;
      values[`:c${i}`] = value;
      return `#c${i} = if_not_exists(#c${i}, :c${i})`;
    });
    const expression = [adds.length ? `ADD ${adds.join(', ')}` : '', sets.length ? `SET ${sets.join(', ')}` : '']
      .filter(Boolean)
      .join(' ');
    return { update: key, set: expression, names, values };
  });
}

/**
 * Refuses a set of claims whose counts would not fit in one transaction (dates over too
 * many months, or too many cells in one item), before anything is written.
 */
export function checkCounterBounds(claims: readonly CountedClaim[], field: string[]): void {
  const changes = itemChanges(countDelta([], claims), new Map(), 1);
  if (changes.length > MAX_COUNTER_ITEMS) {
    const months = new Set(claims.map((claim) => claim.day.slice(0, 7))).size;
    throw new ValidationError(
      `the article's claims are about ${months} different months and would change ${changes.length} counters; one article may change at most ${MAX_COUNTER_ITEMS}`,
      field,
    );
  }
  const widest = Math.max(0, ...changes.map((change) => change.add.size + change.set.size));
  if (widest > MAX_COUNTER_ATTRIBUTES) {
    throw new ValidationError(
      `the article's claims would change ${widest} counts of one counter item; at most ${MAX_COUNTER_ATTRIBUTES}`,
      field,
    );
  }
}

/** The setting of a place's country beside its counts (updateLocation's transaction). */
export function countryAction(locationId: string, countryCode: string | null): WriteAction {
  return {
    update: countryKey(locationId),
    set: 'SET #c = :c',
    names: { '#c': countryAttribute(locationId) },
    values: { ':c': countryCode || NO_COUNTRY },
  };
}

/**
 * The counter items a plan reads: one per month of its range (DAY or MONTH items), or
 * the all-time items; COUNTRY adds the place shards, where countries are kept.
 */
export function counterKeys(plan: CountPlan): Key[] {
  const keys: Key[] = [];
  if (plan.source === 'DAY') keys.push(...plan.months.map((month) => patterns.dayCounts.key(month)));
  else if (plan.source === 'MONTH') keys.push(...plan.months.map((month) => patterns.monthCounts.key(month)));
  else if (plan.partyId) keys.push(patterns.partyCounts.key(shardOf(plan.partyId, COUNTER_SHARDS.PARTY)));
  else if (plan.by === 'KIND') keys.push(patterns.kindCounts.key());
  else if (plan.by === 'PARTY') keys.push(...allShards('PARTY'));
  if (plan.by === 'LOCATION' && plan.source === 'ALL') keys.push(...allShards('LOCATION'));
  if (plan.by === 'COUNTRY') keys.push(...allShards('LOCATION'));
  return keys;
}

const allShards = (family: 'PARTY' | 'LOCATION'): Key[] =>
  Array.from({ length: COUNTER_SHARDS[family] }, (_, shard) =>
    family === 'PARTY' ? patterns.partyCounts.key(shard) : patterns.locationCounts.key(shard),
  );

/** Reading helpers over the counter items a plan read. */
export function readCounters(items: readonly (Item | undefined)[]) {
  const byScope = new Map<string, [Cell, number][]>();
  const countries = new Map<string, string>();
  for (const item of items) {
    if (!item) continue;
    const cells = cellsOfItem(item);
    if (cells.length) {
      const { scope, month } = cells[0]![0];
      const id = `${scope}|${month}`;
      byScope.set(id, [...(byScope.get(id) ?? []), ...cells]);
    }
    if (String(item.pk).startsWith('COUNTS#LOCATION#'))
      for (const [name, value] of Object.entries(item))
        if (name.endsWith('@') && typeof value === 'string' && value !== NO_COUNTRY)
          countries.set(name.slice(0, -1), value);
  }
  return {
    cells: (scope: CellScope, month: string) => byScope.get(`${scope}|${month}`) ?? [],
    countryOf: (locationId: string) => countries.get(locationId) ?? null,
  };
}

/** How many visible claims a party or place has, or all claims (of a kind): one item each. */
export function totalKey(scope: 'PARTY' | 'LOCATION' | 'KIND', id = 'all'): Key {
  return scope === 'KIND'
    ? patterns.kindCounts.key()
    : scope === 'PARTY'
      ? patterns.partyCounts.key(shardOf(id, COUNTER_SHARDS.PARTY))
      : patterns.locationCounts.key(shardOf(id, COUNTER_SHARDS.LOCATION));
}

/** The number of claims of `dim` (a party or place ID, or `all`), of one kind or every kind, in an item. */
export function claimTotal(item: Item | undefined, dim: string, kind: ClaimKind | null = null): number {
  if (!item) return 0;
  const kinds: readonly ClaimKind[] = kind ? [kind] : CLAIM_KINDS;
  return kinds.reduce((sum, k) => sum + Number(item[`${dim}#${k}`] ?? 0), 0);
}

export const articleTotal = (item: Item | undefined): number => Number(item?.articles ?? 0);

/**
 * Compares every counter item with a recount from the visible claims and articles (for
 * `checkInvariants`): each cell, each place's country, the number of articles.
 */
export function recountProblems(
  counterItems: readonly Item[],
  visibleClaims: readonly CountedClaim[],
  visibleArticles: number,
  countryOfPlace: (locationId: string) => string | null | undefined,
): string[] {
  const problems: string[] = [];
  const expected = countDelta([], visibleClaims);
  const stored = new Map<string, number>();
  let storedArticles = 0;
  for (const item of counterItems) {
    for (const [cell, value] of cellsOfItem(item)) if (value !== 0) stored.set(cellId(cell), value);
    if (item.pk === patterns.kindCounts.key().pk) storedArticles = Number(item.articles ?? 0);
    for (const [name, value] of Object.entries(item)) {
      if (!name.endsWith('@')) continue;
      const locationId = name.slice(0, -1);
      const country = countryOfPlace(locationId);
      if (country !== undefined && (country || NO_COUNTRY) !== value)
        problems.push(`${String(item.pk)}: place ${locationId} is kept in country ${String(value)}, not ${country}`);
    }
  }
  for (const [id, value] of expected) {
    if (stored.get(id) !== value) problems.push(`counter ${id}: stored ${stored.get(id) ?? 0}, recounted ${value}`);
    const cell = parseCellId(id);
    if (cell.scope === 'LOCATION' && cell.metric === 'n') {
      const item = counterItems.find((candidate) => candidate.pk === countryKey(cell.dim).pk);
      if (item?.[countryAttribute(cell.dim)] === undefined)
        problems.push(`counter ${id}: its place has no country kept`);
    }
  }
  for (const [id, value] of stored) if (!expected.has(id)) problems.push(`counter ${id}: stored ${value}, recounted 0`);
  if (storedArticles !== visibleArticles)
    problems.push(`counter articles: stored ${storedArticles}, recounted ${visibleArticles}`);
  return problems;
}

/** Reads counter items by key in one batch (tests and tools; requests read through the DataLoader). */
export const readCounterItems = async (db: Db, keys: Key[]) => [...(await db.batchGet(keys, true)).values()];

/** Writes that change some claims, with those claims before and after (for their counts). */
export interface CountedGroup {
  actions: WriteAction[];
  before: readonly CountedClaim[];
  after: readonly CountedClaim[];
}

/**
 * Commits `groups` in order, packed into transactions of at most 100 actions; each carries
 * the counts of its own groups (when `counted`: the claims are visible) and the actions
 * `each(index, last)` gives it (the article's version, its lists with the last one). A group
 * is never split, so every transaction moves whole claims with their counts. `commit` runs
 * one transaction with the groups in it, and may add at most `reserve` actions of its own.
 */
export async function commitCountedGroups<G extends CountedGroup>(
  groups: G[],
  each: (index: number, last: boolean) => WriteAction[],
  counted: boolean,
  commit: (actions: WriteAction[], batch: G[]) => Promise<void>,
  reserve = 0,
): Promise<void> {
  const fixed = reserve + Math.max(each(0, false).length, each(0, true).length);
  const countsOf = (batch: G[]) =>
    counted
      ? counterActions({ before: batch.flatMap((group) => group.before), after: batch.flatMap((group) => group.after) })
      : [];
  const size = (batch: G[]) =>
    batch.reduce((sum, group) => sum + group.actions.length, 0) + countsOf(batch).length + fixed;
  const batches: G[][] = [[]];
  for (const group of groups) {
    const current = batches.at(-1)!;
    if (current.length > 0 && size([...current, group]) > MAX_TRANSACTION_ACTIONS) batches.push([group]);
    else current.push(group);
  }
  for (const [index, batch] of batches.entries()) {
    await commit(
      [...batch.flatMap((group) => group.actions), ...countsOf(batch), ...each(index, index === batches.length - 1)],
      batch,
    );
  }
}

/**
 * After a merge moved every claim of the removed party (so its cells are all zero): takes
 * its attributes out of the counter items, so nothing but the redirect names it. Each item
 * only while its cells are still zero: a late writer's counts stay (and move on with its claims).
 */
export async function forgetParty(db: Db, partyId: string): Promise<void> {
  const shardKey = patterns.partyCounts.key(shardOf(partyId, COUNTER_SHARDS.PARTY));
  const shard = await db.get(shardKey, true);
  if (!shard) return;
  const months = [...((shard[monthsAttribute(partyId)] as Set<string> | undefined) ?? [])];
  const monthItems = await db.batchGet(
    months.map((month) => patterns.monthCounts.key(month)),
    true,
  );
  const targets: [Item, string][] = [
    [shard, partyId],
    ...[...monthItems.values()].map((item): [Item, string] => [item, `P.${partyId}`]),
  ];
  await allWrites(
    targets.map(async ([item, dim]) => {
      const attributes = Object.keys(item).filter((name) => name.startsWith(`${dim}#`));
      if (attributes.length === 0) return;
      const names = Object.fromEntries(attributes.map((name, i) => [`#r${i}`, name]));
      const zeros = attributes.flatMap((name, i) => (typeof item[name] === 'number' ? [`#r${i} = :zero`] : []));
      try {
        await db.update({
          key: { pk: String(item.pk), sk: String(item.sk) },
          set: `REMOVE ${Object.keys(names).join(', ')}`,
          condition: zeros.length ? zeros.join(' AND ') : undefined,
          names,
          values: zeros.length ? { ':zero': 0 } : undefined,
        });
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    }),
  );
}

/**
 * An item's size as DynamoDB counts it (attribute names plus values: a number about one byte
 * per two digits plus one, a string its UTF-8 length), for the corpus benchmark's report.
 */
export function itemBytes(item: Item): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name);
    if (typeof value === 'number') bytes += Math.ceil(String(Math.abs(value)).replace(/^0+/, '').length / 2) + 1;
    else if (typeof value === 'string') bytes += Buffer.byteLength(value);
    else if (value instanceof Set) for (const member of value) bytes += Buffer.byteLength(String(member));
  }
  return bytes;
}

/** The largest counter item of a table's items, and how many there are. */
export function largestCounterItem(items: readonly Item[]): { key: string; bytes: number; count: number } {
  const counters = items.filter((item) => String(item.pk).startsWith('COUNTS#'));
  let largest = { key: '', bytes: 0, count: counters.length };
  for (const item of counters) {
    const bytes = itemBytes(item);
    if (bytes > largest.bytes) largest = { key: String(item.pk), bytes, count: counters.length };
  }
  return largest;
}
