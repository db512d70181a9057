/**
 * Sync: createdAt/updatedAt on every node, and the change feed that lets a client mirror
 * the data (`changes(after:, first:)`): which nodes were upserted or deleted, in order, from
 * a cursor it can keep forever (until it is older than the retention).
 *
 * Ordering: a monotonic sequence per shard (see `store/changes.ts`), not a settle lag. A
 * lag is only safe if no write takes longer than the lag from taking its timestamp to its
 * commit, and our writes retry (SDK retries, transaction conflicts) for an unbounded time
 * on a local host; the sequence is committed with the change, so an entry committed later
 * always sorts after every position a reader already holds, whatever the clocks say, and
 * the feed serves a change as soon as it commits. The price: one more consistent GetItem
 * per write event (read beside the writer's other reads, not after them) and, when two
 * events race for one shard, a retry of the loser's transaction.
 */
import { createHash } from 'node:crypto';
import { CursorExpiredError, ConflictError, InvalidCursorError } from './errors.js';
import { MAX_TRANSACTION_ACTIONS, type Db, type WriteAction } from './store/client.js';
import type { DataContext } from './store/loaders.js';
import {
  changeActions,
  decodeChange,
  NODES_PER_ENTRY,
  onlyConflicts,
  onlyHeadMoved,
  readHead,
  readHeads,
  readShard,
  type NodeChange,
} from './store/changes.js';
import { checkPageSize, type Page } from './store/pagination.js';
import { CHANGE_SHARDS, type EntityType } from './store/patterns.js';

export type { NodeChange } from './store/changes.js';

/** How long feed entries (tombstones included) are kept: a cursor older than this must resync. */
export const CHANGE_RETENTION_DAYS = 30;
export const CHANGE_RETENTION_SECONDS = CHANGE_RETENTION_DAYS * 86_400;

/**
 * The clock of the feed and of createdAt/updatedAt. Tests set `now` to step through time
 * (retention, expiry) without waiting for it.
 */
export const clock = { now: (): Date => new Date() };
export const timestamp = (): string => clock.now().toISOString();
/** createdAt and updatedAt of something new. */
export const createdNow = () => {
  const now = timestamp();
  return { createdAt: now, updatedAt: now };
};

export const upserted = (type: EntityType, ids: readonly string[]): NodeChange[] =>
  ids.map((id) => ({ type, id, deleted: false }));
export const deleted = (type: EntityType, ids: readonly string[]): NodeChange[] =>
  ids.map((id) => ({ type, id, deleted: true }));

/** What a write that shows an article (a commit, a re-extraction's switch) changes: it and all it lists. */
export const articleChanges = (article: {
  id: string;
  claimIds: readonly string[];
  partyIds: readonly string[];
  locationIds: readonly string[];
}): NodeChange[] => [
  ...upserted('ARTICLE', [article.id]),
  ...upserted('CLAIM', article.claimIds),
  ...upserted('PARTY', article.partyIds),
  ...upserted('LOCATION', article.locationIds),
];

const shardOfKey = (key: string): number => createHash('sha256').update(key).digest()[0]! % CHANGE_SHARDS;

/** The actions the feed adds to a transaction that announces `nodes` changes: its entries and its shard's head. */
const feedActionCount = (nodes: number): number => (nodes === 0 ? 0 : Math.ceil(nodes / NODES_PER_ENTRY) + 1);

/** How many more actions fit in a transaction of `actions` that announces `changes`. */
export const roomBeside = (actions: number, changes: readonly NodeChange[]): number =>
  MAX_TRANSACTION_ACTIONS - actions - feedActionCount(changes.length);

/** How many times an event retries when other events keep taking its shard's next number. */
const MAX_HEAD_RACES = 20;

/**
 * Records the write events of one writer. Made before the writer's own reads, so the head
 * of its shard is read beside them; `commit` then adds the entry to the transaction that
 * makes the change visible.
 */
export class ChangeRecorder {
  private head: Promise<number>;

  private readonly firstShard: number;

