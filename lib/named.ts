/**
 * What parties and places have in common: a name, aliases, and entries in the name index
 * that `resolve(name)` and extraction look them up by.
 */
import type { DataContext } from './store/loaders.js';
import {
  ConditionFailedError,
  allWrites,
  keyString,
  withoutKeys,
  type Db,
  type Item,
  type Key,
  type WriteAction,
} from './store/client.js';
import type { Extraction } from './extract/types.js';
import { locationIdFor, partyIdFor } from './ids.js';
import { keyOfItem, locationItem, nameItems, partyItem } from './store/items.js';
import { locationKey, partyKey, patterns } from './store/patterns.js';
import { foldName } from './names.js';
import { MAX_PAGE_SIZE, pageOfPartition } from './store/pagination.js';
import type { Location, Party } from './records.js';
import { ChangeRecorder, createdNow, timestamp, upserted } from './changes.js';

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
  if (type === 'PARTY') {
    // A lead may name a party whose write stopped midway: only the ones that exist count.
    const ids = partyIdsOf(await db.get(patterns.partyNames.key(name), true));
    const found = await db.batchGet(ids.map(partyKey), true);
    return ids.filter((id) => found.has(keyString(partyKey(id))));
  }
  const { items } = await pageOfPartition(db, patterns.names.query(name, type), { first: MAX_PAGE_SIZE });
  return items.map(({ value }) => String(value.entityId));
}

/** The party IDs a `partyNames` item holds, in a stable order. */
const partyIdsOf = (item: Item | undefined): string[] =>
  [...((item?.partyIds as Set<string> | undefined) ?? [])].sort();

/**
 * Adds `id` to (or, with `remove`, takes it from) the parties each name leads to: one
 * UpdateItem per name, all at once. Always written before the names and the entity they
 * lead to, so that a run stopped midway leaves at most a lead to nothing, which readers
 * check and skip, and the retry writes the rest.
 */
