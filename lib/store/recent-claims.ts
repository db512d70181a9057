/**
 * A party's newest claims, kept where one BatchGetItem reads them for a whole page of
 * parties (`parties { claims(first:) }` costs one request for all parents, not a Query each):
 * one item per party (`recentClaimsOfParty`), with one attribute per claim (`claim:<id>` =
 * its day) and a `floor`, the sort key (`<day>#<claimId>`) at or below which the item is
 * not known to be complete.
 *
 * Exact, not a cache: every write that changes which claims a party has (a claim becoming
 * visible or not, changing claimant or day) changes the item IN THE SAME TRANSACTION, so a
 * reader never sees the two disagree, and a write stopped midway changed neither. Above the
 * floor, the item holds exactly the party's visible claims; below it, anything (readers
 * ignore it). One attribute per claim, so concurrent writers touch different attributes
 * and their SET / REMOVE commute, and no writer needs to read the item first.
 *
 * Bounded: once an item holds more than TRIM_AT claims, a writer trims it to the newest
 * KEPT after its transaction (raising the floor first). A party a write cannot fit in its
 * transaction (more than DynamoDB's 100 actions, or a huge change) is given up before the
 * write: its floor goes to the top, and readers use the Query for it from then on.
 */
import {
  allWrites,
  ConditionFailedError,
  keyString,
  type Db,
  type Item,
  type Key,
  type WriteAction,
} from './client.js';
import { loadClaimRecords, type DataContext } from './loaders.js';
import { checkPageSize, cursorOf, type Page } from './pagination.js';
import { claimKey, patterns } from './patterns.js';
import type { Claim } from '../records.js';

/** How many claims a trim keeps; enough for the usual `claims(first: 5..20)` under a list. */
export const RECENT_CLAIMS_KEPT = 20;
/** Trim when an item holds more than this (so trims are one write in KEPT). */
export const RECENT_CLAIMS_TRIM_AT = 2 * RECENT_CLAIMS_KEPT;
/** More changes than this to one party in one write: the party is given up instead (expression size). */
const MAX_CHANGES_PER_PARTY = 100;
/** A floor above every sort key: nothing is known, readers always use the Query. */
const GIVEN_UP = '\uffff';
const PREFIX = 'claim:';
const FLOOR = 'floor';

export const recentKey = (partyId: string): Key => patterns.recentClaimsOfParty.key(partyId);

/** A claim as far as the lists care: who claims it, and the day it sorts by. */
export interface ClaimRefSource {
  id: string;
  claimantId: string | null;
  day: string;
}

export interface ClaimRef {
  id: string;
  day: string;
}

const sortKeyOf = (ref: ClaimRef) => `${ref.day}#${ref.id}`;

export interface RecentClaims {
  /** Every claim the item holds, newest first (those at or below the floor included). */
  refs: ClaimRef[];
  floor: string | null;
}

export function recentClaimsOf(item: Item | undefined): RecentClaims {
  const refs: ClaimRef[] = [];
  for (const [name, value] of Object.entries(item ?? {}))
    if (name.startsWith(PREFIX)) refs.push({ id: name.slice(PREFIX.length), day: String(value) });
  refs.sort((a, b) => (sortKeyOf(a) < sortKeyOf(b) ? 1 : -1));
  return { refs, floor: typeof item?.[FLOOR] === 'string' ? (item[FLOOR] as string) : null };
}

/** The claims the item is known to hold exactly (above its floor), newest first. */
export const knownRefs = (recent: RecentClaims): ClaimRef[] =>
  recent.floor === null ? recent.refs : recent.refs.filter((ref) => sortKeyOf(ref) > recent.floor!);

/**
 * The newest `first` claims of a party, or null when the item cannot tell (the Query must):
 * below the floor there may be more, so it answers only when it holds more than `first`
 * above it, or is complete.
 */
export function newestRefs(recent: RecentClaims, first: number): { refs: ClaimRef[]; hasNextPage: boolean } | null {
  const known = knownRefs(recent);
  if (recent.floor !== null && known.length <= first) return null;
  return { refs: known.slice(0, first), hasNextPage: known.length > first };
}

/** Per party: claim ID → its day (set) or null (removed). */
export type RefChanges = Map<string, Map<string, string | null>>;

/**
 * What turns the lists of the claims visible `before` a write into those visible `after`:
 * a claim that appears, leaves, changes claimant or changes day.
 */
