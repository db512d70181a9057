/**
 * The change feed's items and the reads and writes of them (the domain side is
 * `lib/changes.ts`).
 *
 * A write event (an ingest's commit, a delete's mark, a claim write, a merge step) adds one
 * entry to one of CHANGE_SHARDS shards, in the same transaction that makes its change
 * visible. Each shard numbers its entries 1, 2, 3, … with no gaps: the transaction moves the
 * shard's head from n to n + 1 on the condition that it is still n, so entry n + 1 commits
 * only after entry n, whatever the writers' clocks say. A reader that holds "shard s up to
 * n" can therefore never skip an entry committed later: it is n + 1 or after.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ConditionFailedError, MAX_BATCH_GET_KEYS, keyString, type Db, type Item, type WriteAction } from './client.js';
import { CHANGE_HEAD_SORT_KEY, CHANGE_SHARDS, changePatterns, type EntityType } from './patterns.js';
import { TTL_ATTRIBUTE } from './table.js';

/** One node touched by a write event. */
export interface NodeChange {
  type: EntityType;
  id: string;
  deleted: boolean;
}

/**
 * Node IDs per entry item. An event over more (an article of 1,000 claims) takes several
 * consecutive entries of its shard, in its one transaction: an entry stays a few KB, so a
 * page of the feed (first + 1 entries per shard) stays far below DynamoDB's 1 MB per Query.
 */
export const NODES_PER_ENTRY = 100;

const TYPE_CODES: Record<EntityType, string> = { ARTICLE: 'A', CLAIM: 'C', PARTY: 'P', LOCATION: 'L' };
const CODE_TYPES = Object.fromEntries(Object.entries(TYPE_CODES).map(([type, code]) => [code, type])) as Record<
  string,
  EntityType
>;

/** A node change as stored in an entry: `U` or `D`, the type's letter, the ID ("UCabc…"). */
const encodeChange = (change: NodeChange): string =>
  `${change.deleted ? 'D' : 'U'}${TYPE_CODES[change.type]}${change.id}`;
export const decodeChange = (value: string): NodeChange => ({
  deleted: value[0] === 'D',
  type: CODE_TYPES[value[1]!]!,
  id: value.slice(2),
});

/** Each node once; a node both upserted and deleted by one event is deleted. */
export function distinctChanges(changes: readonly NodeChange[]): NodeChange[] {
  const byNode = new Map<string, NodeChange>();
  for (const change of changes) {
    const key = `${change.type}:${change.id}`;
    const earlier = byNode.get(key);
    if (!earlier || change.deleted) byNode.set(key, change);
  }
  return [...byNode.values()];
}

/** The actions that record `changes` as entries after `head` in `shard`, and move its head. */
export function changeActions(
  shard: number,
  head: number,
  changes: readonly NodeChange[],
  at: Date,
  retentionSeconds: number,
): { actions: WriteAction[]; head: number } {
  const encoded = distinctChanges(changes).map(encodeChange);
  const entries: WriteAction[] = [];
  for (let i = 0; i < encoded.length; i += NODES_PER_ENTRY) {
    const seq = head + 1 + entries.length;
    entries.push({
      put: {
        ...changePatterns.changeEntry.key(shard, seq),
        seq,
        at: at.toISOString(),
        [TTL_ATTRIBUTE]: Math.floor(at.getTime() / 1000) + retentionSeconds,
        changes: encoded.slice(i, i + NODES_PER_ENTRY),
      },
    });
  }
  const next = head + entries.length;
  return {
    // The head goes last: its reason is the last of a cancelled transaction's.
    actions: [
      ...entries,
      {
        update: changePatterns.changeHead.key(shard),
        set: 'SET #seq = :next',
        condition: head === 0 ? 'attribute_not_exists(#seq)' : '#seq = :head',
        names: { '#seq': 'seq' },
        values: { ':next': next, ...(head === 0 ? {} : { ':head': head }) },
      },
    ],
    head: next,
  };
}