export async function writePartyNames(
  db: Db,
  id: string,
  names: string[],
  change: 'ADD' | 'DELETE' = 'ADD',
): Promise<void> {
  const byKey = new Map(
    names.filter((name) => foldName(name)).map((name) => [keyString(patterns.partyNames.key(name)), name]),
  );
  await allWrites(
    [...byKey.values()].map((name) =>
      db.update({
        key: patterns.partyNames.key(name),
        set: `${change} partyIds :ids`,
        values: { ':ids': new Set([id]) },
      }),
    ),
  );
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

/** The parties and places of one extraction, resolved against what is stored. */
export interface NamedPlan {
  /** Every item the planning read, by key string (the caller's extra keys included). */
  stored: Map<string, Item>;
  /** By the extraction's local key. */
  parties: Map<string, Party>;
  locations: Map<string, Location>;
  /** Entities to create, and stored ones with names to add (each once). */
  writes: {
    type: NamedType;
    entity: Named;
    toItem: (entity: any) => Item;
    storedVersion: number | null;
    added: string[];
  }[];
}

/**
 * Resolves the parties and places of an extraction with one batched read (plus `extraKeys`
 * the caller wants in the same round trip): a party is the one stored under its canonical
 * name's ID, or the one it was merged into, or (for a name never seen as a canonical
 * name) whichever party has it as an alias, found through the name index; otherwise a
 * new one. Two extracted names that land on one entity become one entity with both names.
 */
export async function planNamed(data: DataContext, extraction: Extraction, extraKeys: Key[]): Promise<NamedPlan> {
  const partyIds = extraction.parties.map((party) => partyIdFor(party.name));
  const locationIds = extraction.locations.map((location) => locationIdFor(location));
  const stored = await data.db.batchGet(
    [
      ...extraKeys,
      ...extraction.parties.flatMap((party, i) => [
        partyKey(partyIds[i]!),
        patterns.mergedParty.key(partyIds[i]!),
        patterns.partyNames.key(party.name),
      ]),
      ...locationIds.map(locationKey),
    ],
    true,
  );
  const get = (key: Key) => stored.get(keyString(key));

  // Where each extracted party leads: the stored party, a merge's redirect, or (for a name
  // never seen as a canonical name) the party that has it as an alias.
  const aliased = extraction.parties.map((party) => partyIdsOf(get(patterns.partyNames.key(party.name))));
  const elsewhere = aliased.flat().filter((id) => !stored.has(keyString(partyKey(id))));
  if (elsewhere.length > 0) {
    const more = await data.db.batchGet(
      [...new Set(elsewhere)].flatMap((id) => [partyKey(id), patterns.mergedParty.key(id)]),
      true,
    );
    for (const [key, item] of more) stored.set(key, item);
  }
  /** Where a party ID leads now: itself, or the party it was merged into; null if it does not exist. */
  const follow = (id: string): string | null => {
    const item = get(partyKey(id));
    if (item) return item.mergedInto ? String(item.mergedInto) : id;
    const redirect = get(patterns.mergedParty.key(id));
    return redirect ? String(redirect.partyId) : null;
  };
  const resolved = partyIds.map((id, i) => follow(id) ?? aliased[i]!.map(follow).find((found) => found !== null) ?? id);
  const followed = resolved.filter((id) => !stored.has(keyString(partyKey(id))));
  if (followed.length > 0)
    for (const [key, item] of await data.db.batchGet([...new Set(followed)].map(partyKey), true)) stored.set(key, item);

  const plan: NamedPlan = { stored, parties: new Map(), locations: new Map(), writes: [] };
  const parties = new Map<string, Party>();
  extraction.parties.forEach((extracted, i) => {
    const id = resolved[i]!;
    const item = get(partyKey(id));
    const base: Party =
      parties.get(id) ??
      (item
        ? withoutKeys<Party>(item)
        : {
            id,
            name: extracted.name,
            aliases: [],
            kind: extracted.kind,
            affiliation: extracted.affiliation,
            version: 1,
            ...createdNow(), // sync
          });
    const party = { ...base, aliases: [...base.aliases, ...newAliases(base, [extracted.name, ...extracted.aliases])] };
    parties.set(id, party);
    plan.parties.set(extracted.key, party);
  });
  const locations = new Map<string, Location>();
  extraction.locations.forEach((extracted, i) => {
    const id = locationIds[i]!;
    const item = get(locationKey(id));
    const base: Location =
      locations.get(id) ??
      (item
        ? withoutKeys<Location>(item)
        : {
            id,
            name: extracted.name,
            aliases: [],
            latitude: extracted.latitude,
            longitude: extracted.longitude,
            countryCode: extracted.countryCode,
            precision: extracted.precision,
            geonamesId: extracted.geonamesId,
            candidates: extracted.candidates,
            version: 1,
            ...createdNow(), // sync
          });
    const location = {
      ...base,
      aliases: [...base.aliases, ...newAliases(base, [extracted.name, ...extracted.aliases])],
    };
    locations.set(id, location);
    plan.locations.set(extracted.key, location);
  });

  const plannedWrites = <T extends Named>(type: NamedType, entities: Map<string, T>, toItem: (entity: T) => Item) => {
    for (const entity of entities.values()) {
      const item = get(patterns.entity.key(type, entity.id));
      const before = item ? withoutKeys<Named>(item) : null;
      if (!before || entity.aliases.length > before.aliases.length) {
        plan.writes.push({
          type,
          entity,
          toItem,
          storedVersion: before?.version ?? null,
          // A stored entity's names are kept; only those it gains are written.
          added: before ? entity.aliases.slice(before.aliases.length) : [entity.name, ...entity.aliases],
        });
      }
    }
  };
  plannedWrites('PARTY', parties, partyItem);
  plannedWrites('LOCATION', locations, locationItem);
  return plan;
}

/**
 * Writes a plan's new entities (unconditional puts in batches: an entity's ID comes from
 * its name, so two ingests that both create it write the same item) and the names stored
 * entities gained (a version-guarded update each, with their name entries; a lost race
 * falls back to adding the names to whatever is stored now). A new entity's name entries
 * go first and the entity after them: a run stopped in between leaves names that lead
 * nowhere (`resolve` skips them), and the retry, finding no entity, writes both again.
 */
export async function writeNamed(db: Db, plan: NamedPlan, alongside: Promise<unknown>[] = []): Promise<void> {
  const created = plan.writes.filter((write) => write.storedVersion === null);
  const grown = plan.writes.filter((write) => write.storedVersion !== null);
  await allWrites([
    ...alongside,
    db.batchWrite(created.flatMap(({ type, entity }) => nameItems(type, entity)).map((item) => ({ put: item }))),
    ...created
      .filter(({ type }) => type === 'PARTY')
      .map(({ entity }) => writePartyNames(db, entity.id, [entity.name, ...entity.aliases])),
    ...grown.map(async ({ type, entity, toItem, storedVersion, added }) => {
      if (type === 'PARTY') await writePartyNames(db, entity.id, added);
      try {
        await db.transact([
          {
            // sync: announced by the ingest's commit, which lists every party and place it names.
            put: toItem({ ...entity, version: storedVersion! + 1, updatedAt: timestamp() }),
            condition: 'version = :v AND attribute_not_exists(mergedInto)',
            values: { ':v': storedVersion },
          },
          ...nameItems(type, { id: entity.id, name: added[0]!, aliases: added.slice(1) }).map((item) => ({
            put: item,
          })),
        ]);
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        await addAliases(db, type, entity.id, added, toItem);
      }
    }),
  ]);
  await db.batchWrite(created.map(({ entity, toItem }) => ({ put: toItem(entity) })));
}

/**
 * Adds aliases to a stored entity with optimistic locking, retrying on a concurrent change.
 * A party merged away passes them on to the party it was merged into.
 */
export async function addAliases<T extends Named>(
  db: Db,
  type: NamedType,
  id: string,
  aliases: string[],
  toItem: (entity: T) => Item,
): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const feed = new ChangeRecorder(db, id); // sync: its shard's head is read beside the entity
    const stored = await db.get(patterns.entity.key(type, id), true);
    const redirect = !stored && type === 'PARTY' ? await db.get(patterns.mergedParty.key(id), true) : undefined;
    const target = stored?.mergedInto ?? redirect?.partyId;
    if (target) {
      // A writer that named the party before the merge may have led these names to it: they
      // lead to the party it was merged into instead.
      await writePartyNames(db, id, aliases, 'DELETE');
      return addAliases(db, type, String(target), aliases, toItem);
    }
    if (!stored) return;
    const current = withoutKeys<T>(stored);
    const added = newAliases(current, aliases);
    if (added.length === 0) return;
    const updated = {
      ...current,
      aliases: [...current.aliases, ...added],
      version: current.version + 1,
      updatedAt: timestamp(), // sync
    };
    if (type === 'PARTY') await writePartyNames(db, id, added);
    try {
      await feed.commit(
        [
          {
            put: toItem(updated),
            condition: 'version = :v AND attribute_not_exists(mergedInto)',
            values: { ':v': current.version },
          },
          ...nameItems(type, { id, name: added[0]!, aliases: added.slice(1) }).map((item) => ({ put: item })),
        ],
        upserted(type, [id]), // sync
      );
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
