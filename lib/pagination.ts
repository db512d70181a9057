/**
 * Forward pagination over DynamoDB. A cursor is opaque to clients: base64url JSON holding
 * the key to resume after (DynamoDB's ExclusiveStartKey, checked against the list it came
 * from) or an offset into a list held on a parent item.
 */
import type { Db, Item } from './dynamo.js';
import { InvalidCursorError, ValidationError } from './errors.js';
import { monthOf, monthRegistryPartition, type TimeIndex } from './keys.js';
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
    if (cursor.l !== listName || !Number.isInteger(cursor.o) || (cursor.o as number) < 0) throw new InvalidCursorError();
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
      limit: query.filter ? Math.min(budget - read, Math.max(50, 2 * (limit - items.length))) : limit - items.length,
      startKey: next,
      consistent: query.consistent,
    });
    read += page.scanned;
    items.push(...page.items);
    next = page.lastKey;
  } while (next && items.length < limit && read < budget);
  return { items: items.slice(0, limit), resumeKey: items.length < limit ? next : undefined };
}

function cursorOf(item: Item, query: PartitionQuery, extra: Item = {}): string {
  const attributes = keyAttributes(query.index);
  const key: Item = {};
  for (const name of attributes.all) key[name] = item[name];
  return encode({ ...extra, k: key });
}

/** One page of a single partition, in sort-key order. */
export async function pageOfPartition(db: Db, query: PartitionQuery, args: PageArgs): Promise<Page<Item>> {
  checkPageSize(args.first);
  const startKey = args.after ? startKeyFrom(decode(args.after).k, query) : undefined;
  const { items, resumeKey } = await collect(db, query, args.first + 1, startKey);
  return {
    items: items.slice(0, args.first).map((item) => ({ cursor: cursorOf(item, query), value: item })),
    hasNextPage: items.length > args.first || resumeKey !== undefined,
    ...(resumeKey ? { endCursor: cursorOf(resumeKey, query) } : {}),
  };
}

/**
 * One page of a time index sharded by month: the registry names the months that hold
 * items, newest first, and the page walks them in order until it is full.
 */
export async function pageOfShards(
  db: Db,
  options: {
    months: string[];
    queryFor: (month: string) => PartitionQuery;
  },
  args: PageArgs,
): Promise<Page<Item>> {
  checkPageSize(args.first);
  let monthIndex = 0;
  let startKey: Item | undefined;
  if (args.after) {
    const cursor = decode(args.after);
    monthIndex = options.months.indexOf(String(cursor.m));
    if (monthIndex < 0) throw new InvalidCursorError();
    startKey = startKeyFrom(cursor.k, options.queryFor(options.months[monthIndex]!));
  }
  const collected: { cursor: string; value: Item }[] = [];
  for (; monthIndex < options.months.length && collected.length <= args.first; monthIndex++) {
    const month = options.months[monthIndex]!;
    const query = options.queryFor(month);
    const { items } = await collect(db, query, args.first + 1 - collected.length, startKey);
    startKey = undefined;
    for (const item of items) collected.push({ cursor: cursorOf(item, query, { m: month }), value: item });
  }
  return { items: collected.slice(0, args.first), hasNextPage: collected.length > args.first };
}

/** The months of a time index that hold items within [from, to], newest first. */
export async function monthsOf(db: Db, index: TimeIndex, from?: string | null, to?: string | null): Promise<string[]> {
  const months: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.query({
      keyCondition: '#pk = :pk AND #sk BETWEEN :from AND :to',
      names: { '#pk': 'pk', '#sk': 'sk' },
      values: { ':pk': monthRegistryPartition(index), ':from': from ? monthOf(from) : '0000', ':to': to ? monthOf(to) : '9999' },
      forward: false,
      startKey,
    });
    months.push(...page.items.map((item) => String(item.sk)));
    startKey = page.lastKey;
  } while (startKey);
  return months;
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