export function refChanges(before: readonly ClaimRefSource[], after: readonly ClaimRefSource[]): RefChanges {
  const changes: RefChanges = new Map();
  const change = (partyId: string, claimId: string, day: string | null) => {
    if (!changes.has(partyId)) changes.set(partyId, new Map());
    changes.get(partyId)!.set(claimId, day);
  };
  const was = new Map(before.filter((claim) => claim.claimantId).map((claim) => [claim.id, claim]));
  const is = new Map(after.filter((claim) => claim.claimantId).map((claim) => [claim.id, claim]));
  for (const [id, claim] of was) if (is.get(id)?.claimantId !== claim.claimantId) change(claim.claimantId!, id, null);
  for (const [id, claim] of is) {
    const earlier = was.get(id);
    if (earlier?.claimantId !== claim.claimantId || earlier.day !== claim.day) change(claim.claimantId!, id, claim.day);
  }
  return changes;
}

/** The UpdateItem of one party's item for its changes (SET a claim's day, REMOVE a claim). */
function updateOf(partyId: string, claims: Map<string, string | null>): WriteAction {
  const names: Record<string, string> = {};
  const values: Item = {};
  const set: string[] = [];
  const remove: string[] = [];
  let i = 0;
  for (const [claimId, day] of claims) {
    names[`#c${i}`] = `${PREFIX}${claimId}`;
    if (day === null) remove.push(`#c${i}`);
    else {
      values[`:c${i}`] = day;
      set.push(`#c${i} = :c${i}`);
    }
    i++;
  }
  const expression = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : '']
    .filter(Boolean)
    .join(' ');
  return { update: recentKey(partyId), set: expression, names, values: set.length ? values : undefined };
}

/**
 * The actions that carry `changes` in a transaction with `room` actions to spare. Parties
 * that do not fit are given up first (their readers use the Query from then on), so the
 * transaction stays exact for the rest; call this before the transaction it feeds.
 */
export async function recentWrites(db: Db, changes: RefChanges, room: number): Promise<WriteAction[]> {
  const parties = [...changes].filter(([, claims]) => claims.size > 0);
  const fits = parties.filter(([, claims]) => claims.size <= MAX_CHANGES_PER_PARTY).slice(0, Math.max(0, room));
  const kept = new Set(fits.map(([partyId]) => partyId));
  await giveUp(
    db,
    parties.filter(([partyId]) => !kept.has(partyId)).map(([partyId]) => partyId),
  );
  return recentUpdates(new Map(fits));
}

/** The actions that carry `changes` (for writes that know they fit: a few parties, a few claims each). */
export const recentUpdates = (changes: RefChanges): WriteAction[] =>
  [...changes].filter(([, claims]) => claims.size > 0).map(([partyId, claims]) => updateOf(partyId, claims));

/** Raises the parties' floors to the top: nothing is known of them from now on. */
async function giveUp(db: Db, partyIds: string[]): Promise<void> {
  await Promise.all(partyIds.map((partyId) => raiseFloor(db, partyId, GIVEN_UP)));
}