/** The last sequence number `shard` gave out (0 before its first entry). */
export async function readHead(db: Db, shard: number): Promise<number> {
  const item = await db.get(changePatterns.changeHead.key(shard), true);
  return Number(item?.seq ?? 0);
}

/** Every shard's head, in one BatchGetItem. */
export async function readHeads(db: Db): Promise<number[]> {
  const keys = Array.from({ length: CHANGE_SHARDS }, (_, shard) => changePatterns.changeHead.key(shard));
  if (keys.length > MAX_BATCH_GET_KEYS) throw new Error('too many change shards for one BatchGetItem');
  const found = await db.batchGet(keys, true);
  return keys.map((key) => Number(found.get(keyString(key))?.seq ?? 0));
}

/**
 * True when a transaction was cancelled only because the shard's head moved (another event
 * took the next number): the caller reads the head again and retries. Any other failed
 * condition is the writer's own.
 */
export function onlyHeadMoved(error: unknown): boolean {
  if (!(error instanceof ConditionFailedError)) return false;
  const { reasons } = error;
  return reasons.at(-1) === 'ConditionalCheckFailed' && reasons.slice(0, -1).every((reason) => reason === undefined);
}

/**
 * True when a transaction was cancelled only by conflicts with other transactions (on the
 * head, which every event of its shard writes), after the client's own retries gave up.
 */
export function onlyConflicts(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
  return (
    codes.includes('TransactionConflict') &&
    codes.every((code) => code === 'None' || code === 'TransactionConflict' || code === undefined)
  );
}

/** A stored entry. */
export interface ChangeEntry {
  shard: number;
  seq: number;
  at: string;
  expiresAt: number;
  changes: string[];
}

/** What one Query of a shard found after a position. */
export interface ShardRead {
  /** Entries in sequence order (without those a filter dropped). */
  entries: ChangeEntry[];
  /** The shard's head, when the Query reached it (it sorts after every entry). */
  head: number | undefined;
  /** The sequence number of the last item the Query looked at, kept or dropped. */
  lastSeq: number | undefined;
  /** True when the Query stopped at its limit before the head: more entries follow. */
  more: boolean;
}

/**
 * Reads up to `limit` entries of `shard` after `seq`, and the head if they are all there is.
 * With `liveAt` (epoch seconds), entries that expired by then are dropped by the Query itself.
 */
export async function readShard(
  db: Db,
  shard: number,
  seq: number,
  limit: number,
  liveAt?: number,
): Promise<ShardRead> {
  const query = changePatterns.changeEntry.query(shard, seq);
  const filter = liveAt === undefined ? undefined : 'attribute_not_exists(#ttl) OR #ttl > :live';
  const page = await db.query({
    keyCondition: '#p = :p AND #s BETWEEN :from AND :to',
    names: { '#p': 'pk', '#s': 'sk', ...(filter ? { '#ttl': TTL_ATTRIBUTE } : {}) },
    values: { ':p': query.partition, ':from': query.from, ':to': query.to, ...(filter ? { ':live': liveAt } : {}) },
    filter,
    // The entries asked for and the head after them.
    limit: limit + 1,
    consistent: true,
  });
  const entries: ChangeEntry[] = [];
  let head: number | undefined;
  for (const item of page.items) {
    if (item.sk === CHANGE_HEAD_SORT_KEY) head = Number(item.seq);
    else entries.push(entryOf(shard, item));
  }
  const lastKeySeq = page.lastKey ? seqOfSortKey(String(page.lastKey.sk)) : undefined;
  return {
    entries: entries.slice(0, limit),
    head,
    lastSeq: lastKeySeq ?? entries.at(-1)?.seq,
    more: head === undefined && (page.lastKey !== undefined || entries.length > limit),
  };
}

const entryOf = (shard: number, item: Item): ChangeEntry => ({
  shard,
  seq: Number(item.seq),
  at: String(item.at),
  expiresAt: Number(item[TTL_ATTRIBUTE]),
  changes: (item.changes as string[]) ?? [],
});

const seqOfSortKey = (sk: string): number | undefined =>
  sk === CHANGE_HEAD_SORT_KEY ? undefined : Number(sk.slice(4));
