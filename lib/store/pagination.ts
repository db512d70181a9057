/**
 * Forward pagination over DynamoDB. A cursor is opaque to clients: base64url JSON holding
 * the key to resume after (DynamoDB's ExclusiveStartKey, checked against the list it came
 * from) or an offset into a list held on a parent item.
 */
import type { Db, Item } from './client.js';
import { InvalidCursorError, ValidationError } from '../errors.js';
import { TABLE, indexDefinition, type IndexName } from './table.js';

export interface PageArgs {
  first: number;
  after?: string | null;
}

export interface Page<T> {
  items: { cursor: string; value: T }[];
  hasNextPage: boolean;
  /**
   * Where to go on when it is not the last item's cursor: a filtered page that spent its
   * read budget before it was full resumes after the last item it read, shown or not.
   */
  endCursor?: string;
}

/** A filtered query reads at most this many items per item asked for, then returns what it has. */
export const FILTER_READ_BUDGET = 10;

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ValidationError(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, ['first']);
  }
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode(cursor: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

/** Pages through a list held on a parent item (an Article's claim IDs). */
export function pageOfList<T>(list: readonly T[], args: PageArgs, listName: string): Page<T> {
  checkPageSize(args.first);
  let start = 0;
  if (args.after) {
    const cursor = decode(args.after);
    if (cursor.l !== listName || !Number.isInteger(cursor.o) || (cursor.o as number) < 0)
      throw new InvalidCursorError();
    start = (cursor.o as number) + 1;
  }
  const slice = list.slice(start, start + args.first);
  return {
    items: slice.map((value, i) => ({ cursor: encode({ l: listName, o: start + i }), value })),
    hasNextPage: start + args.first < list.length,
  };
}

/** A Query over one partition of the table or of an index. */
export interface PartitionQuery {
  index?: IndexName;
  partition: string;
  /** Inclusive sort-key range; either end may be open. */
  from?: string;
  to?: string;
  /** Sort-key prefix, when the partition holds other kinds of items too. */
  prefix?: string;
  newestFirst?: boolean;
  filter?: { expression: string; names: Record<string, string>; values: Item };
  /** A strongly consistent read (the table only; writers that must see every item). */
  consistent?: boolean;
  /**
   * One Query per page and no more (Limit: the read budget when filtered), for listings that
   * must stay within their round trips: what the budget leaves unread is reached by the cursor.
   */
  singleRead?: boolean;
}

function keyAttributes(index: IndexName | undefined): { partition: string; sort: string; all: string[] } {
  const base = [TABLE.partitionKey, TABLE.sortKey];
  if (!index) return { partition: TABLE.partitionKey, sort: TABLE.sortKey, all: base };
  const definition = indexDefinition(index);
  return {
    partition: definition.partitionKey,
    sort: definition.sortKey,
    all: [...base, definition.partitionKey, definition.sortKey],
  };
}

function startKeyFrom(value: unknown, query: PartitionQuery): Item {
  const attributes = keyAttributes(query.index);
  if (typeof value !== 'object' || value === null) throw new InvalidCursorError();
  const key = value as Item;
  const names = Object.keys(key).sort();
  const valid =
    names.length === attributes.all.length &&
    attributes.all.every((name) => typeof key[name] === 'string') &&
    key[attributes.partition] === query.partition;
  if (!valid) throw new InvalidCursorError();
  return key;
}

function buildQuery(query: PartitionQuery) {
  const attributes = keyAttributes(query.index);
  const names: Record<string, string> = { '#p': attributes.partition };
  const values: Item = { ':p': query.partition };
  let condition = '#p = :p';
  const from = query.from ?? query.prefix;
  const to = query.to ?? (query.prefix !== undefined ? `${query.prefix}\uffff` : undefined);
  if (from !== undefined && to !== undefined) {
    condition += ' AND #s BETWEEN :from AND :to';
    values[':from'] = from;
    values[':to'] = to;
  } else if (from !== undefined) {
    condition += ' AND #s >= :from';
    values[':from'] = from;
  } else if (to !== undefined) {
    condition += ' AND #s <= :to';
    values[':to'] = to;
  }
  if (from !== undefined || to !== undefined) names['#s'] = attributes.sort;
  if (query.filter) {
    Object.assign(names, query.filter.names);
    Object.assign(values, query.filter.values);
  }
  return { condition, names, values };
}

/**
 * Collects up to `limit` items of a partition after `startKey`, querying on while a filter
 * discards items or DynamoDB's 1 MB page cuts a result short. A filter that cannot be
 * served by the key gets a read budget (FILTER_READ_BUDGET × `limit` items): past it the
 * page ends short, with the key to resume from.
 */
async function collect(
  db: Db,
  query: PartitionQuery,
  limit: number,
  startKey: Item | undefined,
): Promise<{ items: Item[]; resumeKey: Item | undefined }> {
  const { condition, names, values } = buildQuery(query);
  const items: Item[] = [];
  const budget = query.filter ? FILTER_READ_BUDGET * limit : Infinity;
  let read = 0;
  let next = startKey;
  do {
    const page = await db.query({
      index: query.index,
      keyCondition: condition,
      names,
      values,
      filter: query.filter?.expression,
      forward: !query.newestFirst,
      // With a filter, DynamoDB applies Limit before the filter: read a budget's worth.
      limit: query.filter
        ? query.singleRead
          ? budget
          : Math.min(budget - read, Math.max(50, 2 * (limit - items.length)))
        : limit - items.length,
      startKey: next,
      consistent: query.consistent,
    });
    read += page.scanned;
    items.push(...page.items);
    next = page.lastKey;
  } while (!query.singleRead && next && items.length < limit && read < budget);
  return { items: items.slice(0, limit), resumeKey: items.length < limit ? next : undefined };
}

/** The cursor of `item` in `query`'s pages (also for a page answered from elsewhere, to go on with the Query). */
export function cursorOf(item: Item, query: PartitionQuery, extra: Item = {}): string {
  const attributes = keyAttributes(query.index);
  const key: Item = {};
  for (const name of attributes.all) key[name] = item[name];
  return encode({ ...extra, ...directionOf(query), k: key });
}

/**
 * A listing read oldest first says so in its cursors: a cursor of one order given to the
 * other would resume from the wrong end, so it is refused as a foreign cursor.
 */
const directionOf = (query: PartitionQuery | undefined): Item => (query?.newestFirst === false ? { o: 1 } : {});

function checkDirection(cursor: Record<string, unknown>, query: PartitionQuery | undefined): void {
  if ((cursor.o === 1) !== (query?.newestFirst === false)) throw new InvalidCursorError();
}

/** Sort keys compare as DynamoDB orders them (by code unit, never by locale), in the query's direction. */
function sortOrder(descending: boolean) {
  return (a: string, b: string): number => (a === b ? 0 : a < b !== descending ? -1 : 1);
}

/** One page of a single partition, in sort-key order. */
export async function pageOfPartition(db: Db, query: PartitionQuery, args: PageArgs): Promise<Page<Item>> {
  checkPageSize(args.first);
  let startKey: Item | undefined;
  if (args.after) {
    const cursor = decode(args.after);
    checkDirection(cursor, query);
    startKey = startKeyFrom(cursor.k, query);
  }
  const { items, resumeKey } = await collect(db, query, args.first + 1, startKey);
  return {
    items: items.slice(0, args.first).map((item) => ({ cursor: cursorOf(item, query), value: item })),
    hasNextPage: items.length > args.first || resumeKey !== undefined,
    ...(resumeKey ? { endCursor: cursorOf(resumeKey, query) } : {}),
  };
}

/**
 * One page of a listing spread over several partitions (write shards, or map cells), in
 * sort-key order: every shard is queried at once for `first + 1` items after its own
 * position, and the results are merged. One round trip whatever the filter, at most
 * shards × (first + 1) items read, or shards × the read budget with a filter (`singleRead`).
 * A cursor holds each shard's position (the key of the last item taken from it, or `null`
 * for one exhausted), so every edge can be resumed from.
 *
 * A shard that spent its read budget may hold, past where it stopped, items that sort before
 * other shards' items: the page then ends where it stopped, short, and that shard resumes
 * from there. With `mergeTies`, items of equal sort keys in several shards (one claim under
 * two map cells) are one edge, and a page never ends between them.
 */
export async function pageOfShards(
  db: Db,
  queries: PartitionQuery[],
  args: PageArgs,
  options: { mergeTies?: boolean } = {},
): Promise<Page<Item>> {
  checkPageSize(args.first);
  // Each shard's position: 'start', 'done', or the key of the last item taken from it.
  let positions: ('start' | 'done' | Item)[] = queries.map(() => 'start');
  const direction = directionOf(queries[0]);
  if (args.after) {
    const cursor = decode(args.after);
    checkDirection(cursor, queries[0]);
    if (!Array.isArray(cursor.s) || cursor.s.length !== queries.length) throw new InvalidCursorError();
    positions = cursor.s.map((position: unknown, i: number) =>
      position === 'start' || position === 'done' ? position : startKeyFrom(position, queries[i]!),
    );
  }
  const read = await Promise.all(
    queries.map((query, shard) => {
      const position = positions[shard]!;
      return position === 'done'
        ? { items: [], more: false, resumeKey: undefined }
        : readShard(db, query, args.first + 1, position === 'start' ? undefined : position);
    }),
  );
  const current = positions.map((position, shard) =>
    read[shard]!.items.length === 0 && !read[shard]!.more ? 'done' : position,
  );
  const compare = sortOrder(queries[0]?.newestFirst ?? false);
  const sortKey = keyAttributes(queries[0]?.index).sort;
  const keyOfSort = (item: Item) => String(item[sortKey]);
  // The earliest place (in the listing's order) where a shard stopped on its budget.
  let frontier: string | undefined;
  for (const { resumeKey } of read) {
    if (resumeKey && (frontier === undefined || compare(keyOfSort(resumeKey), frontier) < 0))
      frontier = keyOfSort(resumeKey);
  }
  const merged = read
    .flatMap(({ items }, shard) => items.map((item) => ({ item, shard })))
    .sort((a, b) => compare(keyOfSort(a.item), keyOfSort(b.item)) || a.shard - b.shard);
  const eligible =
    frontier === undefined ? merged : merged.filter(({ item }) => compare(keyOfSort(item), frontier) <= 0);
  let cut = Math.min(args.first, eligible.length);
  if (options.mergeTies) {
    while (cut > 0 && cut < eligible.length && keyOfSort(eligible[cut]!.item) === keyOfSort(eligible[cut - 1]!.item))
      cut++;
  }
  const taken = eligible.slice(0, cut);
  const items: { cursor: string; value: Item }[] = [];
  taken.forEach(({ item, shard }, i) => {
    // A shard whose every item was taken, with nothing after it, is done.
    current[shard] = !read[shard]!.more && read[shard]!.items.at(-1) === item ? 'done' : keyOf(item, queries[shard]!);
    const cursor = encode({ ...direction, s: current });
    const tie = options.mergeTies && i > 0 && keyOfSort(taken[i - 1]!.item) === keyOfSort(item);
    // A tie is the same entry again: the edge keeps its first item and takes the later cursor.
    if (tie) items.at(-1)!.cursor = cursor;
    else items.push({ cursor, value: item });
  });
  // A shard that stopped on its budget with all it found taken goes on from where it stopped.
  read.forEach(({ items: found, resumeKey }, shard) => {
    if (resumeKey && found.every((item) => taken.some((entry) => entry.item === item)))
      current[shard] = keyOf(resumeKey, queries[shard]!);
  });
  const hasNextPage =
    current.some((position) => position !== 'done') && (merged.length > taken.length || read.some(({ more }) => more));
  return { items, hasNextPage, ...(hasNextPage ? { endCursor: encode({ ...direction, s: current }) } : {}) };
}

async function readShard(db: Db, query: PartitionQuery, limit: number, startKey: Item | undefined) {
  const { items, resumeKey } = await collect(db, query, limit, startKey);
  return { items, more: items.length >= limit || resumeKey !== undefined, resumeKey };
}

/** The key attributes of an item, as a Query resumes after it. */
function keyOf(item: Item, query: PartitionQuery): Item {
  const key: Item = {};
  for (const name of keyAttributes(query.index).all) key[name] = item[name];
  return key;
}

/** Every item of a paged list, 100 at a time (for writes that must touch them all). */
export async function everyItem<T>(fetchPage: (args: PageArgs) => Promise<Page<T>>): Promise<T[]> {
  const values: T[] = [];
  let after: string | null = null;
  do {
    const page = await fetchPage({ first: MAX_PAGE_SIZE, after });
    values.push(...page.items.map(({ value }) => value));
    after = page.hasNextPage ? page.items.at(-1)!.cursor : null;
  } while (after);
  return values;
}
