/**
 * What parties and places have in common: a name, aliases, and entries in the name index
 * that `resolve(name)` and extraction look them up by.
 */
import { keyString, withoutKeys, type Db, type Item, type WriteAction } from './dynamo.js';
import { commitGroups } from './writes.js';
import { ConditionFailedError } from './dynamo.js';
import { entityKey, namePartition } from './keys.js';
import { keyOfItem, nameItems } from './items.js';
import { foldName } from './names.js';

export type NamedType = 'PARTY' | 'LOCATION';

export interface Named {
  id: string;
  name: string;
  aliases: string[];
  version: number;
}

/** IDs of the entities of `type` with this name or alias. */
export async function idsByName(db: Db, type: NamedType, name: string): Promise<string[]> {
  if (!foldName(name)) return [];
  const { items } = await db.query({
    keyCondition: '#pk = :pk AND begins_with(#sk, :type)',
    names: { '#pk': 'pk', '#sk': 'sk' },
    values: { ':pk': namePartition(name), ':type': `${type}#` },
  });
  return items.map((item) => String(item.entityId));
}

/** Aliases in `extra` that `entity` does not have yet, by folded form. */
export function newAliases(entity: { name: string; aliases: string[] }, extra: string[]): string[] {
  const known = new Set([entity.name, ...entity.aliases].map(foldName));
  const added: string[] = [];
  for (const alias of extra) {
    const folded = foldName(alias);
    if (folded && !known.has(folded)) {
      known.add(folded);
      added.push(alias);
    }
  }
  return added;
}

/**
 * Creates an entity with its name entries unless it exists; when it exists, adds the
 * aliases it lacks. Idempotent, so concurrent ingests of the same actor converge.
 */
export async function ensureNamed<T extends Named>(db: Db, type: NamedType, entity: T, toItem: (entity: T) => Item): Promise<void> {
  try {
    await db.transact([
      { put: toItem(entity), condition: 'attribute_not_exists(pk)' },
      ...nameItems(type, entity).map((item) => ({ put: item })),
    ]);
    return;
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
  }
  await addAliases(db, type, entity.id, entity.aliases, toItem);
}

export interface NamedEntry<T extends Named = Named> {
  type: NamedType;
  entity: T;
  toItem: (entity: T) => Item;
}

/**
 * `ensureNamed` for many entities at the cost of one BatchGetItem: those that exist gain
 * any new aliases, the rest are created together in as few transactions as fit. If a
 * concurrent writer created one in between, each falls back to `ensureNamed`.
 */
export async function ensureManyNamed(db: Db, entries: NamedEntry<any>[]): Promise<void> {
  const stored = await db.batchGet(entries.map(({ type, entity }) => entityKey(type, entity.id)));
  const missing: NamedEntry<any>[] = [];
  await Promise.all(
    entries.map(async (entry) => {
      const item = stored.get(keyString(entityKey(entry.type, entry.entity.id)));
      if (!item) return missing.push(entry);
      if (newAliases(withoutKeys<Named>(item), entry.entity.aliases).length > 0) {
        await addAliases(db, entry.type, entry.entity.id, entry.entity.aliases, entry.toItem);
      }
    }),
  );
  const groups = missing.map(({ type, entity, toItem }): WriteAction[] => [
    { put: toItem(entity), condition: 'attribute_not_exists(pk)' },
    ...nameItems(type, entity).map((item) => ({ put: item })),
  ]);
  try {
    await commitGroups(db, groups);
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    await Promise.all(missing.map(({ type, entity, toItem }) => ensureNamed(db, type, entity, toItem)));
  }
}

/** Adds aliases to a stored entity with optimistic locking, retrying on a concurrent change. */
export async function addAliases<T extends Named>(db: Db, type: NamedType, id: string, aliases: string[], toItem: (entity: T) => Item): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await db.get(entityKey(type, id), true);
    if (!stored) return;
    const current = withoutKeys<T>(stored);
    const added = newAliases(current, aliases);
    if (added.length === 0) return;
    const updated = { ...current, aliases: [...current.aliases, ...added], version: current.version + 1 };
    try {
      await db.transact([
        { put: toItem(updated), condition: 'version = :v', values: { ':v': current.version } },
        ...nameItems(type, { id, name: added[0]!, aliases: added.slice(1) }).map((item) => ({ put: item })),
      ]);
      return;
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }
}

/** Name-index writes that turn `before`'s names into `after`'s. */
export function renameWrites(type: NamedType, before: Named, after: Named): WriteAction[] {
  const old = new Map(nameItems(type, before).map((item) => [String(item.pk), item]));
  const next = new Map(nameItems(type, after).map((item) => [String(item.pk), item]));
  return [
    ...[...old].filter(([pk]) => !next.has(pk)).map(([, item]) => ({ delete: keyOfItem(item) })),
    ...[...next].filter(([pk]) => !old.has(pk)).map(([, item]) => ({ put: item })),
  ];
}