/** Sets the floor to `floor` unless it is already as high; never lowers it. */
async function raiseFloor(db: Db, partyId: string, floor: string): Promise<void> {
  try {
    await db.update({
      key: recentKey(partyId),
      set: 'SET #floor = :floor',
      condition: 'attribute_not_exists(#floor) OR #floor < :floor',
      names: { '#floor': FLOOR },
      values: { ':floor': floor },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
  }
}

/** The keys to read (in a batched read the caller makes anyway) to know whether these parties need a trim. */
export const recentKeys = (partyIds: Iterable<string>): Key[] => [...new Set(partyIds)].map(recentKey);

/**
 * Trims the items of `partyIds` that hold more than TRIM_AT claims to the newest KEPT:
 * first the floor rises to the newest claim dropped (from then on readers trust only what
 * is above it), then the older attributes go (a claim added later below the floor is
 * ignored). `stored` holds the items if the caller read
 * them already (by key string); otherwise they are read here. Safe beside any writer: a
 * claim added meanwhile below the new floor is ignored until the next trim takes it away.
 */
export async function trimRecentClaims(
  db: Db,
  partyIds: Iterable<string>,
  stored?: Map<string, Item>,
  adding: Map<string, number> = new Map(),
): Promise<void> {
  const keys = recentKeys(partyIds);
  if (keys.length === 0) return;
  const items = stored ?? (await db.batchGet(keys, true));
  await Promise.all(
    keys.map(async (key) => {
      const { refs } = recentClaimsOf(items.get(keyString(key)));
      // `adding`: claims a write about to commit adds (so it trims before, not after, them).
      if (refs.length + (adding.get(key.pk.slice('PARTY#'.length)) ?? 0) <= RECENT_CLAIMS_TRIM_AT) return;
      if (refs.length <= RECENT_CLAIMS_KEPT) return;
      const dropped = refs.slice(RECENT_CLAIMS_KEPT);
      const partyId = key.pk.slice('PARTY#'.length);
      const floor = sortKeyOf(dropped[0]!);
      // Usually one UpdateItem: the floor rises and the older claims go at once, if the floor
      // is lower and the claims still hold the days read; else step by step below.
      if (dropped.length <= MAX_CHANGES_PER_PARTY) {
        const names: Record<string, string> = { '#floor': FLOOR };
        const values: Item = { ':floor': floor };
        dropped.forEach((ref, i) => {
          names[`#c${i}`] = `${PREFIX}${ref.id}`;
          values[`:c${i}`] = ref.day;
        });
        try {
          await db.update({
            key,
            set: `SET #floor = :floor REMOVE ${dropped.map((_, i) => `#c${i}`).join(', ')}`,
            condition: `(attribute_not_exists(#floor) OR #floor < :floor) AND ${dropped.map((_, i) => `#c${i} = :c${i}`).join(' AND ')}`,
            names,
            values,
          });
          return;
        } catch (error) {
          if (!(error instanceof ConditionFailedError)) throw error;
        }
      }
      await raiseFloor(db, partyId, floor);
      const chunks: ClaimRef[][] = [];
      for (let i = 0; i < dropped.length; i += MAX_CHANGES_PER_PARTY)
        chunks.push(dropped.slice(i, i + MAX_CHANGES_PER_PARTY));
      await allWrites(
        chunks.map(async (chunk) => {
          // Each attribute goes only if it still holds the day read: a writer that moved the
          // claim to a newer day meanwhile keeps it. A chunk that changed stays for the next trim.
          const names: Record<string, string> = {};
          const values: Item = {};
          chunk.forEach((ref, i) => {
            names[`#c${i}`] = `${PREFIX}${ref.id}`;
            values[`:c${i}`] = ref.day;
          });
          try {
            await db.update({
              key,
              set: `REMOVE ${chunk.map((_, i) => `#c${i}`).join(', ')}`,
              condition: chunk.map((_, i) => `#c${i} = :c${i}`).join(' AND '),
              names,
              values,
            });
          } catch (error) {
            if (!(error instanceof ConditionFailedError)) throw error;
          }
        }),
      );
    }),
  );
}

/**
 * The first page of a party's claims from its item, or null when the item cannot tell. The
 * item comes through the request's loader, so the parties of one page are read in one
 * BatchGetItem; cursors are the Query's, so the next page goes on with it. With `idsOnly`,
 * the claims are not read: the item is exact, so their IDs are.
 */
export async function newestPartyClaims(
  data: DataContext,
  partyId: string,
  first: number,
  idsOnly: boolean,
): Promise<Page<Claim> | null> {
  checkPageSize(first);
  const newest = newestRefs(recentClaimsOf(await data.items.load(recentKey(partyId))), first);
  if (!newest) return null;
  const query = patterns.claimsByParty.query(partyId);
  const cursor = (ref: ClaimRef) =>
    cursorOf({ ...claimKey(ref.id), ...patterns.claimsByParty.keys({ ...ref, claimantId: partyId }) }, query);
  const ids = newest.refs.map((ref) => ref.id);
  const claims: (Claim | null)[] = idsOnly
    ? // Only `id` is selected: what the resolvers read of these is the ID.
      newest.refs.map((ref) => ({ id: ref.id, claimantId: partyId, day: ref.day }) as Claim)
    : (await loadClaimRecords(data, ids)).map((claim) => (claim?.claimantId === partyId ? claim : null));
  const last = newest.refs.at(-1);
  return {
    items: newest.refs.flatMap((ref, i) => (claims[i] ? [{ cursor: cursor(ref), value: claims[i] }] : [])),
    hasNextPage: newest.hasNextPage,
    ...(last ? { endCursor: cursor(last) } : {}),
  };
}

/**
 * `trimRecentClaims` after a write that has already answered for itself (a claim made or
 * changed): a failed trim leaves the list longer, still exact, and the next write trims it,
 * so it must not turn the write into an error the caller would retry (making a second claim).
 */
export async function trimRecentClaimsAfterWrite(db: Db, partyIds: Iterable<string>): Promise<void> {
  try {
    await trimRecentClaims(db, partyIds);
  } catch {
    // Left for the next write of these parties.
  }
}