  /**
   * `key`: the ID of what the write is about (its article, claim, party or place). Its hash
   * picks the shard, so a write and its retry (or the reference run of a test) land on the
   * same keys, and writes to one thing, which contend on its item anyway, share one head.
   */
  constructor(
    private readonly db: Db,
    key: string,
    private shard = shardOfKey(key),
  ) {
    this.firstShard = shard;
    this.head = readHead(db, shard);
    // Read ahead: a writer that fails before it commits never awaits it.
    this.head.catch(() => {});
  }

  /**
   * Commits `actions` in one transaction with the entry of `changes`. A lost race for the
   * shard's next number (or a transaction conflict on its head that outlasted the client's
   * own retries) moves to another shard, reads its head and retries; any other failure is
   * thrown as it came (a ConditionFailedError for the writer to handle).
   */
  async commit(actions: WriteAction[], changes: NodeChange[]): Promise<void> {
    if (changes.length === 0) return this.db.transact(actions);
    for (let race = 0; race < MAX_HEAD_RACES; race++) {
      const head = await this.head;
      const feed = changeActions(this.shard, head, changes, clock.now(), CHANGE_RETENTION_SECONDS);
      try {
        await this.db.transact([...actions, ...feed.actions]);
        this.head = Promise.resolve(feed.head);
        return;
      } catch (error) {
        if (!onlyHeadMoved(error) && !onlyConflicts(error)) throw error;
        // Full jitter, so writers that collided on one head spread out over the shards and in time.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 10 * 2 ** race)));
        this.shard = (this.firstShard + race + 1) % CHANGE_SHARDS;
        this.head = readHead(this.db, this.shard);
      }
    }
    throw new ConflictError('the change feed was too busy to record this write; send it again');
  }

  /**
   * Commits groups of actions (a claim with its links: never split) in as few transactions
   * of at most 100 actions as it takes, each with the entry of its own groups' changes, so
   * every transaction that changes something visible announces it. `alongside` adds to each
   * transaction the writes that must go with the groups in it (at most `reserve` actions),
   * given their indexes.
   */
  async commitGroups(
    groups: { actions: WriteAction[]; changes: NodeChange[] }[],
    alongside: (indexes: number[]) => WriteAction[] = () => [],
    reserve = 0,
  ): Promise<void> {
    // Room for the head and one entry per NODES_PER_ENTRY nodes: three covers 200 nodes.
    const capacity = MAX_TRANSACTION_ACTIONS - 3 - reserve;
    let batch: WriteAction[] = [];
    let changes: NodeChange[] = [];
    let indexes: number[] = [];
    for (const [index, group] of groups.entries()) {
      if (group.actions.length > capacity) {
        throw new Error(`one group of writes has ${group.actions.length} actions; the limit is ${capacity}`);
      }
      if (batch.length + group.actions.length > capacity) {
        await this.commit([...batch, ...alongside(indexes)], changes);
        batch = [];
        changes = [];
        indexes = [];
      }
      batch.push(...group.actions);
      changes.push(...group.changes);
      indexes.push(index);
    }
    await this.commit([...batch, ...alongside(indexes)], changes);
  }
}

/** One change of the feed, as the API shows it. */
export interface Change extends NodeChange {
  /** When the write was committed (its writer's clock). */
  at: string;
}

/** Where a reader is in one shard. */
interface Position {
  /** Entries up to this number are read. */
  seq: number;
  /** Nodes of entry seq + 1 already read. */
  offset: number;
  /** Still at the start of the feed: skip what expired instead of refusing it. */
  fromStart: boolean;
}

const encodeCursor = (positions: Position[]): string =>
  Buffer.from(JSON.stringify({ f: positions.map((p) => [p.seq, p.offset, p.fromStart ? 1 : 0]) }), 'utf8').toString(
    'base64url',
  );

