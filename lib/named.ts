/**
 * What parties and places have in common: a name, aliases, and entries in the name index
 * that `resolve(name)` and extraction look them up by.
 */
import type { DataContext } from './data.js';
import { withoutKeys, type Db, type Item, type WriteAction } from './dynamo.js';
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

export const loadNamedByIds = async <T>(data: DataContext, type: NamedType, ids: string[]): Promise<T[]> => {
  const items = await data.items.loadMany(ids.map((id) => entityKey(type, id)));
  return items.filter((item): item is Item => !!item && !(item instanceof Error)).map((item) => withoutKeys<T>(item));
};
