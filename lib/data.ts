/**
 * The per-request data context: the table client and one DataLoader over BatchGetItem, so
 * every entity read in one tick of a GraphQL execution becomes a single round trip.
 */
import DataLoader from 'dataloader';
import { MAX_BATCH_GET_KEYS, keyString, withoutKeys, type Db, type Item, type Key } from './dynamo.js';
import { keyOfItem } from './items.js';
import type { Page } from './pagination.js';
import { articleKey, claimKey, locationKey, partyKey } from './keys.js';
import type { Article, Claim, Location, Party } from './records.js';

export interface DataContext {
  db: Db;
  items: DataLoader<Key, Item | undefined, string>;
}

export function createDataContext(db: Db): DataContext {
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

export const loadArticles = (data: DataContext, ids: readonly string[]) => loadMany<Article>(data, ids.map(articleKey));
export const loadClaims = (data: DataContext, ids: readonly string[]) => loadMany<Claim>(data, ids.map(claimKey));
export const loadParties = (data: DataContext, ids: readonly string[]) => loadMany<Party>(data, ids.map(partyKey));
export const loadLocations = (data: DataContext, ids: readonly string[]) => loadMany<Location>(data, ids.map(locationKey));

/** Loads by ID and drops the missing (e.g. deleted between two reads). */
export async function loadExisting<T>(load: (data: DataContext, ids: readonly string[]) => Promise<(T | null)[]>, data: DataContext, ids: readonly string[]): Promise<T[]> {
  return (await load(data, ids)).filter((value): value is Awaited<T> & {} => value !== null) as T[];
}


/** Turns stored items into records, priming the loader so a refetch costs nothing. */
export function toRecords<T>(data: DataContext, page: Page<Record<string, unknown>>): Page<T> {
  return {
    hasNextPage: page.hasNextPage,
    items: page.items.map(({ cursor, value }) => {
      data.items.prime(keyOfItem(value), value);
      return { cursor, value: withoutKeys<T>(value) };
    }),
  };
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
    items: page.items.flatMap(({ cursor }, i) => (values[i] ? [{ cursor, value: values[i] }] : [])),
  };
}