function decodeCursor(cursor: string): Position[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { f?: unknown };
    const positions = value.f;
    if (
      Array.isArray(positions) &&
      positions.length === CHANGE_SHARDS &&
      positions.every(
        (p) =>
          Array.isArray(p) &&
          p.length === 3 &&
          p.every((n) => Number.isSafeInteger(n) && n >= 0) &&
          (p[2] === 0 || p[2] === 1),
      )
    ) {
      return positions.map(([seq, offset, fromStart]: number[]) => ({
        seq: seq!,
        offset: offset!,
        fromStart: fromStart === 1,
      }));
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError('the cursor is malformed or belongs to another list');
}

const expired = () =>
  new CursorExpiredError(
    `the changes after this cursor are older than the feed keeps (${CHANGE_RETENTION_DAYS} days): take \`changesCursor\`, read everything again, then follow \`changes\` from that cursor`,
  );

/**
 * A page of the feed: every shard is read at once from its position (one round trip of
 * CHANGE_SHARDS Queries, each at most first + 2 items), and the nodes are merged in the
 * order of their entries' commit times. Each cursor holds every shard's position, so a
 * client resumes from any edge and never misses an entry committed after it read.
 */
export async function listChanges(
  data: DataContext,
  args: { first: number; after?: string | null },
): Promise<Page<Change>> {
  checkPageSize(args.first);
  const positions: Position[] = args.after
    ? decodeCursor(args.after)
    : Array.from({ length: CHANGE_SHARDS }, () => ({ seq: 0, offset: 0, fromStart: true }));
  const now = Math.floor(clock.now().getTime() / 1000);
  const reads = await Promise.all(
    positions.map((position, shard) =>
      readShard(data.db, shard, position.seq, args.first + 1, position.fromStart ? now : undefined),
    ),
  );

  // Each shard's stream of nodes from its position; a cursor past retention is refused.
  const streams = reads.map((read, shard) => {
    const position = positions[shard]!;
    const first = read.entries[0];
    if (!position.fromStart) {
      const gone = first
        ? first.seq !== position.seq + 1 || first.expiresAt <= now
        : read.head !== undefined && read.head > position.seq;
      if (gone) throw expired();
    }
    // From the start, entries that expired were left out: the stream begins at the first kept.
    const skip = first && first.seq === position.seq + 1 ? position.offset : 0;
    if (first && skip >= first.changes.length) throw new InvalidCursorError();
    return { entries: read.entries, entry: 0, node: skip };
  });

  const items: Page<Change>['items'] = [];
  const current = positions.map((position) => ({ ...position }));
  // From the start, a shard whose expired entries were all skipped moves past them.
  reads.forEach((read, shard) => {
    const position = current[shard]!;
    if (!position.fromStart) return;
    const first = read.entries[0];
    if (first && first.seq > position.seq + 1) current[shard] = { seq: first.seq - 1, offset: 0, fromStart: true };
    else if (!first && read.lastSeq !== undefined) current[shard] = { seq: read.lastSeq, offset: 0, fromStart: true };
  });
  while (items.length < args.first) {
    // The shard whose next entry committed first (then the lower shard, for a stable order).
    let pick = -1;
    for (let shard = 0; shard < streams.length; shard++) {
      const entry = streams[shard]!.entries[streams[shard]!.entry];
      if (!entry) continue;
      const best = pick >= 0 ? streams[pick]!.entries[streams[pick]!.entry]! : undefined;
      if (!best || entry.at < best.at) pick = shard;
    }
    if (pick < 0) break;
    const stream = streams[pick]!;
    const entry = stream.entries[stream.entry]!;
    const change = decodeChange(entry.changes[stream.node]!);
    stream.node += 1;
    if (stream.node >= entry.changes.length) {
      stream.entry += 1;
      stream.node = 0;
      current[pick] = { seq: entry.seq, offset: 0, fromStart: false };
    } else {
      current[pick] = { seq: entry.seq - 1, offset: stream.node, fromStart: false };
    }
    items.push({ cursor: encodeCursor(current), value: { ...change, at: entry.at } });
  }
  const hasNextPage = reads.some((read, shard) => read.more || streams[shard]!.entry < streams[shard]!.entries.length);
  return { items, hasNextPage, endCursor: encodeCursor(current) };
}

/**
 * A cursor at the feed's present: every change committed after it comes after it. A client
 * starting a mirror when the feed no longer reaches back to the first write (older than
 * the retention) takes it, reads everything through the listings, then follows from it.
 */
export async function changesCursor(data: DataContext): Promise<string> {
  const heads = await readHeads(data.db);
  return encodeCursor(heads.map((seq) => ({ seq, offset: 0, fromStart: false })));
}
